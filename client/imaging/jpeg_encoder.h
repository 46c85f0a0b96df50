#pragma once
// JPEG bytes from a leptonica image and back, through libjpeg-turbo's TurboJPEG API. Private to
// client/imaging.

#include "imaging/leptonica_pix.h"

#include <leptonica/allheaders.h>
#include <optional>
#include <string>

namespace ywtb::imaging {

/// Encodes `region` of a 32 bpp image as colour JPEG, of an 8 or 1 bpp image as one-channel grey JPEG.
/// A colour region is read in place, without a copy. Nothing when TurboJPEG fails; `failure` then holds
/// its words.
std::optional<std::string> encodeJpeg(PIX* pix, const Rect& region, int quality, std::string& failure);
/// The whole image.
std::optional<std::string> encodeJpeg(PIX* pix, int quality, std::string& failure);

/// Decodes a JPEG at the smallest of TurboJPEG's scales (1/8, 1/4, …, 1) whose long side is still at least
/// `longSide` — the DCT does most of the shrinking. 32 bpp for colour, 8 bpp for grey; empty on failure.
PixPtr decodeJpegAtLeast(const std::string& jpeg, int longSide, std::string& failure);

} // namespace ywtb::imaging
