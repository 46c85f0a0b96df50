#include "render/block_layout.h"
#include "render/png_image.h"

#include <algorithm>

namespace ywtb::render {

using namespace geometry;

namespace {

constexpr double bodyLineHeight = bodySize * lineSpacing;
constexpr double signatureBoxWidth = 50 * mm;
constexpr double signatureBoxHeight = 20 * mm;
constexpr double sealSide = 40 * mm;
constexpr double columnGap = 12;
constexpr double smallGap = 4;
constexpr const char* blankDate = "        年    月    日";

// `png` scaled to fit `box` keeping its proportions, at the box's left (or centre) and bottom.
core::Expected<PlacedImage> fitImage(const std::string& png, Rect box, bool centred,
                                     const std::string& where) {
    const auto size = decodablePngSize(png);
    if (!size)
        return unusableImage(where);
    const double scale = std::min(box.width / size->width, box.height / size->height);
    const double width = size->width * scale;
    const double height = size->height * scale;
    const double x = centred ? box.x + (box.width - width) / 2 : box.x;
    const double y = centred ? box.y + (box.height - height) / 2 : box.y;
    return PlacedImage{&png, {x, y, width, height}, where};
}

// The parts of one signature area, measured before anything is placed.
struct MeasuredSignature {
    const SignatureArea* area = nullptr;
    ShapedText label;
    std::vector<LineSpan> labelLines;
    ShapedText date;
};

double signatureHeight(const MeasuredSignature& s) {
    return static_cast<double>(s.labelLines.size()) * bodyLineHeight + smallGap + signatureBoxHeight +
           smallGap + bodyLineHeight;
}

core::Expected<core::Done> placeSignature(PageFlow& flow, const MeasuredSignature& s, double x) {
    double top = flow.cursor();
    for (const LineSpan& line : s.labelLines) {
        flow.addLine(s.label, line, x, baselineIn(top, bodyLineHeight, bodySize));
        top -= bodyLineHeight;
    }
    top -= smallGap;
    const Rect box{x, top - signatureBoxHeight, signatureBoxWidth, signatureBoxHeight};
    if (s.area->png.empty()) {
        flow.page().lines.push_back({box.x, box.y, box.x + box.width, box.y, 0.6, false});
    } else {
        auto image = fitImage(s.area->png, box, false, "signature: " + s.area->label);
        if (!image)
            return image.error();
        flow.page().images.push_back(std::move(image).value());
    }
    top -= signatureBoxHeight + smallGap;
    flow.addText(s.date, x, baselineIn(top, bodyLineHeight, bodySize));
    return core::Done{};
}

} // namespace

core::Expected<core::Done> layoutSignatures(PageFlow& flow, const Block& block) {
    const double columnWidth = (contentWidth - columnGap) / 2;
    for (std::size_t first = 0; first < block.signatures.size(); first += 2) {
        std::vector<MeasuredSignature> row;
        double height = 0;
        for (std::size_t i = first; i < std::min(first + 2, block.signatures.size()); ++i) {
            const SignatureArea& area = block.signatures[i];
            MeasuredSignature s{&area,
                                flow.shape(area.label, bodySize),
                                {},
                                flow.shape(area.date.empty() ? blankDate : area.date, bodySize)};
            s.labelLines = breakLines(s.label, columnWidth, columnWidth);
            height = std::max(height, signatureHeight(s));
            row.push_back(std::move(s));
        }
        flow.keepTogether(height);
        for (std::size_t i = 0; i < row.size(); ++i) {
            auto placed = placeSignature(flow, row[i],
                                         flow.left() + static_cast<double>(i) * (columnWidth + columnGap));
            if (!placed)
                return placed.error();
        }
        flow.advance(height);
        flow.gap(blockGap);
    }
    return core::Done{};
}

core::Expected<core::Done> layoutSeal(PageFlow& flow, const Block& block) {
    const SealArea& seal = block.seal;
    const double maxTextWidth = contentWidth * 0.6;
    const ShapedText issuer = flow.shape(seal.issuer, bodySize);
    const auto issuerLines = breakLines(issuer, maxTextWidth, maxTextWidth);
    const ShapedText date = flow.shape(seal.date.empty() ? blankDate : seal.date, bodySize);
    double textWidthMax = textWidth(date);
    for (const LineSpan& line : issuerLines)
        textWidthMax = std::max(textWidthMax, line.width);
    const double areaWidth = std::max(sealSide, textWidthMax);
    const double areaLeft = flow.right() - areaWidth;
    const double height = sealSide + smallGap + static_cast<double>(issuerLines.size() + 1) * bodyLineHeight;

    flow.keepTogether(height);
    double top = flow.cursor();
    const Rect sealBox{areaLeft + (areaWidth - sealSide) / 2, top - sealSide, sealSide, sealSide};
    if (seal.png.empty()) {
        flow.page().boxes.push_back({sealBox, 0.5, true});
        const ShapedText mark = flow.shape("（盖章）", bodySize);
        flow.addText(mark, sealBox.x + (sealSide - textWidth(mark)) / 2,
                     baselineIn(sealBox.y + sealSide / 2 + bodyLineHeight / 2, bodyLineHeight, bodySize));
    } else {
        auto image = fitImage(seal.png, sealBox, true, "seal: " + seal.issuer);
        if (!image)
            return image.error();
        flow.page().images.push_back(std::move(image).value());
    }
    top -= sealSide + smallGap;
    for (const LineSpan& line : issuerLines) {
        flow.addLine(issuer, line, areaLeft + (areaWidth - line.width) / 2,
                     baselineIn(top, bodyLineHeight, bodySize));
        top -= bodyLineHeight;
    }
    flow.addText(date, areaLeft + (areaWidth - textWidth(date)) / 2,
                 baselineIn(top, bodyLineHeight, bodySize));
    flow.advance(height);
    flow.gap(blockGap);
    return core::Done{};
}

} // namespace ywtb::render
