// The order matters: crop first (a dark border is not ink and would throw the skew off), the blank check
// before deskew (a dropped page costs no rotation), colour conversion after deskew (rotating grey or colour
// keeps edges smooth), JPEG last, the thumbnail from the JPEG. Only one full-size copy of the page is made:
// it is turned in place (by shears), cropping moves a rectangle, and the JPEG is encoded from that rectangle
// in place.

#include "imaging/page_pipeline.h"

#include "imaging/jpeg_encoder.h"
#include "imaging/leptonica_pix.h"
#include "imaging/page_analysis.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace ywtb::imaging {
namespace {

using core::Error;
using core::Message;

/// Below this turn leptonica does not turn a page (pixRotate's MinAngleToRotate).
constexpr double kMinTurnRadians = 0.001;
/// Up to this turn three shears do (leptonica's limit for shear rotation of grey and colour in pixRotate).
constexpr double kMaxShearRadians = 0.35;

Error failed(const char* step, const std::string& detail = {}) {
    Message what = detail.empty()
                       ? Message(N_("cannot {step} the scanned page"))
                       : Message(N_("cannot {step} the scanned page: {detail}"), {{"detail", detail}});
    return Error{"imaging.failed",
                 std::move(what.term("step", step)),
                 {},
                 Message(N_("scan the page again; if it keeps failing, scan at a lower resolution"))};
}

/// Turns `page` by `degrees` about its centre, white brought in. Without `smooth`, whole pixels are moved
/// by leptonica's in-place shears: the page is turned where it lies, no second page is allocated and
/// cleared (twice, by pixRotateBySampling), and each pass moves rows or column bands of words (rasterops)
/// instead of working out a source position for every pixel. Two shears (pixRotate2Shear's way, in place)
/// are a true turn but for a stretch of about angle²/2 of the distance from the centre; they are used
/// while that stays within a pixel at the page's far edge (up to 1.9° on a 300-dpi A4 page), three shears
/// (pixRotateShearIP, a true turn) beyond, up to 0.35 rad, and sampling past that, as pixRotate does. With
/// `smooth`, area mapping interpolates into a new image (smoother edges, over ten times the instructions).
/// False when leptonica failed; the page may then be half turned.
bool turn(PixPtr& page, double degrees, bool smooth) {
    const double radians = degrees * std::numbers::pi / 180.0;
    const auto angle = static_cast<l_float32>(radians);
    PIX* pix = page.get();
    if (std::abs(radians) < kMinTurnRadians) // what pixRotate leaves as it is
        return true;
    const int w = pixGetWidth(pix), h = pixGetHeight(pix);
    if (!smooth && !pixGetColormap(pix) && std::abs(radians) <= kMaxShearRadians) {
        const double farEdge = std::max(w, h) / 2.0;
        if (radians * radians / 2 * farEdge <= 1.0)
            return pixHShearIP(pix, h / 2, angle, L_BRING_IN_WHITE) == 0 &&
                   pixVShearIP(pix, w / 2, angle, L_BRING_IN_WHITE) == 0;
        return pixRotateShearIP(pix, w / 2, h / 2, angle, L_BRING_IN_WHITE) == 0;
    }
    // Smooth, colormapped, or too far for shears. 1 bpp pages are sheared by pixRotate whatever is asked.
    const int type = smooth ? L_ROTATE_AREA_MAP : L_ROTATE_SAMPLING;
    page = own(pixRotate(pix, angle, type, L_BRING_IN_WHITE, 0, 0));
    return page != nullptr;
}

/// Where `area` of a `width` × `height` image lies once the image is turned by `degrees` about its
/// centre (pixRotate's sense: clockwise on screen). With `paperTurnedToo` it is the bounding box of paper
/// lying turned by -`degrees`: the paper is straight now and smaller than that box, and only the paper
/// is kept — not the dark wedges of scanner background the box held around it.
Rect afterTurn(const Rect& area, int width, int height, double degrees, bool paperTurnedToo) {
    const double angle = degrees * std::numbers::pi / 180.0, c = std::cos(angle), s = std::sin(angle);
    const double dx = area.x + area.width / 2.0 - width / 2.0, dy = area.y + area.height / 2.0 - height / 2.0;
    const double cx = width / 2.0 + dx * c - dy * s, cy = height / 2.0 + dx * s + dy * c;
    double w = area.width, h = area.height;
    const double as = std::abs(s), denominator = c * c - as * as;
    if (paperTurnedToo && denominator > 0.5) { // a box W × H around paper w × h turned by a: W = w c + h s
        w = std::max(1.0, (area.width * c - area.height * as) / denominator);
        h = std::max(1.0, (area.height * c - area.width * as) / denominator);
    }
    Rect out{static_cast<int>(std::lround(cx - w / 2)), static_cast<int>(std::lround(cy - h / 2)),
             static_cast<int>(std::lround(w)), static_cast<int>(std::lround(h))};
    out.x = std::clamp(out.x, 0, width - 1);
    out.y = std::clamp(out.y, 0, height - 1);
    out.width = std::min(out.width, width - out.x);
    out.height = std::min(out.height, height - out.y);
    return out;
}

bool isWhole(const Rect& area, PIX* pix) {
    return area.x == 0 && area.y == 0 && area.width == pixGetWidth(pix) && area.height == pixGetHeight(pix);
}

/// The paper in `analysis.gray`'s pixels, searched at half that resolution when it is 150 dpi or more (a
/// sheet is large: 75 dpi finds it, in a quarter of the work) and taken in by one coarse pixel's width, so
/// that what the coarse edge leaves uncertain is cut from the paper rather than left from the lid.
std::optional<Rect> paperRectCoarse(const AnalysisImage& analysis, int threshold, PIX* page) {
    if (analysis.resolution < 150)
        return paperRect(analysis.gray.get(), threshold, page, analysis.factor);
    auto coarse = own(pixScaleAreaMap2(analysis.gray.get()));
    if (!coarse)
        return std::nullopt;
    auto paper = paperRect(coarse.get(), threshold, page, analysis.factor * 2);
    if (!paper || paper->width < 3 || paper->height < 3)
        return std::nullopt;
    const int w = pixGetWidth(analysis.gray.get()), h = pixGetHeight(analysis.gray.get());
    Rect fine{paper->x * 2 + 2, paper->y * 2 + 2, paper->width * 2 - 4, paper->height * 2 - 4};
    fine.width = std::min(fine.width, w - fine.x);
    fine.height = std::min(fine.height, h - fine.y);
    return fine;
}

PixPtr inColour(PIX* pix, const PipelineSettings& settings) {
    switch (settings.colour) {
    case OutputColour::AsScanned:
        return own(pixClone(pix));
    case OutputColour::Gray:
        return own(pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixConvertTo8(pix, 0));
    case OutputColour::BlackAndWhite:
        return own(pixConvertTo1(pix, std::clamp(settings.blackWhiteThreshold, 1, 256)));
    }
    return own(pixClone(pix));
}

} // namespace

core::Expected<ProcessedPage> processPage(const RasterView& raster, const PipelineSettings& settings) {
    if (!rasterIsConsistent(raster))
        return Error{
            "imaging.bad_raster",
            Message(N_("the scanner delivered a damaged page ({width} × {height} pixels, {bytes} bytes)"),
                    {{"width", std::to_string(raster.width)},
                     {"height", std::to_string(raster.height)},
                     {"bytes", std::to_string(raster.bytes.size())}}),
            {},
            Message(N_("scan the page again"))};
    ProcessedPage out;
    out.resolution = raster.resolution;
    PixPtr page = pixFromRaster(raster);
    if (!page)
        return failed(N_("read"));
    AnalysisImage analysis = analysisImage(page.get(), raster.resolution);
    if (!analysis.gray)
        return failed(N_("measure"));

    // The part of `page` that is kept: the page is not copied to crop it, only this rectangle moves.
    Rect kept{0, 0, pixGetWidth(page.get()), pixGetHeight(page.get())};
    if (settings.cropToPaper) {
        if (auto paper = paperRectCoarse(analysis, settings.paperThreshold, page.get())) {
            const int f = analysis.factor;
            kept = Rect{paper->x * f, paper->y * f, std::min(paper->width * f, kept.width - paper->x * f),
                        std::min(paper->height * f, kept.height - paper->y * f)};
            auto croppedGray = clip(analysis.gray.get(), *paper);
            if (!croppedGray)
                return failed(N_("crop"));
            analysis.gray = std::move(croppedGray);
            out.cropped = true;
        }
    }

    // The analysis copy binarised once at the ink threshold: the blank check counts it, deskew measures it.
    PixPtr ink;
    const auto inkImage = [&]() -> PIX* {
        if (!ink)
            ink = inkOf(analysis.gray.get(), settings.blank.inkThreshold);
        return ink.get();
    };
    bool blank = false;
    if (settings.blank.action != BlankAction::Keep) {
        out.inkFraction = inkFraction(inkImage(), settings.blank, analysis.resolution);
        blank = out.inkFraction <= settings.blank.maxInkFraction;
    }
    out.width = kept.width;
    out.height = kept.height;
    if (blank && settings.blank.action == BlankAction::Drop) {
        out.verdict = PageVerdict::DroppedBlank;
        return out;
    }
    out.verdict = blank ? PageVerdict::FlaggedBlank : PageVerdict::Kept;

    if (settings.deskew && !blank) {
        const Skew skew = findSkew(inkImage());
        out.skewDegrees = skew.degrees;
        out.skewConfidence = skew.confidence;
        if (skew.found && std::abs(skew.degrees) >= settings.minSkewDegrees &&
            skew.confidence >= settings.minSkewConfidence) {
            kept =
                afterTurn(kept, pixGetWidth(page.get()), pixGetHeight(page.get()), skew.degrees, out.cropped);
            if (!turn(page, skew.degrees, settings.smoothRotation))
                return failed(N_("straighten"));
            out.deskewed = true;
        }
    }
    analysis.gray.reset(); // the grey copy and its ink are done with; keep the peak low
    ink.reset();

    // Colour is encoded straight from the kept rectangle; grey and black-and-white convert only that part.
    PixPtr stored;
    Rect region = kept;
    if (settings.colour == OutputColour::AsScanned) {
        stored = std::move(page);
    } else {
        PixPtr cut = isWhole(kept, page.get()) ? std::move(page) : clip(page.get(), kept);
        page.reset();
        if (!cut)
            return failed(N_("crop"));
        stored = inColour(cut.get(), settings);
        if (stored)
            region = Rect{0, 0, pixGetWidth(stored.get()), pixGetHeight(stored.get())};
    }
    if (!stored)
        return failed(N_("convert"));
    out.width = region.width;
    out.height = region.height;

    std::string detail;
    auto jpeg = encodeJpeg(stored.get(), region, settings.jpegQuality, detail);
    if (!jpeg)
        return failed(N_("compress"), detail);
    out.jpeg = std::move(*jpeg);
    stored.reset();

    // The thumbnail comes from the stored JPEG, shrunk mostly by TurboJPEG's DCT scaling, then to size.
    auto small = decodeJpegAtLeast(out.jpeg, settings.thumbnailLongSide, detail);
    if (!small)
        return failed(N_("make a thumbnail of"), detail);
    const int longest = std::max(pixGetWidth(small.get()), pixGetHeight(small.get()));
    if (settings.thumbnailLongSide > 0 && longest > settings.thumbnailLongSide) {
        const auto scale = static_cast<l_float32>(static_cast<double>(settings.thumbnailLongSide) / longest);
        small = own(pixScale(small.get(), scale, scale));
        if (!small)
            return failed(N_("make a thumbnail of"));
    }
    auto thumbnailJpeg = encodeJpeg(small.get(), settings.thumbnailQuality, detail);
    if (!thumbnailJpeg)
        return failed(N_("compress"), detail);
    out.thumbnailJpeg = std::move(*thumbnailJpeg);
    out.thumbnailWidth = pixGetWidth(small.get());
    out.thumbnailHeight = pixGetHeight(small.get());
    return out;
}

} // namespace ywtb::imaging
