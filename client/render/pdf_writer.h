#pragma once
// libharu 2.3 behind a small class: one HPDF_Doc per document, each font embedded once, cut down to the
// document's characters and written as our own objects (pdf_font.h), libharu's error callback turned into a
// core::Error.

#include "core/error.h"
#include "render/document_layout.h"
#include "render/font_subset.h"
#include "render/page_content.h"

#include <array>
#include <hpdf.h>
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

    /// Embeds, of the font of `slot`, the glyphs of `characters`: every character the document draws with
    /// it. Call before the first page that uses the font; text in a font not embedded so is an error.
    void embedSubset(FontSlot slot, std::u32string characters);

    /// Appends an A4 portrait page with `content`. After a failure it does nothing; finish() reports it.
    void addPage(const PageContent& content);

    /// The PDF bytes, or the first failure.
    core::Expected<std::string> finish();

private:
    struct LibharuStatus {
        HPDF_STATUS error = 0;
        HPDF_STATUS detail = 0;
    };

    static void onError(HPDF_STATUS error, HPDF_STATUS detail, void* self);

    /// The subset of the font of `slot`, embedded on first use; null after a failure.
    const FontSubset* font(FontSlot slot);
    HPDF_Image image(const PlacedImage& placed);
    void fail(core::Error error);
    bool failed() const { return m_error.has_value() || m_status.has_value(); }
    core::Error libharuError(const std::string& where) const;

    void drawFills(HPDF_Page page, const PageContent& content);
    void drawImages(HPDF_Page page, const PageContent& content);
    void drawStrokes(HPDF_Page page, const PageContent& content);
    void drawTexts(HPDF_Page page, const PageContent& content);

    const FontSet& m_fontSet;
    HPDF_Doc m_doc = nullptr;
    std::array<std::optional<std::u32string>, 2> m_characters; ///< to embed, by FontSlot
    std::array<std::optional<FontSubset>, 2> m_subsets;        ///< embedded, by FontSlot
    std::array<HPDF_Dict, 2> m_fontDicts{};                    ///< their Type0 font dictionaries
    std::map<const std::string*, HPDF_Image> m_images;
    std::optional<LibharuStatus> m_status; ///< first error libharu reported
    std::optional<core::Error> m_error;    ///< first failure, with its context
};

} // namespace ywtb::render
