#include "render/page_flow.h"

#include "render/utf8.h"

#include <algorithm>
#include <string>

namespace ywtb::render {

using namespace geometry;

namespace {

// Ascent of the CJK faces used (UMing 0.90 em, Zen Hei 0.96 em) rounded so both sit well in the line box.
constexpr double ascent = 0.88;
constexpr double headerLineHeight = headerSize * lineSpacing;
constexpr double titleLineHeight = titleSize * lineSpacing;
constexpr double headerTop = pageHeight - margin;
constexpr double afterHeader = 6;
constexpr double afterTitle = 12;
constexpr double footerBaseline = margin / 2;

void placeLine(PageContent& page, const ShapedText& text, const LineSpan& line, double x, double baseline) {
    for (const TextRun& run : runsOf(text, line))
        page.texts.push_back({run.font, text.size, x + run.offset, baseline, encodeUtf8(run.text)});
}

void placeWhole(PageContent& page, const ShapedText& text, double x, double baseline) {
    placeLine(page, text, {0, text.chars.size(), textWidth(text)}, x, baseline);
}

} // namespace

double baselineIn(double lineTop, double lineHeight, double size) {
    return lineTop - (lineHeight - size) / 2 - ascent * size;
}

PageFlow::PageFlow(const GlyphCoverage& coverage, const Document& document)
    : m_coverage(coverage), m_document(document) {
    startPage();
    if (m_document.title.empty())
        return;
    const ShapedText title = shape(m_document.title, titleSize);
    for (const LineSpan& line : breakLines(title, contentWidth, contentWidth)) {
        const double x = left() + (contentWidth - line.width) / 2;
        addLine(title, line, x, baselineIn(m_cursor, titleLineHeight, titleSize));
        m_cursor -= titleLineHeight;
    }
    m_cursor -= afterTitle;
}

ShapedText PageFlow::shape(std::string_view text, double size) const {
    std::u32string chars = printableText(text);
    for (char32_t& c : chars)
        if (c == U'\n')
            c = U' ';
    return shapeText(m_coverage, chars, size);
}

void PageFlow::startPage() {
    m_pages.emplace_back();
    m_cursor = headerTop;
    if (!m_document.number.empty()) {
        const ShapedText number = shape(m_document.number, headerSize);
        placeWhole(page(), number, right() - textWidth(number),
                   baselineIn(m_cursor, headerLineHeight, headerSize));
    }
    // The header line is kept even when empty: the copy label goes there after layout.
    m_cursor -= headerLineHeight + afterHeader;
    m_atTop = true;
}

void PageFlow::newPage() {
    startPage();
}

void PageFlow::keepTogether(double height) {
    if (height > remaining() && !m_atTop)
        newPage();
}

void PageFlow::advance(double height) {
    m_cursor -= height;
    m_atTop = false;
}

void PageFlow::gap(double height) {
    // A gap never starts a page by itself: after the last block that would be a blank trailing page.
    if (!m_atTop)
        m_cursor = std::max(geometry::margin, m_cursor - height);
}

void PageFlow::addLine(const ShapedText& text, const LineSpan& line, double x, double baseline) {
    placeLine(page(), text, line, x, baseline);
}

void PageFlow::addText(const ShapedText& text, double x, double baseline) {
    placeWhole(page(), text, x, baseline);
}

void addCopyFurniture(PageContent& page, const GlyphCoverage& coverage, std::string_view copyLabel,
                      int pageNumber, int pageCount) {
    if (!copyLabel.empty()) {
        const ShapedText label = shapeText(coverage, printableText(copyLabel), headerSize);
        placeWhole(page, label, margin, baselineIn(headerTop, headerLineHeight, headerSize));
    }
    if (pageCount > 1) {
        const std::string footer =
            "第 " + std::to_string(pageNumber) + " 页  共 " + std::to_string(pageCount) + " 页";
        const ShapedText text = shapeText(coverage, printableText(footer), headerSize);
        placeWhole(page, text, (pageWidth - textWidth(text)) / 2, footerBaseline);
    }
}

} // namespace ywtb::render
