#pragma once
// PNG images checked before libharu sees them: libharu 2.3 hands libpng an error callback that returns,
// so libpng abort()s the whole process on a corrupt image. Decoding once with libpng's own guarded API
// turns that into an error value.

#include "core/error.h"

#include <optional>
#include <string>
#include <string_view>

namespace ywtb::render {

/// Pixel dimensions of an image.
struct PixelSize {
    unsigned width = 0;
    unsigned height = 0;
};

/// The size of `png` when it decodes completely; none when it is not a PNG file or is damaged.
std::optional<PixelSize> decodablePngSize(std::string_view png);

/// The error for an image that cannot be drawn; `where` says whose signature or which seal.
core::Error unusableImage(const std::string& where);

} // namespace ywtb::render
