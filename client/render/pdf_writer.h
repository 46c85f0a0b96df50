#pragma once
// libharu 2.3 behind a small class: one HPDF_Doc per document, fonts loaded once each and only when a
// page uses them (cut down to the document's characters when told them), libharu's error callback turned
// into a core::Error.

#include "core/error.h"
#include "render/document_layout.h"
#include "render/font_subset.h"
#include "render/page_content.h"

#include <hpdf.h>

#include <array>
#include <map>
#include <optional>
#include <string>

namespace ywtb::render {

/// Draws laid-out pages into a compressed PDF held in memory.
class PdfWriter {
public:
    /// Starts an empty document drawing text with `fonts` (the FontSet must outlive the writer).
    explicit PdfWriter(const FontSet& fonts);
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;
    PdfWriter(PdfWriter&&) = delete; // libharu keeps `this` for its error callback
    PdfWriter& operator=(PdfWriter&&) = delete;

    /// Embeds, of the font of `slot`, only the glyphs of `characters` (every character the document draws
    /// with it, companions included) instead of the whole font. Call before the first page; when the subset
    /// cannot be made or libharu refuses it, the whole font is embedded.
    void embedSubset(FontSlot slot, std::u32string characters);

    /// Appends an A4 portrait page with `content`. After a failure it does nothing; finish() reports it.
    void addPage(const PageContent& content);

    /// Makes libharu embed the glyphs of `characters` (UTF-8) in the font of `slot` without drawing them: the
    /// companions GlyphCoverage names for characters whose glyphs libharu would otherwise embed in part.
    void keepGlyphs(FontSlot slot, const std::string& characters);

    /// The PDF bytes, or the first failure.
    core::Expected<std::string> finish();

private:
    struct LibharuStatus {
        HPDF_STATUS error = 0;
        HPDF_STATUS detail = 0;
    };

    static void onError(HPDF_STATUS error, HPDF_STATUS detail, void* self);

    HPDF_Font font(FontSlot slot);
    const char* loadSubset(FontSlot slot, const std::string& path, int index);
    HPDF_Image image(const PlacedImage& placed);
    /// Gives `loaded` a ToUnicode CMap that text extraction can read (see identityToUnicodeCMap).
    void replaceToUnicode(HPDF_Font loaded);
    void fail(core::Error error);
    bool failed() const { return m_error.has_value() || m_status.has_value(); }
    core::Error libharuError(const std::string& where) const;

    void drawFills(HPDF_Page page, const PageContent& content);
    void drawImages(HPDF_Page page, const PageContent& content);
    void drawStrokes(HPDF_Page page, const PageContent& content);
    void drawTexts(HPDF_Page page, const PageContent& content);

    const FontSet& m_fontSet;
    HPDF_Doc m_doc = nullptr;
    std::array<HPDF_Font, 2> m_fonts{};
    std::array<std::string, 2> m_fontNames;                 ///< libharu's names of m_fonts
    std::array<std::optional<std::u32string>, 2> m_subsets; ///< characters to embed, by FontSlot
    SubsetFontFiles m_subsetFiles;                          ///< destroyed after HPDF_Free in ~PdfWriter
    std::map<const std::string*, HPDF_Image> m_images;
    std::optional<LibharuStatus> m_status; ///< first error libharu reported
    std::optional<core::Error> m_error;   ///< first failure, with its context
};

} // namespace ywtb::render
