#pragma once
// Measuring a page with leptonica: where the paper is, how much ink there is, how crooked it lies.
// Private to client/imaging; all of it works on a grey copy at about 150 dpi.

#include "imaging/leptonica_pix.h"
#include "imaging/page_pipeline.h"

#include <optional>

namespace ywtb::imaging {

/// A grey copy of the page, reduced by `factor` (a power of two) to no less than 150 dpi.
struct AnalysisImage {
    PixPtr gray;
    int factor = 1;
    int resolution = 0;
};
AnalysisImage analysisImage(PIX* page, int resolution);

/// The paper inside a dark background, in `gray`'s pixels: the bounding box of the largest light region.
/// Nothing when that fills (nearly) the whole image, is small, or what lies outside it is not dark, even
/// and — on a colour `page`, `factor` times larger than `gray` — grey like a scanner's background.
std::optional<Rect> paperRect(PIX* gray, int paperThreshold, PIX* page, int factor);

/// The ink of the grey copy: one bit a pixel, set where `gray` is darker than `inkThreshold`. Made once and
/// read by both the blank check and the skew search.
PixPtr inkOf(PIX* gray, int inkThreshold);

/// The share of the area inside the margins that is ink (`ink` from inkOf), dust specks left out — except
/// on a page with ten times the blank threshold of ink, dust included, where leaving dust out changes no
/// verdict and the share is given with the dust. 0 when `ink` is null.
double inkFraction(PIX* ink, const BlankPageRule& rule, int resolution);

struct Skew {
    bool found = false;
    double degrees = 0;
    double confidence = 0;
};
/// The skew of the text lines (leptonica's pixFindSkew on `ink`, from inkOf); not found when `ink` is null.
Skew findSkew(PIX* ink);

/// `pix` cut to `rect` (clipped to the image).
PixPtr clip(PIX* pix, const Rect& rect);

} // namespace ywtb::imaging
