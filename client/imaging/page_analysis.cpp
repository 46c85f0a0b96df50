#include "imaging/page_analysis.h"

#include <algorithm>
#include <cmath>

namespace ywtb::imaging {
namespace {
/// The standard deviation of grey levels (0–255) up to which a strip counts as the scanner's background.
constexpr l_float32 kEvenBackground = 16;
/// How far apart the mean red, green and blue of a strip may be for it to count as a grey background.
constexpr l_int32 kGreyBackground = 24;
/// How far above the blank threshold the ink (dust included) must be for the dust not to matter: ten times
/// (with the default threshold, 0.2 % of the area, about 1 cm² on A4 — some thousand specks of 0.3 mm).
constexpr double kClearlyWritten = 10;
} // namespace

AnalysisImage analysisImage(PIX* page, int resolution) {
    AnalysisImage out;
    out.resolution = resolution;
    if (pixGetDepth(page) == 32 && resolution / 2 >= 150) {
        // Grey and halved in one pass over the colour page, with pixConvertRGBToLuminance's weights.
        out.gray = own(pixScaleRGBToGray2(page, L_RED_WEIGHT, L_GREEN_WEIGHT, L_BLUE_WEIGHT));
        out.factor = 2;
        out.resolution /= 2;
    } else {
        out.gray = own(pixGetDepth(page) == 32 ? pixConvertRGBToLuminance(page) : pixConvertTo8(page, 0));
    }
    while (out.gray && out.resolution / 2 >= 150) {
        out.gray = own(pixScaleAreaMap2(out.gray.get()));
        out.factor *= 2;
        out.resolution /= 2;
    }
    return out;
}

std::optional<Rect> paperRect(PIX* gray, int paperThreshold, PIX* page, int factor) {
    // pixThresholdToBinary sets the pixels darker than the threshold; the paper is the rest.
    auto dark = own(pixThresholdToBinary(gray, paperThreshold));
    if (!dark)
        return std::nullopt;
    auto light = own(pixInvert(nullptr, dark.get()));
    BOXA* boxes = pixConnCompBB(light.get(), 4);
    if (!boxes)
        return std::nullopt;
    Rect best;
    std::int64_t bestArea = 0;
    for (int i = 0; i < boxaGetCount(boxes); ++i) {
        BOX* box = boxaGetBox(boxes, i, L_CLONE);
        Rect r;
        boxGetGeometry(box, &r.x, &r.y, &r.width, &r.height);
        boxDestroy(&box);
        if (std::int64_t{r.width} * r.height > bestArea) {
            best = r;
            bestArea = std::int64_t{r.width} * r.height;
        }
    }
    boxaDestroy(&boxes);
    const int w = pixGetWidth(gray), h = pixGetHeight(gray);
    const bool fillsImage = best.width >= w * 98 / 100 && best.height >= h * 98 / 100;
    const bool tooSmall = bestArea < std::int64_t{w} * h / 10; // a label on a dark page, not the paper
    if (fillsImage || tooSmall)
        return std::nullopt;
    // A scanner's background is dark and even; a dark photo or coloured band at the page's edge is not.
    const Rect strips[] = {{0, 0, w, best.y},
                           {0, best.y + best.height, w, h - best.y - best.height},
                           {0, 0, best.x, h},
                           {best.x + best.width, 0, w - best.x - best.width, h}};
    for (const auto& strip : strips) {
        if (strip.width <= 0 || strip.height <= 0)
            continue;
        auto cut = clip(gray, strip);
        l_float32 mean = 0, spread = 0;
        if (!cut || pixGetAverageMasked(cut.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &mean) != 0 ||
            pixGetAverageMasked(cut.get(), nullptr, 0, 0, 1, L_STANDARD_DEVIATION, &spread) != 0)
            return std::nullopt;
        if (mean >= static_cast<l_float32>(paperThreshold) || spread > kEvenBackground)
            return std::nullopt;
        if (pixGetDepth(page) == 32) {
            // The strip's mean colour, every fourth pixel each way, read from the page where it lies: a mask
            // over the strip (one bit a pixel) instead of a colour copy of it split into three channels.
            const Rect s{strip.x * factor, strip.y * factor, strip.width * factor, strip.height * factor};
            auto mask = own(pixCreate(s.width, s.height, 1));
            l_uint32 colour = 0;
            if (!mask || pixSetAll(mask.get()) != 0 ||
                pixGetPixelAverage(page, mask.get(), s.x, s.y, 4, &colour) != 0)
                return std::nullopt;
            l_int32 r = 0, g = 0, b = 0;
            extractRGBValues(colour, &r, &g, &b);
            if (std::max({r, g, b}) - std::min({r, g, b}) > kGreyBackground)
                return std::nullopt;
        }
    }
    return best;
}

PixPtr inkOf(PIX* gray, int inkThreshold) {
    return own(pixThresholdToBinary(gray, std::clamp(inkThreshold, 1, 256)));
}

double inkFraction(PIX* ink, const BlankPageRule& rule, int resolution) {
    if (!ink)
        return 0;
    const int w = pixGetWidth(ink), h = pixGetHeight(ink);
    const double margin = std::clamp(rule.marginFraction, 0.0, 0.45);
    const Rect inner{static_cast<int>(w * margin), static_cast<int>(h * margin),
                     static_cast<int>(w * (1 - 2 * margin)), static_cast<int>(h * (1 - 2 * margin))};
    auto area = clip(ink, inner); // one bit a pixel: a small copy
    if (!area)
        return 0;
    const double pixels = static_cast<double>(pixGetWidth(area.get())) * pixGetHeight(area.get());
    l_int32 count = 0;
    pixCountPixels(area.get(), &count, nullptr);
    // Dust is specks: it cannot make a page look written on by a wide margin. Far above the threshold the
    // page keeps its verdict with or without the dust, so the costly search for specks is skipped. (Should a
    // very dusty blank page pass this, it is kept and shown, never dropped: the error costs a glance.)
    if (count / pixels > kClearlyWritten * rule.maxInkFraction)
        return count / pixels;
    const int speck = static_cast<int>(rule.speckMm / 25.4 * resolution);
    if (speck >= 1) {
        l_int32 changed = 0;
        // Keep a blob when it is larger than a speck in either direction: a thin stroke of writing stays.
        auto kept =
            own(pixSelectBySize(area.get(), speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, &changed));
        if (kept)
            area = std::move(kept);
    }
    pixCountPixels(area.get(), &count, nullptr);
    return count / pixels;
}

Skew findSkew(PIX* ink) {
    Skew skew;
    l_float32 angle = 0, confidence = 0;
    if (ink && pixFindSkew(ink, &angle, &confidence) == 0) {
        skew.found = true;
        skew.degrees = angle;
        skew.confidence = confidence;
    }
    return skew;
}

PixPtr clip(PIX* pix, const Rect& rect) {
    BOX* box = boxCreate(rect.x, rect.y, rect.width, rect.height);
    if (!box)
        return nullptr;
    auto out = own(pixClipRectangle(pix, box, nullptr));
    boxDestroy(&box);
    return out;
}

} // namespace ywtb::imaging
