#include "render/text_layout.h"

#include "render/utf8.h"

#include <algorithm>
#include <numeric>

namespace ywtb::render {

namespace {

constexpr double tolerance = 1e-6;

bool isClosing(char32_t c) {
    switch (c) {
    case U'，':
    case U'。':
    case U'、':
    case U'；':
    case U'：':
    case U'？':
    case U'！':
    case U'）':
    case U'》':
    case U'」':
    case U'』':
    case U'】':
    case U'〕':
    case U'…':
    case U'〉':
    case U'］':
    case U'｝':
    case U'〗':
    case U'〙':
    case U'”':
    case U'’':
    case U'．':
    case U'％':
    case U'‰':
    case U'℃':
    case U'·':
    case U'・':
    case U')':
    case U',':
    case U'.':
    case U';':
    case U':':
    case U'!':
    case U'?':
    case U']':
    case U'}':
    case U'%':
        return true;
    default:
        return false;
    }
}

bool isOpening(char32_t c) {
    switch (c) {
    case U'（':
    case U'《':
    case U'「':
    case U'『':
    case U'【':
    case U'〔':
    case U'〈':
    case U'［':
    case U'｛':
    case U'〖':
    case U'〘':
    case U'“':
    case U'‘':
    case U'(':
    case U'[':
    case U'{':
        return true;
    default:
        return false;
    }
}

// East Asian wide text, between whose characters a line may break (UAX #14 class ID, roughly).
bool isWide(char32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000 || c == U'…' || c == U'—' || c == U'“' || c == U'”' ||
           c == U'‘' || c == U'’';
}

bool isInvisible(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
           c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

double sumWidths(const ShapedText& text, std::size_t begin, std::size_t end) {
    return std::accumulate(text.widths.begin() + static_cast<std::ptrdiff_t>(begin),
                           text.widths.begin() + static_cast<std::ptrdiff_t>(end), 0.0);
}

std::size_t skipBlanks(const ShapedText& text, std::size_t from) {
    while (from < text.chars.size() && isBlank(text.chars[from]))
        ++from;
    return from;
}

// The end of a line that has no break opportunity before the overflowing character at `overflow`.
std::size_t forcedEnd(const ShapedText& text, std::size_t start, std::size_t overflow) {
    std::size_t end = overflow;
    // Closing punctuation hangs past the margin rather than start the next line.
    while (end < text.chars.size() && isClosing(text.chars[end]))
        ++end;
    if (end == overflow && end - start > 1 && isOpening(text.chars[end - 1]))
        --end;
    return end;
}

} // namespace

std::u32string printableText(std::string_view text) {
    std::u32string out;
    for (const char32_t c : decodeUtf8(text)) {
        if (c == U'\t')
            out.push_back(U' ');
        else if (c == U'\n' || !isInvisible(c))
            out.push_back(c);
    }
    return out;
}

ShapedText shapeText(const GlyphCoverage& coverage, std::u32string_view text, double size) {
    ShapedText shaped;
    shaped.chars.assign(text);
    shaped.size = size;
    shaped.fonts.reserve(text.size());
    shaped.widths.reserve(text.size());
    for (const char32_t c : text) {
        const FontSlot slot = coverage.fontFor(c).value_or(FontSlot::Primary);
        shaped.fonts.push_back(slot);
        shaped.widths.push_back(coverage.advance(slot, c) * size / 1000.0);
    }
    return shaped;
}

bool canBreakBetween(char32_t before, char32_t after) {
    if (isClosing(after) || isOpening(before))
        return false;
    // "——" and "……" are one mark each, drawn as two characters.
    if (before == after && (before == U'—' || before == U'…'))
        return false;
    if (isBlank(after))
        return false;
    if (isBlank(before))
        return true;
    return isWide(before) || isWide(after);
}

std::vector<LineSpan> breakLines(const ShapedText& text, double firstWidth, double otherWidth) {
    std::vector<LineSpan> lines;
    const std::size_t count = text.chars.size();
    std::size_t start = skipBlanks(text, 0);
    while (start < count) {
        const double limit = lines.empty() ? firstWidth : otherWidth;
        double width = 0;
        std::size_t lastBreak = start; // start means none yet
        std::size_t end = count;
        for (std::size_t i = start; i < count; ++i) {
            if (i > start && canBreakBetween(text.chars[i - 1], text.chars[i]))
                lastBreak = i;
            const bool overflows = width + text.widths[i] > limit + tolerance;
            if (overflows && i > start && !isBlank(text.chars[i])) {
                end = lastBreak > start ? lastBreak : forcedEnd(text, start, i);
                break;
            }
            width += text.widths[i];
        }
        std::size_t visibleEnd = end;
        while (visibleEnd > start && isBlank(text.chars[visibleEnd - 1]))
            --visibleEnd;
        lines.push_back({start, visibleEnd, sumWidths(text, start, visibleEnd)});
        start = skipBlanks(text, end);
    }
    return lines;
}

std::vector<TextRun> runsOf(const ShapedText& text, const LineSpan& line) {
    std::vector<TextRun> runs;
    double offset = 0;
    for (std::size_t i = line.begin; i < line.end; ++i) {
        if (runs.empty() || runs.back().font != text.fonts[i]) {
            runs.push_back({text.fonts[i], {}, offset, 0});
        }
        runs.back().text.push_back(text.chars[i]);
        runs.back().width += text.widths[i];
        offset += text.widths[i];
    }
    return runs;
}

double textWidth(const ShapedText& text) {
    return sumWidths(text, 0, text.chars.size());
}

std::vector<std::u32string> splitHardBreaks(std::u32string_view text) {
    std::vector<std::u32string> pieces(1);
    for (const char32_t c : text) {
        if (c == U'\n')
            pieces.emplace_back();
        else
            pieces.back().push_back(c);
    }
    return pieces;
}

WrappedText wrapText(const GlyphCoverage& coverage, std::string_view text, double size, double width) {
    WrappedText wrapped;
    for (const std::u32string& piece : splitHardBreaks(printableText(text))) {
        wrapped.pieces.push_back(shapeText(coverage, piece, size));
        for (const LineSpan& line : breakLines(wrapped.pieces.back(), width, width))
            wrapped.lines.emplace_back(wrapped.pieces.size() - 1, line);
    }
    return wrapped;
}

} // namespace ywtb::render
