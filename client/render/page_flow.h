#pragma once
// The flow of blocks down A4 pages: where the next thing goes, when a page is full, and the page furniture
// (document number, title, copy label, page numbers) at fixed places.

#include "render/document_layout.h"
#include "render/page_content.h"
#include "render/text_layout.h"

#include <string_view>
#include <vector>

namespace ywtb::render {

/// Page geometry and type sizes, in points.
namespace geometry {
inline constexpr double mm = 72.0 / 25.4;
inline constexpr double pageWidth = 210 * mm;
inline constexpr double pageHeight = 297 * mm;
inline constexpr double margin = 20 * mm;
inline constexpr double contentWidth = pageWidth - 2 * margin;
inline constexpr double titleSize = 18;
inline constexpr double headerSize = 10.5;
inline constexpr double headingSize = 14;
inline constexpr double bodySize = 12;
inline constexpr double tableSize = 10.5;
inline constexpr double captionSize = 9;
inline constexpr double lineSpacing = 1.5; ///< body text: line height / font size
inline constexpr double blockGap = 8;      ///< between blocks
} // namespace geometry

/// Baseline of text of `size` points set in a line box of `lineHeight` whose top is at `lineTop`.
double baselineIn(double lineTop, double lineHeight, double size);

/// Places blocks top to bottom, starting new pages as they fill.
class PageFlow {
public:
    /// Starts the first page: the document number at the top right and the title centred below it.
    PageFlow(const GlyphCoverage& coverage, const Document& document);

    /// The fonts text is measured with.
    const GlyphCoverage& coverage() const { return m_coverage; }
    /// Measures `text` (UTF-8) at `size` points.
    ShapedText shape(std::string_view text, double size) const;

    /// The left and right margins' positions.
    double left() const { return geometry::margin; }
    double right() const { return geometry::pageWidth - geometry::margin; }
    /// The top of the free space on the current page.
    double cursor() const { return m_cursor; }
    /// Height left above the bottom margin.
    double remaining() const { return m_cursor - geometry::margin; }
    /// True when nothing has been placed under the page header yet, so moving on would not help.
    bool atTop() const { return m_atTop; }

    /// Starts a new page with the page header.
    void newPage();
    /// Starts a new page unless `height` fits here or the page is still empty.
    void keepTogether(double height);
    /// Moves the cursor down by `height` (which was filled).
    void advance(double height);
    /// Leaves `height` of space (at most the rest of the page), unless at the top of a page where a gap
    /// would only waste paper.
    void gap(double height);

    /// The page being filled, for shapes and images.
    PageContent& page() { return m_pages.back(); }
    /// Draws `line` of `text` with the given left end and baseline.
    void addLine(const ShapedText& text, const LineSpan& line, double x, double baseline);
    /// Draws one line of `text` (no wrapping) left-aligned at `x`.
    void addText(const ShapedText& text, double x, double baseline);

    /// The pages laid out; the flow is spent afterwards.
    std::vector<PageContent> takePages() { return std::move(m_pages); }

private:
    void startPage();

    const GlyphCoverage& m_coverage;
    const Document& m_document;
    std::vector<PageContent> m_pages;
    double m_cursor = 0;
    bool m_atTop = true;
};

/// Adds what differs between copies of a laid-out page: the copy label at the top left and, when the copy
/// has more than one page, "第 n 页 共 m 页" centred at the bottom.
void addCopyFurniture(PageContent& page, const GlyphCoverage& coverage, std::string_view copyLabel,
                      int pageNumber, int pageCount);

} // namespace ywtb::render
