#include "render/pdf_writer.h"

#include "render/pdf_font.h"
#include "render/pdf_streams.h"
#include "render/png_image.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

namespace ywtb::render {

namespace {

const HPDF_UINT16 dashPattern[] = {3, 2};

std::string hex(HPDF_STATUS status) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%04X", static_cast<unsigned>(status));
    return buffer;
}

HPDF_REAL real(double value) {
    return static_cast<HPDF_REAL>(value);
}

// The six capital letters that mark a font subset's name (ISO 32000-1, 9.6.4), from its characters, so that
// the two fonts of a document, and the same font cut differently, are told apart.
std::string subsetTag(const std::u32string& characters, FontSlot slot) {
    std::uint32_t hash = 2166136261U ^ static_cast<std::uint32_t>(slot); // FNV-1a
    for (const char32_t c : characters)
        hash = (hash ^ static_cast<std::uint32_t>(c)) * 16777619U;
    std::string tag(6, 'A');
    for (char& letter : tag) {
        letter = static_cast<char>('A' + hash % 26);
        hash /= 26;
    }
    return tag;
}

// A number for a content stream: points to a thousandth, no trailing zeros.
void appendNumber(std::string& out, double value) {
    char buffer[32];
    int length = std::snprintf(buffer, sizeof buffer, "%.3f", value);
    while (length > 0 && buffer[length - 1] == '0')
        --length;
    if (length > 0 && buffer[length - 1] == '.')
        --length;
    out.append(buffer, static_cast<std::size_t>(length));
}

} // namespace

PdfWriter::PdfWriter(const FontSet& fonts) : m_fontSet(fonts) {
    m_doc = HPDF_New(&PdfWriter::onError, this);
    if (!m_doc) {
        m_status = LibharuStatus{HPDF_FAILD_TO_ALLOC_MEM, 0};
        return;
    }
    // Raw streams: finish() deflates them at level 1 (pdf_streams.h); libharu's fixed level 6 cost a third of
    // the time of a notice.
    HPDF_SetCompressionMode(m_doc, HPDF_COMP_NONE);
    HPDF_SetInfoAttr(m_doc, HPDF_INFO_CREATOR, "ywtb-counter");
}

PdfWriter::~PdfWriter() {
    if (m_doc)
        HPDF_Free(m_doc);
}

void PdfWriter::onError(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
    // Called from C: record and return; the caller checks after each step.
    auto* writer = static_cast<PdfWriter*>(self);
    if (!writer->m_status)
        writer->m_status = LibharuStatus{error, detail};
}

void PdfWriter::fail(core::Error error) {
    if (!m_error)
        m_error = std::move(error);
}

core::Error PdfWriter::libharuError(const std::string& where) const {
    const LibharuStatus status = m_status.value_or(LibharuStatus{});
    return core::Error{
        "render.pdf",
        core::Message(N_("the PDF library failed with error {error} (detail {detail})"),
                      {{"error", hex(status.error)}, {"detail", std::to_string(status.detail)}}),
        where, core::Message(N_("report this to support together with the document that failed"))};
}

void PdfWriter::embedSubset(FontSlot slot, std::u32string characters) {
    m_characters[static_cast<std::size_t>(slot)] = std::move(characters);
}

const FontSubset* PdfWriter::font(FontSlot slot) {
    const auto at = static_cast<std::size_t>(slot);
    if (m_subsets[at] || failed())
        return m_subsets[at] ? &*m_subsets[at] : nullptr;
    const bool primary = slot == FontSlot::Primary;
    const std::string& path = primary ? m_fontSet.primaryPath : m_fontSet.fallbackPath;
    const int index = primary ? m_fontSet.primaryIndex : m_fontSet.fallbackIndex;
    const auto& characters = m_characters[at];
    auto subset = characters ? subsetFont(path, index, *characters) : std::nullopt;
    if (!subset) {
        fail(core::Error{
            "render.font",
            core::Message(N_("this font cannot be cut down to the characters of the document")), path,
            core::Message(N_("use AR PL UMing (uming.ttc) or WenQuanYi Zen Hei (wqy-zenhei.ttc)"))});
        return nullptr;
    }
    m_fontDicts[at] = embedFont(m_doc, *subset, subsetTag(*characters, slot));
    if (!m_fontDicts[at]) {
        fail(libharuError(path));
        return nullptr;
    }
    m_subsets[at] = std::move(subset);
    return &*m_subsets[at];
}

HPDF_Image PdfWriter::image(const PlacedImage& placed) {
    if (const auto found = m_images.find(placed.png); found != m_images.end())
        return found->second;
    const HPDF_Image loaded =
        HPDF_LoadPngImageFromMem(m_doc, reinterpret_cast<const HPDF_BYTE*>(placed.png->data()),
                                 static_cast<HPDF_UINT>(placed.png->size()));
    if (!loaded) {
        fail(unusableImage(placed.where));
        return nullptr;
    }
    m_images.emplace(placed.png, loaded);
    return loaded;
}

void PdfWriter::addPage(const PageContent& content) {
    if (failed())
        return;
    const HPDF_Page page = HPDF_AddPage(m_doc);
    if (!page)
        return;
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    drawFills(page, content);
    drawImages(page, content);
    drawStrokes(page, content);
    drawTexts(page, content);
}

void PdfWriter::drawFills(HPDF_Page page, const PageContent& content) {
    for (const FilledRects& fill : content.fills) {
        if (fill.rects.empty())
            continue;
        HPDF_Page_SetGrayFill(page, real(fill.grey));
        for (const Rect& r : fill.rects)
            HPDF_Page_Rectangle(page, real(r.x), real(r.y), real(r.width), real(r.height));
        HPDF_Page_Fill(page);
    }
    HPDF_Page_SetGrayFill(page, 0);
}

void PdfWriter::drawImages(HPDF_Page page, const PageContent& content) {
    for (const PlacedImage& placed : content.images) {
        if (const HPDF_Image loaded = image(placed))
            HPDF_Page_DrawImage(page, loaded, real(placed.rect.x), real(placed.rect.y),
                                real(placed.rect.width), real(placed.rect.height));
    }
}

void PdfWriter::drawStrokes(HPDF_Page page, const PageContent& content) {
    auto setStyle = [page](double width, bool dashed) {
        HPDF_Page_SetLineWidth(page, real(width));
        if (dashed)
            HPDF_Page_SetDash(page, dashPattern, 2, 0);
        else
            HPDF_Page_SetDash(page, nullptr, 0, 0);
    };
    for (const StrokedLine& line : content.lines) {
        setStyle(line.lineWidth, line.dashed);
        HPDF_Page_MoveTo(page, real(line.x1), real(line.y1));
        HPDF_Page_LineTo(page, real(line.x2), real(line.y2));
        HPDF_Page_Stroke(page);
    }
    for (const StrokedRect& box : content.boxes) {
        setStyle(box.lineWidth, box.dashed);
        HPDF_Page_Rectangle(page, real(box.rect.x), real(box.rect.y), real(box.rect.width),
                            real(box.rect.height));
        HPDF_Page_Stroke(page);
    }
}

// The text is written into the page's content stream directly: libharu's text functions know only its own
// fonts. The fonts go into the page's /Font resources as F1 (primary) and F2 (fallback).
void PdfWriter::drawTexts(HPDF_Page page, const PageContent& content) {
    if (content.texts.empty())
        return;
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    if (!attr->fonts) {
        auto* resources =
            static_cast<HPDF_Dict>(HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT));
        attr->fonts = resources ? HPDF_Dict_New(page->mmgr) : nullptr;
        if (!attr->fonts || HPDF_Dict_Add(resources, "Font", attr->fonts) != HPDF_OK) {
            attr->fonts = nullptr;
            fail(libharuError("libharu: page resources"));
            return;
        }
    }
    std::array<bool, 2> listed{};
    std::string stream = "BT\n";
    std::optional<FontSlot> current;
    double currentSize = 0;
    for (const PlacedText& text : content.texts) {
        const FontSubset* subset = font(text.font);
        if (!subset)
            return;
        const auto at = static_cast<std::size_t>(text.font);
        const char* name = text.font == FontSlot::Primary ? "F1" : "F2";
        if (!listed[at]) {
            if (HPDF_Dict_Add(attr->fonts, name, m_fontDicts[at]) != HPDF_OK) {
                fail(libharuError("libharu: page fonts"));
                return;
            }
            listed[at] = true;
        }
        if (current != text.font || text.size != currentSize) {
            stream += '/';
            stream += name;
            stream += ' ';
            appendNumber(stream, text.size);
            stream += " Tf\n";
            current = text.font;
            currentSize = text.size;
        }
        stream += "1 0 0 1 ";
        appendNumber(stream, text.x);
        stream += ' ';
        appendNumber(stream, text.y);
        stream += " Tm\n";
        stream += showText(*subset, text.utf8);
        stream += " Tj\n";
    }
    stream += "ET\n";
    if (HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(stream.data()),
                          static_cast<HPDF_UINT>(stream.size())) != HPDF_OK)
        fail(libharuError("libharu: page content"));
}

core::Expected<std::string> PdfWriter::finish() {
    if (m_error)
        return *m_error;
    if (m_status)
        return libharuError("libharu");
    HPDF_SaveToStream(m_doc);
    HPDF_UINT32 size = HPDF_GetStreamSize(m_doc);
    std::string bytes(size, '\0');
    if (!m_status)
        HPDF_ReadFromStream(m_doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    if (m_status || size != bytes.size())
        return libharuError("libharu");
    // Level 1: within a few per cent of level 6's size on fonts and page content, at a fraction of the time.
    auto compressed = deflateStreams(bytes, 1);
    if (!compressed)
        return bytes; // uncompressed is just as valid a PDF; tests check that compression happens
    return std::move(compressed).value();
}

} // namespace ywtb::render
