#include "imaging/leptonica_pix.h"

#include <bit>
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
    if (depth == 24) {
        // Leptonica keeps colour as one 32-bit word per pixel, 0xRRGGBB00. Its own way in (pixConvert24To32)
        // calls a function per pixel and costs a whole-page copy more; packing the bytes here is one pass.
        auto pix = own(pixCreateNoInit(raster.width, raster.height, 32));
        if (!pix)
            return nullptr;
        l_uint32* data = pixGetData(pix.get());
        const auto wpl = static_cast<std::size_t>(pixGetWpl(pix.get()));
        for (int y = 0; y < raster.height; ++y) {
            const std::uint8_t* in = raster.bytes.data() + static_cast<std::size_t>(y) *
                                                               static_cast<std::size_t>(raster.bytesPerLine);
            l_uint32* out = data + static_cast<std::size_t>(y) * wpl;
            // Four bytes read per pixel, the fourth (the next pixel's red) masked off; the last pixel of a
            // row may be the last bytes of the raster, so it is read byte by byte.
            int x = 0;
            for (; x + 1 < raster.width; ++x, in += 3) {
                std::uint32_t word = 0;
                std::memcpy(&word, in, 4);
                if constexpr (std::endian::native == std::endian::little)
                    word = __builtin_bswap32(word);
                out[x] = word & 0xffffff00u;
            }
            out[x] = (l_uint32{in[0]} << 24) | (l_uint32{in[1]} << 16) | (l_uint32{in[2]} << 8);
        }
        pixSetResolution(pix.get(), raster.resolution, raster.resolution);
        return pix;
    }
    // Leptonica keeps 8 and 1 bpp rows as 32-bit words in host order: copy the rows as they come, then fix
    // the byte order.
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
    pixEndianByteSwap(pix.get());
    if (depth == 1)
        pixSetPadBits(pix.get(), 0); // a scanner's bits past the last pixel are not ink
    return pix;
}

} // namespace ywtb::imaging
