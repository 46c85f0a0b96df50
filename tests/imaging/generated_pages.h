#pragma once
// Pages made for the tests with leptonica: text-like bars on white, turned by a known angle, specks of
// dust, paper on a dark scanner background; and JPEG decoding to look at what the pipeline stored.

#include "imaging/raster.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ywtb::testing {

/// Bytes plus the view over them.
struct OwnedRaster {
    std::vector<std::uint8_t> bytes;
    imaging::RasterView view;
};

/// An A4 page at `dpi`, 8-bit grey: lines of word-like black bars, turned by `degrees` (white brought in).
OwnedRaster textPage(int dpi, double degrees);
/// A white A4 page at `dpi` with `specks` dots of `speckPixels` square, and `bars` short bars of ink.
OwnedRaster sparsePage(int dpi, int specks, int speckPixels, int bars);
/// `textPage` (straight) laid on a black background `border` pixels wider on each side.
OwnedRaster pageOnDarkBackground(int dpi, int border);
/// `page` (Gray8 or Rgb24) laid on an even background of grey `level` (25: a dark scanner lid, 255: white
/// paper) `border` pixels wider on each side.
OwnedRaster onBackground(const OwnedRaster& page, int border, std::uint8_t level = 25);
/// `textPage` (straight) turned by `degrees` as a whole sheet, lying on a dark background that shows
/// `border` pixels around it before the turn — a crooked sheet in a scanner with a dark lid.
OwnedRaster turnedPageOnDarkBackground(int dpi, int border, double degrees);
/// A colour page: white with a pure red block (left half of the top quarter) and a blue one (right half).
OwnedRaster colourPage(int dpi);
/// `textPage` as 1-bit line-art, SANE's packing (most significant bit first, 1 black).
OwnedRaster lineartPage(int dpi);

/// A decoded JPEG.
struct DecodedJpeg {
    int width = 0;
    int height = 0;
    bool grey = false;                ///< one channel
    std::vector<std::uint8_t> pixels; ///< grey: 1 byte per pixel; colour: RGB
    std::uint8_t at(int x, int y, int channel = 0) const;
};
DecodedJpeg decodeJpeg(const std::string& jpeg);

/// The grey view of a decoded JPEG, to feed it to the pipeline again.
imaging::RasterView viewOf(const DecodedJpeg& decoded, int dpi);

} // namespace ywtb::testing
