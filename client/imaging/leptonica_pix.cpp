#include "imaging/leptonica_pix.h"

#include <cstring>

namespace ywtb::imaging {
namespace {

int bitsPerPixel(RasterFormat format) {
    switch (format) {
    case RasterFormat::Rgb24:
        return 24;
    case RasterFormat::Gray8:
        return 8;
    case RasterFormat::Gray1:
        return 1;
    }
    return 8;
}

} // namespace

bool rasterIsConsistent(const RasterView& raster) {
    if (raster.width <= 0 || raster.height <= 0 || raster.resolution <= 0)
        return false;
    const auto rowBytes =
        (static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(bitsPerPixel(raster.format)) + 7) /
        8;
    return static_cast<std::size_t>(raster.bytesPerLine) >= rowBytes &&
           raster.bytes.size() >=
               static_cast<std::size_t>(raster.bytesPerLine) * static_cast<std::size_t>(raster.height);
}

PixPtr pixFromRaster(const RasterView& raster) {
    if (!rasterIsConsistent(raster))
        return nullptr;
    const int depth = bitsPerPixel(raster.format);
    // Leptonica keeps 8 and 1 bpp rows as 32-bit words in host order, but 24 bpp rows as plain bytes
    // (pixConvert24To32 reads them byte by byte): copy the rows as they come, then fix the byte order.
    auto pix = own(pixCreate(raster.width, raster.height, depth));
    if (!pix)
        return nullptr;
    const auto rowBytes = (static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(depth) + 7) / 8;
    auto* data = reinterpret_cast<std::uint8_t*>(pixGetData(pix.get()));
    const auto wplBytes = static_cast<std::size_t>(pixGetWpl(pix.get())) * 4;
    for (int y = 0; y < raster.height; ++y)
        std::memcpy(data + static_cast<std::size_t>(y) * wplBytes,
                    raster.bytes.data() +
                        static_cast<std::size_t>(y) * static_cast<std::size_t>(raster.bytesPerLine),
                    rowBytes);
    pixSetResolution(pix.get(), raster.resolution, raster.resolution);
    if (depth == 24) {
        auto rgb = own(pixConvert24To32(pix.get()));
        if (rgb)
            pixSetResolution(rgb.get(), raster.resolution, raster.resolution);
        return rgb;
    }
    pixEndianByteSwap(pix.get());
    if (depth == 1)
        pixSetPadBits(pix.get(), 0); // a scanner's bits past the last pixel are not ink
    return pix;
}

} // namespace ywtb::imaging
