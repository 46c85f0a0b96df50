#include "render/block_layout.h"

#include <algorithm>

namespace ywtb::render {

using namespace geometry;

namespace {

constexpr double bodyLineHeight = bodySize * lineSpacing;
constexpr double headingLineHeight = headingSize * lineSpacing;
constexpr double headingSpaceBefore = 6;
constexpr double fieldLabelGap = 4;
// A heading needs this much of what follows on its page, or it moves on with it.
constexpr double headingKeepWithNext = 2 * bodyLineHeight;

// The label column: as wide as the widest "label：", within a quarter to two fifths of the line.
double labelColumnWidth(PageFlow& flow, const std::vector<FieldRow>& rows) {
    double widest = 0;
    for (const FieldRow& row : rows)
        widest = std::max(widest, textWidth(flow.shape(row.label + "：", bodySize)));
    return std::clamp(widest, 4 * bodySize, contentWidth * 0.4);
}

std::string labelText(const std::string& label) {
    if (label.empty() || label.ends_with("：") || label.ends_with(":"))
        return label;
    return label + "：";
}

} // namespace

void layoutHeading(PageFlow& flow, const Block& block) {
    flow.gap(headingSpaceBefore);
    const ShapedText text = flow.shape(block.text, headingSize);
    const auto lines = breakLines(text, contentWidth, contentWidth);
    flow.keepTogether(static_cast<double>(lines.size()) * headingLineHeight + headingKeepWithNext);
    for (const LineSpan& line : lines) {
        flow.keepTogether(headingLineHeight);
        flow.addLine(text, line, flow.left(), baselineIn(flow.cursor(), headingLineHeight, headingSize));
        flow.advance(headingLineHeight);
    }
    flow.gap(blockGap / 2);
}

void layoutParagraph(PageFlow& flow, const Block& block) {
    const double indent = 2 * bodySize; // Chinese convention: the first line starts two characters in
    for (const std::u32string& piece : splitHardBreaks(printableText(block.text))) {
        const ShapedText text = shapeText(flow.coverage(), piece, bodySize);
        for (std::size_t i = 0;
             const LineSpan& line : breakLines(text, contentWidth - indent, contentWidth)) {
            flow.keepTogether(bodyLineHeight);
            const double x = flow.left() + (i++ == 0 ? indent : 0);
            flow.addLine(text, line, x, baselineIn(flow.cursor(), bodyLineHeight, bodySize));
            flow.advance(bodyLineHeight);
        }
    }
    flow.gap(blockGap);
}

void layoutFields(PageFlow& flow, const Block& block) {
    const double labelWidth = labelColumnWidth(flow, block.fields);
    const double valueX = flow.left() + labelWidth + fieldLabelGap;
    const double valueWidth = flow.right() - valueX;
    for (const FieldRow& row : block.fields) {
        const ShapedText label = flow.shape(labelText(row.label), bodySize);
        const auto labelLines = breakLines(label, labelWidth, labelWidth);
        // Hard breaks in a value are kept: an address may be given on two lines.
        const WrappedText value = wrapText(flow.coverage(), row.value, bodySize, valueWidth);
        const auto& valueLines = value.lines;
        const std::size_t rowLines = std::max({labelLines.size(), valueLines.size(), std::size_t{1}});
        flow.keepTogether(static_cast<double>(rowLines) * bodyLineHeight);
        for (std::size_t i = 0; i < rowLines; ++i) {
            flow.keepTogether(bodyLineHeight); // only a row taller than a page splits
            const double baseline = baselineIn(flow.cursor(), bodyLineHeight, bodySize);
            if (i < labelLines.size())
                flow.addLine(label, labelLines[i], flow.left(), baseline);
            if (i < valueLines.size())
                flow.addLine(value.pieces[valueLines[i].first], valueLines[i].second, valueX, baseline);
            flow.advance(bodyLineHeight);
        }
    }
    flow.gap(blockGap);
}

void layoutSpacer(PageFlow& flow, const Block& block) {
    flow.gap(std::max(0.0, block.spaceMm) * mm);
}

} // namespace ywtb::render
