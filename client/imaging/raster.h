#pragma once
// A page's pixels as a scanner or camera hands them over, borrowed for the time of a call.
// The pipeline's own type, so client/imaging needs nothing from devices/.

#include <cstdint>
#include <span>

namespace ywtb::imaging {

enum class RasterFormat {
    Rgb24, ///< 3 bytes per pixel, red first
    Gray8, ///< 1 byte per pixel, 0 black
    Gray1, ///< 8 pixels per byte, most significant bit first, 1 black (SANE's and PBM's line-art)
};

/// Rows top to bottom, `bytesPerLine` bytes each (at least what `width` pixels need).
struct RasterView {
    RasterFormat format = RasterFormat::Gray8;
    int width = 0;
    int height = 0;
    int bytesPerLine = 0;
    int resolution = 300; ///< dpi
    std::span<const std::uint8_t> bytes;
};

} // namespace ywtb::imaging
