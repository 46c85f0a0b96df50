#include "render/pdf_font.h"

#include "render/utf8.h"

#include <algorithm>
#include <cstdio>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <map>
#include <vector>

namespace ywtb::render {

namespace {

// The first character of each glyph id, in id order.
std::map<unsigned, char32_t> charactersByGlyph(const FontSubset& subset) {
    std::map<unsigned, char32_t> characters;
    for (const auto& [c, glyph] : subset.glyphOf)
        characters.emplace(glyph.id, c);
    return characters;
}

void appendUtf16Hex(std::string& out, char32_t c) {
    char buffer[16];
    if (c < 0x10000) {
        std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(c));
    } else {
        const char32_t v = c - 0x10000;
        std::snprintf(buffer, sizeof buffer, "%04X%04X", static_cast<unsigned>(0xD800 + (v >> 10)),
                      static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
    }
    out += buffer;
}

// /W: runs of consecutive glyph ids with their widths, `first [w1 w2 ...]`.
HPDF_Array widthsArray(HPDF_MMgr mmgr, const FontSubset& subset) {
    std::map<unsigned, int> widths;
    for (const auto& [c, glyph] : subset.glyphOf)
        widths.emplace(glyph.id, glyph.advance);
    const HPDF_Array all = HPDF_Array_New(mmgr);
    if (!all)
        return nullptr;
    HPDF_Array run = nullptr;
    unsigned next = 0;
    for (const auto& [id, width] : widths) {
        if (!run || id != next) {
            run = HPDF_Array_New(mmgr);
            if (!run || HPDF_Array_AddNumber(all, static_cast<HPDF_INT32>(id)) != HPDF_OK ||
                HPDF_Array_Add(all, run) != HPDF_OK)
                return nullptr;
        }
        if (HPDF_Array_AddNumber(run, width) != HPDF_OK)
            return nullptr;
        next = id + 1;
    }
    return all;
}

HPDF_Dict indirectDict(HPDF_Doc doc) {
    const HPDF_Dict dict = HPDF_Dict_New(doc->mmgr);
    if (!dict || HPDF_Xref_Add(doc->xref, dict) != HPDF_OK)
        return nullptr;
    return dict;
}

// A stream written raw: finish() deflates it with the others (pdf_streams.h).
HPDF_Dict rawStream(HPDF_Doc doc, const std::string& bytes) {
    const HPDF_Dict stream = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!stream)
        return nullptr;
    stream->filter = HPDF_STREAM_FILTER_NONE;
    if (HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size())) != HPDF_OK)
        return nullptr;
    return stream;
}

HPDF_Dict fontDescriptor(HPDF_Doc doc, const FontSubset& subset, const std::string& name) {
    const HPDF_Dict program = rawStream(doc, subset.bytes);
    const HPDF_Dict descriptor = indirectDict(doc);
    const HPDF_Array bbox = HPDF_Array_New(doc->mmgr);
    if (!program || !descriptor || !bbox)
        return nullptr;
    HPDF_STATUS status =
        HPDF_Dict_AddNumber(program, "Length1", static_cast<HPDF_INT32>(subset.bytes.size()));
    for (const int edge : subset.bbox)
        status += HPDF_Array_AddNumber(bbox, edge);
    status += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    status += HPDF_Dict_AddName(descriptor, "FontName", name.c_str());
    status += HPDF_Dict_AddNumber(descriptor, "Flags", 4); // symbolic: glyphs outside the standard Latin set
    status += HPDF_Dict_Add(descriptor, "FontBBox", bbox);
    status += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", 0);
    status += HPDF_Dict_AddNumber(descriptor, "Ascent", subset.ascent);
    status += HPDF_Dict_AddNumber(descriptor, "Descent", subset.descent);
    status += HPDF_Dict_AddNumber(descriptor, "CapHeight", subset.capHeight);
    status += HPDF_Dict_AddNumber(descriptor, "StemV",
                                  80); // not in TrueType; readers use it only without the program
    status += HPDF_Dict_Add(descriptor, "FontFile2", program);
    return status == HPDF_OK ? descriptor : nullptr;
}

} // namespace

HPDF_Dict embedFont(HPDF_Doc doc, const FontSubset& subset, std::string_view tag) {
    const std::string name = std::string(tag) + "+" + subset.postscriptName;
    const HPDF_Dict descriptor = fontDescriptor(doc, subset, name);
    const HPDF_Dict toUnicode = rawStream(doc, toUnicodeCMap(subset));
    const HPDF_Dict cidFont = indirectDict(doc);
    const HPDF_Dict type0 = indirectDict(doc);
    const HPDF_Dict systemInfo = HPDF_Dict_New(doc->mmgr);
    const HPDF_Array descendants = HPDF_Array_New(doc->mmgr);
    const HPDF_Array widths = widthsArray(doc->mmgr, subset);
    if (!descriptor || !toUnicode || !cidFont || !type0 || !systemInfo || !descendants || !widths)
        return nullptr;
    // libharu's own convention: statuses summed, any error makes the sum non-zero.
    HPDF_STATUS status = HPDF_Dict_Add(systemInfo, "Registry", HPDF_String_New(doc->mmgr, "Adobe", nullptr));
    status += HPDF_Dict_Add(systemInfo, "Ordering", HPDF_String_New(doc->mmgr, "Identity", nullptr));
    status += HPDF_Dict_AddNumber(systemInfo, "Supplement", 0);

    status += HPDF_Dict_AddName(cidFont, "Type", "Font");
    status += HPDF_Dict_AddName(cidFont, "Subtype", "CIDFontType2");
    status += HPDF_Dict_AddName(cidFont, "BaseFont", name.c_str());
    status += HPDF_Dict_Add(cidFont, "CIDSystemInfo", systemInfo);
    status += HPDF_Dict_Add(cidFont, "FontDescriptor", descriptor);
    status += HPDF_Dict_AddNumber(cidFont, "DW", 1000);
    status += HPDF_Dict_Add(cidFont, "W", widths);
    status += HPDF_Dict_AddName(cidFont, "CIDToGIDMap", "Identity");

    status += HPDF_Array_Add(descendants, cidFont);
    status += HPDF_Dict_AddName(type0, "Type", "Font");
    status += HPDF_Dict_AddName(type0, "Subtype", "Type0");
    status += HPDF_Dict_AddName(type0, "BaseFont", name.c_str());
    status += HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    status += HPDF_Dict_Add(type0, "DescendantFonts", descendants);
    status += HPDF_Dict_Add(type0, "ToUnicode", toUnicode);
    return status == HPDF_OK ? type0 : nullptr;
}

std::string showText(const FontSubset& subset, std::string_view utf8) {
    std::string hex = "<";
    char buffer[8];
    for (const char32_t c : decodeUtf8(utf8)) {
        const auto found = subset.glyphOf.find(c);
        std::snprintf(buffer, sizeof buffer, "%04X", found == subset.glyphOf.end() ? 0U : found->second.id);
        hex += buffer;
    }
    return hex + ">";
}

std::string toUnicodeCMap(const FontSubset& subset) {
    std::string text = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    const auto characters = charactersByGlyph(subset);
    std::vector<std::pair<unsigned, char32_t>> entries(characters.begin(), characters.end());
    char id[8];
    for (std::size_t first = 0; first < entries.size(); first += 100) { // at most 100 entries per section
        const std::size_t count = std::min<std::size_t>(100, entries.size() - first);
        text += std::to_string(count) + " beginbfchar\n";
        for (std::size_t i = first; i < first + count; ++i) {
            std::snprintf(id, sizeof id, "%04X", entries[i].first);
            text += "<";
            text += id;
            text += "> <";
            appendUtf16Hex(text, entries[i].second);
            text += ">\n";
        }
        text += "endbfchar\n";
    }
    text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return text;
}

} // namespace ywtb::render
