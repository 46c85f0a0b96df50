// The order matters: crop first (a dark border is not ink and would throw the skew off), the blank check
// before deskew (a dropped page costs no rotation), colour conversion after deskew (rotating grey or colour
// keeps edges smooth), JPEG last.

#include "imaging/page_pipeline.h"

#include "imaging/jpeg_encoder.h"
#include "imaging/leptonica_pix.h"
#include "imaging/page_analysis.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ywtb::imaging {
namespace {

using core::Error;
using core::Message;

Error failed(const char* step, const std::string& detail = {}) {
    Message what = detail.empty()
                       ? Message(N_("cannot {step} the scanned page"))
                       : Message(N_("cannot {step} the scanned page: {detail}"), {{"detail", detail}});
    return Error{"imaging.failed",
                 std::move(what.term("step", step)),
                 {},
                 Message(N_("scan the page again; if it keeps failing, scan at a lower resolution"))};
}

PixPtr rotated(PIX* pix, double degrees) {
    // Area mapping keeps grey and colour edges smooth; 1 bpp pages are sheared instead.
    const int type = pixGetDepth(pix) == 1 ? L_ROTATE_SHEAR : L_ROTATE_AREA_MAP;
    return own(pixRotate(pix, static_cast<l_float32>(degrees * std::numbers::pi / 180.0), type,
                         L_BRING_IN_WHITE, 0, 0));
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

PixPtr thumbnailOf(PIX* pix, int longSide) {
    // Line-art scaled as grey reads better than line-art sampled.
    PixPtr source = own(pixGetDepth(pix) == 1 ? pixConvertTo8(pix, 0) : pixClone(pix));
    if (!source)
        return nullptr;
    const int longest = std::max(pixGetWidth(source.get()), pixGetHeight(source.get()));
    if (longSide <= 0 || longest <= longSide)
        return source;
    const auto scale = static_cast<l_float32>(static_cast<double>(longSide) / longest);
    return own(pixScale(source.get(), scale, scale));
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

    if (settings.cropToPaper) {
        if (auto paper =
                paperRect(analysis.gray.get(), settings.paperThreshold, page.get(), analysis.factor)) {
            const int f = analysis.factor;
            auto croppedPage =
                clip(page.get(), Rect{paper->x * f, paper->y * f, paper->width * f, paper->height * f});
            auto croppedGray = clip(analysis.gray.get(), *paper);
            if (!croppedPage || !croppedGray)
                return failed(N_("crop"));
            page = std::move(croppedPage);
            analysis.gray = std::move(croppedGray);
            out.cropped = true;
        }
    }

    bool blank = false;
    if (settings.blank.action != BlankAction::Keep) {
        out.inkFraction = inkFraction(analysis.gray.get(), settings.blank, analysis.resolution);
        blank = out.inkFraction <= settings.blank.maxInkFraction;
    }
    out.width = pixGetWidth(page.get());
    out.height = pixGetHeight(page.get());
    if (blank && settings.blank.action == BlankAction::Drop) {
        out.verdict = PageVerdict::DroppedBlank;
        return out;
    }
    out.verdict = blank ? PageVerdict::FlaggedBlank : PageVerdict::Kept;

    if (settings.deskew && !blank) {
        const Skew skew = findSkew(analysis.gray.get(), settings.blank.inkThreshold);
        out.skewDegrees = skew.degrees;
        out.skewConfidence = skew.confidence;
        if (skew.found && std::abs(skew.degrees) >= settings.minSkewDegrees &&
            skew.confidence >= settings.minSkewConfidence) {
            auto straight = rotated(page.get(), skew.degrees);
            if (!straight)
                return failed(N_("straighten"));
            page = std::move(straight);
            out.deskewed = true;
        }
    }
    analysis.gray.reset(); // the grey copy is done with; keep the peak low

    auto stored = inColour(page.get(), settings);
    if (!stored)
        return failed(N_("convert"));
    page.reset();
    out.width = pixGetWidth(stored.get());
    out.height = pixGetHeight(stored.get());

    std::string detail;
    auto jpeg = encodeJpeg(stored.get(), settings.jpegQuality, detail);
    if (!jpeg)
        return failed(N_("compress"), detail);
    out.jpeg = std::move(*jpeg);

    auto thumbnail = thumbnailOf(stored.get(), settings.thumbnailLongSide);
    if (!thumbnail)
        return failed(N_("make a thumbnail of"));
    auto thumbnailJpeg = encodeJpeg(thumbnail.get(), settings.thumbnailQuality, detail);
    if (!thumbnailJpeg)
        return failed(N_("compress"), detail);
    out.thumbnailJpeg = std::move(*thumbnailJpeg);
    out.thumbnailWidth = pixGetWidth(thumbnail.get());
    out.thumbnailHeight = pixGetHeight(thumbnail.get());
    return out;
}

} // namespace ywtb::imaging
