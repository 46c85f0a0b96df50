#pragma once
// Per-document subsets of the TrueType fonts a PDF embeds, made with HarfBuzz's subsetter: a CJK font is
// 10–20 MB and ~30,000 glyphs, a notice draws ~150 of them. The subset's glyphs are renumbered from 0, and
// the PDF draws them by those numbers (pdf_font.h), so nothing else in the font is looked up per character.

#include <map>
#include <optional>
#include <string>

namespace ywtb::render {

/// A font cut down to some characters: the bytes of a .ttf and, for each character, its glyph and advance.
struct FontSubset {
    struct Glyph {
        unsigned id = 0; ///< in the subset
        int advance = 0; ///< thousandths of an em, rounded down as GlyphCoverage::advance rounds it
    };
    std::string bytes;                 ///< the TrueType program, as embedded in the PDF
    std::map<char32_t, Glyph> glyphOf; ///< every character of the request the font maps
    std::string postscriptName;        ///< of the source face; "Font" when it has none usable in a PDF name
    int unitsPerEm = 1000;
    int ascent = 0; ///< these in thousandths of an em, for the PDF's FontDescriptor
    int descent = 0;
    int capHeight = 0;
    int bbox[4] = {0, 0, 0, 0}; ///< xMin yMin xMax yMax of the head table
};

/// The font at `index` of `path` (a .ttf, or a .ttc and its index) cut down to the glyphs of `characters`
/// and the glyphs those are built from (composite glyphs keep their components): glyphs renumbered, hinting
/// and the tables a PDF reader does not use dropped, advance widths unchanged. Nothing when HarfBuzz cannot
/// read or subset the font, or the result would draw a character differently from the source.
std::optional<FontSubset> subsetFont(const std::string& path, int index, const std::u32string& characters);

} // namespace ywtb::render
