#include "render/pdf_writer.h"

#include "render/pdf_streams.h"
#include "render/png_image.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace ywtb::render {

namespace {

const HPDF_UINT16 dashPattern[] = {3, 2};

std::string hex(HPDF_STATUS status) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%04X", static_cast<unsigned>(status));
    return buffer;
}

// HPDF_LoadTTFontFromFile2 accepts only collections and fails on a plain .ttf (platform notes section 2).
bool isCollection(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char tag[4] = {};
    in.read(tag, sizeof tag);
    return in && std::string(tag, 4) == "ttcf";
}

HPDF_REAL real(double value) { return static_cast<HPDF_REAL>(value); }

// A ToUnicode CMap for libharu's UTF-8 fonts. Their codes are Identity-H CIDs equal to the Unicode code point
// (the CIDToGIDMap does the glyph lookup), so the map is the identity over the BMP, surrogates left out. libharu
// 2.3 writes its UTF-8 encoding CMap (begincidrange) as the ToUnicode instead, which readers reject ("Invalid
// 'begincidrange' operator in ToUnicode CMap"): copying text out of the PDF then depends on the viewer's guesses.
const std::string& identityToUnicodeCMap() {
    static const std::string cmap = [] {
        std::vector<unsigned> blocks; // high bytes of the 256-code ranges
        for (unsigned high = 0; high <= 0xFF; ++high)
            if (high < 0xD8 || high > 0xDF)
                blocks.push_back(high);
        std::string text = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                           "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                           "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        char line[40];
        for (std::size_t first = 0; first < blocks.size(); first += 100) { // at most 100 ranges per section
            const std::size_t count = std::min<std::size_t>(100, blocks.size() - first);
            text += std::to_string(count) + " beginbfrange\n";
            for (std::size_t i = first; i < first + count; ++i) {
                std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", blocks[i], blocks[i], blocks[i]);
                text += line;
            }
            text += "endbfrange\n";
        }
        text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
        return text;
    }();
    return cmap;
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
    HPDF_UseUTFEncodings(m_doc);
    HPDF_SetCurrentEncoder(m_doc, "UTF-8");
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
    return core::Error{"render.pdf",
                       core::Message(N_("the PDF library failed with error {error} (detail {detail})"),
                                     {{"error", hex(status.error)}, {"detail", std::to_string(status.detail)}}),
                       where, core::Message(N_("report this to support together with the document that failed"))};
}

void PdfWriter::embedSubset(FontSlot slot, std::u32string characters) {
    m_subsets[static_cast<std::size_t>(slot)] = std::move(characters);
}

// The subset of the font of `slot`, loaded into the document; nothing (and libharu's error cleared) when it
// cannot be made or loaded, and the whole font is to be loaded instead.
const char* PdfWriter::loadSubset(FontSlot slot, const std::string& path, int index) {
    const auto& characters = m_subsets[static_cast<std::size_t>(slot)];
    if (!characters)
        return nullptr;
    // libharu takes the FontDescriptor's CapHeight and XHeight from the outlines of H and x (LoadFontData
    // in hpdf_fontdef_tt.c); in the cmap only, they add no glyph to the PDF.
    const auto subset = subsetFont(path, index, *characters + U"Hx");
    if (!subset)
        return nullptr;
    const auto file = m_subsetFiles.write(slot == FontSlot::Primary ? "primary.ttf" : "fallback.ttf", *subset);
    if (!file)
        return nullptr;
    // A plain .ttf: HPDF_LoadTTFontFromFile2 would refuse it (platform notes section 2).
    const char* name = HPDF_LoadTTFontFromFile(m_doc, file->c_str(), HPDF_TRUE);
    if (!name) {
        // libharu refused what HarfBuzz wrote. A failed load registers nothing, so the whole font can still
        // be loaded; until the error is reset libharu refuses every call on the document.
        HPDF_ResetError(m_doc);
        m_status.reset();
    }
    return name;
}

HPDF_Font PdfWriter::font(FontSlot slot) {
    const auto at = static_cast<std::size_t>(slot);
    HPDF_Font& loaded = m_fonts[at];
    if (loaded || failed())
        return loaded;
    const bool primary = slot == FontSlot::Primary;
    const std::string& path = primary ? m_fontSet.primaryPath : m_fontSet.fallbackPath;
    const int index = primary ? m_fontSet.primaryIndex : m_fontSet.fallbackIndex;
    const char* name = loadSubset(slot, path, index);
    if (!name)
        name = isCollection(path)
                   ? HPDF_LoadTTFontFromFile2(m_doc, path.c_str(), static_cast<HPDF_UINT>(index), HPDF_TRUE)
                   : HPDF_LoadTTFontFromFile(m_doc, path.c_str(), HPDF_TRUE);
    // libharu keeps one font per PostScript name in a document and hands back the first for a second font of
    // the same name, which then lacks the second's glyphs (the other slot's subset, or another font file).
    if (name && name == m_fontNames[1 - at]) {
        fail(core::Error{
            "render.font", core::Message(N_("the PDF library cannot embed this font without damaging it")), path,
            core::Message(N_("use AR PL UMing (uming.ttc) or WenQuanYi Zen Hei (wqy-zenhei.ttc)"))});
        return loaded;
    }
    if (name) {
        m_fontNames[at] = name;
        loaded = HPDF_GetFont(m_doc, name, "UTF-8");
    }
    if (!loaded)
        fail(libharuError(path));
    return loaded;
}

HPDF_Image PdfWriter::image(const PlacedImage& placed) {
    if (const auto found = m_images.find(placed.png); found != m_images.end())
        return found->second;
    const HPDF_Image loaded = HPDF_LoadPngImageFromMem(
        m_doc, reinterpret_cast<const HPDF_BYTE*>(placed.png->data()), static_cast<HPDF_UINT>(placed.png->size()));
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
            HPDF_Page_DrawImage(page, loaded, real(placed.rect.x), real(placed.rect.y), real(placed.rect.width),
                                real(placed.rect.height));
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
        HPDF_Page_Rectangle(page, real(box.rect.x), real(box.rect.y), real(box.rect.width), real(box.rect.height));
        HPDF_Page_Stroke(page);
    }
}

void PdfWriter::drawTexts(HPDF_Page page, const PageContent& content) {
    if (content.texts.empty())
        return;
    HPDF_Page_BeginText(page);
    HPDF_Font current = nullptr;
    double currentSize = 0;
    for (const PlacedText& text : content.texts) {
        const HPDF_Font wanted = font(text.font);
        if (!wanted)
            break;
        if (wanted != current || text.size != currentSize) {
            HPDF_Page_SetFontAndSize(page, wanted, real(text.size));
            current = wanted;
            currentSize = text.size;
        }
        HPDF_Page_TextOut(page, real(text.x), real(text.y), text.utf8.c_str());
    }
    HPDF_Page_EndText(page);
}

void PdfWriter::keepGlyphs(FontSlot slot, const std::string& characters) {
    if (characters.empty() || failed())
        return;
    // Measuring is what marks a glyph as used in libharu 2.3 (HPDF_TTFontDef_GetCharWidth).
    if (const HPDF_Font loaded = font(slot))
        HPDF_Font_TextWidth(loaded, reinterpret_cast<const HPDF_BYTE*>(characters.data()),
                            static_cast<HPDF_UINT>(characters.size()));
}

void PdfWriter::replaceToUnicode(HPDF_Font loaded) {
    // An HPDF_Font is the Type0 font's dictionary (hpdf_objects.h), so its entries can be reached.
    auto* stream = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(loaded, "ToUnicode", HPDF_OCLASS_DICT));
    if (!stream) {
        HPDF_ResetError(m_doc);
        m_status.reset();
        stream = HPDF_DictStream_New(m_doc->mmgr, m_doc->xref);
        if (!stream || HPDF_Dict_Add(loaded, "ToUnicode", stream) != HPDF_OK)
            return;
    } else {
        HPDF_MemStream_FreeData(stream->stream);
        for (const char* key : {"CMapName", "CIDSystemInfo", "WMode", "Type"})
            HPDF_Dict_RemoveElement(stream, key);
    }
    stream->filter = HPDF_STREAM_FILTER_NONE; // compressed with the others in finish()
    HPDF_Stream_WriteStr(stream->stream, identityToUnicodeCMap().c_str());
}

core::Expected<std::string> PdfWriter::finish() {
    if (m_error)
        return *m_error;
    if (m_status)
        return libharuError("libharu");
    for (HPDF_Font loaded : m_fonts)
        if (loaded)
            replaceToUnicode(loaded);
    if (m_status)
        return libharuError("libharu: ToUnicode");
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
