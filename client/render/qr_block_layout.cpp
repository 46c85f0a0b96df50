#include "render/block_layout.h"
#include "render/qr_code.h"

#include <algorithm>

namespace ywtb::render {

using namespace geometry;

namespace {

constexpr double symbolSide = 25 * mm;
constexpr double captionLineHeight = captionSize * 1.4;
constexpr double captionMaxWidth = 50 * mm;
constexpr double captionGap = 3;

} // namespace

core::Expected<core::Done> layoutQrCode(PageFlow& flow, const Block& block) {
    auto matrix = encodeQr(block.qrPayload);
    if (!matrix)
        return matrix.error();
    const ShapedText caption = flow.shape(block.text, captionSize);
    const auto captionLines = breakLines(caption, captionMaxWidth, captionMaxWidth);
    const double height = symbolSide + (captionLines.empty() ? 0.0 : captionGap) +
                          static_cast<double>(captionLines.size()) * captionLineHeight;

    flow.keepTogether(height);
    const double top = flow.cursor();
    const double symbolLeft = flow.right() - symbolSide;
    const double module = symbolSide / matrix->size;
    FilledRects modules;
    for (const ModuleRun& run : darkRuns(*matrix))
        modules.rects.push_back(
            {symbolLeft + run.x * module, top - (run.y + 1) * module, run.length * module, module});
    flow.page().fills.push_back(std::move(modules));

    double lineTop = top - symbolSide - captionGap;
    const double centre = symbolLeft + symbolSide / 2;
    for (const LineSpan& line : captionLines) {
        // Centred under the symbol, but never past the right margin.
        const double x = std::min(centre - line.width / 2, flow.right() - line.width);
        flow.addLine(caption, line, x, baselineIn(lineTop, captionLineHeight, captionSize));
        lineTop -= captionLineHeight;
    }
    flow.advance(height);
    flow.gap(blockGap);
    return core::Done{};
}

} // namespace ywtb::render
