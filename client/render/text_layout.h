#pragma once
// Text measured per character and broken into lines the Chinese way: between any two CJK characters,
// Latin words kept whole, no closing punctuation at a line start and no opening punctuation at a line end.

#include "render/glyph_coverage.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::render {

/// Text ready for layout: its characters, the font that draws each and each advance width in points.
struct ShapedText {
    std::u32string chars;
    std::vector<FontSlot> fonts;
    std::vector<double> widths;
    double size = 0; ///< font size in points
};

/// A line of a ShapedText: the characters [begin, end), with trailing spaces already left out.
struct LineSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    double width = 0; ///< points
};

/// Consecutive characters of a line drawn with one font.
struct TextRun {
    FontSlot font = FontSlot::Primary;
    std::u32string text;
    double offset = 0; ///< from the line start, points
    double width = 0;
};

/// The code points to print for `text`: tabs become spaces; control characters, zero-width characters and
/// variation selectors, which have no glyph of their own, are left out; '\n' stays as a hard break.
std::u32string printableText(std::string_view text);

/// Assigns fonts and widths to `text` (already through printableText) at `size` points. A character no
/// font has gets the primary font and its missing-glyph width; renderPdf refuses such text before drawing.
ShapedText shapeText(const GlyphCoverage& coverage, std::u32string_view text, double size);

/// Whether a line may end between `before` and `after` (UAX #14 simplified for CJK text, GB/T 15834 rules
/// for punctuation: closing marks never start a line, opening marks never end one).
bool canBreakBetween(char32_t before, char32_t after);

/// Breaks `text` (no '\n') into lines at most `firstWidth` points wide for the first line and `otherWidth`
/// for the others. When the character overflowing the line is closing punctuation, the character before it
/// moves down with it; a word wider than a line is cut between characters.
std::vector<LineSpan> breakLines(const ShapedText& text, double firstWidth, double otherWidth);

/// The runs of `line`, one per change of font.
std::vector<TextRun> runsOf(const ShapedText& text, const LineSpan& line);

/// Width of the whole of `text` in points.
double textWidth(const ShapedText& text);

/// `text` split at each '\n' into pieces to lay out separately.
std::vector<std::u32string> splitHardBreaks(std::u32string_view text);

/// Text wrapped into lines, hard breaks ('\n') kept: each line refers to the piece it was cut from.
struct WrappedText {
    std::vector<ShapedText> pieces;
    std::vector<std::pair<std::size_t, LineSpan>> lines; ///< piece index, line of that piece
};

/// Wraps `text` (UTF-8) at `size` points into lines of at most `width` points.
WrappedText wrapText(const GlyphCoverage& coverage, std::string_view text, double size, double width);

} // namespace ywtb::render
