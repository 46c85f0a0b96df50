#pragma once
// Leptonica images owned by unique_ptr, and the way in from a RasterView. Private to client/imaging.

#include "imaging/raster.h"

#include <leptonica/allheaders.h>
#include <memory>

namespace ywtb::imaging {

struct PixDeleter {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
/// An owned leptonica image; empty when a leptonica call failed.
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

/// Takes ownership of what a leptonica function returned.
inline PixPtr own(PIX* pix) {
    return PixPtr(pix);
}

/// A rectangle of pixels.
struct Rect {
    int x = 0, y = 0, width = 0, height = 0;
};

/// The raster as a leptonica image: 32 bpp for colour, 8 bpp grey, 1 bpp line-art; empty on failure.
PixPtr pixFromRaster(const RasterView& raster);

/// True when `raster` holds the bytes its size and format call for.
bool rasterIsConsistent(const RasterView& raster);

} // namespace ywtb::imaging
