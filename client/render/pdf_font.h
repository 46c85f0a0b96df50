#pragma once
// A font subset written into a libharu document as PDF objects of our own: a Type0 font over a
// CIDFontType2 whose codes are the subset's glyph ids (Identity-H, identity CIDToGIDMap), its widths, a
// ToUnicode map from those ids back to the characters, and the TrueType program. libharu 2.3's own TrueType
// support parses the whole font again, writes a 65,536-entry CID-to-glyph map and copies the program byte
// by byte: 40 % of the time of a notice, for a result no better.

#include "render/font_subset.h"

#include <hpdf.h>
#include <string>
#include <string_view>

namespace ywtb::render {

/// Adds the objects of `subset` to `doc` and returns its Type0 font dictionary, for a page's /Font resources;
/// `tag` (six capital letters) prefixes the font's name as the PDF marks a subset. Null when libharu could
/// not make an object (its error handler has been called).
HPDF_Dict embedFont(HPDF_Doc doc, const FontSubset& subset, std::string_view tag);

/// The hex string (`<...>`, two bytes a character) that shows `utf8` with `subset` in a content stream; a
/// character the subset lacks is shown with glyph 0 (GlyphCoverage has refused such text before).
std::string showText(const FontSubset& subset, std::string_view utf8);

/// The ToUnicode CMap of `subset`: each glyph id back to its character.
std::string toUnicodeCMap(const FontSubset& subset);

} // namespace ywtb::render
