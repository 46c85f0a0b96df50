#pragma once
// JPEG bytes from a leptonica image, through libjpeg-turbo's TurboJPEG API. Private to client/imaging.

#include <leptonica/allheaders.h>
#include <optional>
#include <string>

namespace ywtb::imaging {

/// Encodes a 32 bpp image as colour JPEG, an 8 or 1 bpp image as one-channel grey JPEG.
/// Nothing when TurboJPEG fails; `failure` then holds its words.
std::optional<std::string> encodeJpeg(PIX* pix, int quality, std::string& failure);

} // namespace ywtb::imaging
