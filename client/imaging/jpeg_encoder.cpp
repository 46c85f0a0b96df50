#include "imaging/jpeg_encoder.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <turbojpeg.h>

namespace ywtb::imaging {
namespace {

struct TurboJpegDeleter {
    void operator()(void* handle) const { tjDestroy(handle); }
};
using TurboJpeg = std::unique_ptr<void, TurboJpegDeleter>;

// A 32 bpp pixel is the word 0xRRGGBBAA; in memory that is A,B,G,R on little-endian hosts.
#ifdef L_LITTLE_ENDIAN
constexpr int kColourFormat = TJPF_XBGR;
#else
constexpr int kColourFormat = TJPF_RGBX;
#endif

} // namespace

std::optional<std::string> encodeJpeg(PIX* pix, const Rect& region, int quality, std::string& failure) {
    PixPtr owned;
    if (pixGetColormap(pix)) {
        owned = own(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
        pix = owned.get();
    }
    if (pix && pixGetDepth(pix) != 32 && pixGetDepth(pix) != 8) {
        owned = own(pixConvertTo8(pix, 0));
        pix = owned.get();
    }
    if (!pix) {
        failure = "leptonica could not convert the image";
        return std::nullopt;
    }
    const int x = std::clamp(region.x, 0, pixGetWidth(pix)), y = std::clamp(region.y, 0, pixGetHeight(pix));
    const int width = std::min(region.width, pixGetWidth(pix) - x);
    const int height = std::min(region.height, pixGetHeight(pix) - y);
    if (width <= 0 || height <= 0) {
        failure = "the region to encode lies outside the image";
        return std::nullopt;
    }
    const bool colour = pixGetDepth(pix) == 32;
    const int pitch = pixGetWpl(pix) * 4;
    const unsigned char* source = nullptr;
    // An 8 bpp leptonica row is 32-bit words in host order; TurboJPEG wants the bytes left to right.
    PixPtr bytewise;
    if (colour) {
        source = reinterpret_cast<const unsigned char*>(pixGetData(pix)) +
                 static_cast<std::ptrdiff_t>(y) * pitch + static_cast<std::ptrdiff_t>(x) * 4;
    } else {
        PixPtr cut;
        if (x != 0 || y != 0 || width != pixGetWidth(pix) || height != pixGetHeight(pix)) {
            BOX* box = boxCreate(x, y, width, height);
            cut = own(pixClipRectangle(pix, box, nullptr));
            boxDestroy(&box);
            if (!cut) {
                failure = "leptonica could not cut the image";
                return std::nullopt;
            }
        }
        bytewise = own(pixEndianByteSwapNew(cut ? cut.get() : pix));
        if (!bytewise) {
            failure = "leptonica could not reorder the image bytes";
            return std::nullopt;
        }
        source = reinterpret_cast<const unsigned char*>(pixGetData(bytewise.get()));
    }
    TurboJpeg handle(tjInitCompress());
    if (!handle) {
        failure = tjGetErrorStr2(nullptr);
        return std::nullopt;
    }
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    const int rc =
        tjCompress2(handle.get(), source, width, bytewise ? pixGetWpl(bytewise.get()) * 4 : pitch, height,
                    colour ? kColourFormat : TJPF_GRAY, &jpeg, &size, colour ? TJSAMP_420 : TJSAMP_GRAY,
                    std::clamp(quality, 1, 100), TJFLAG_FASTDCT);
    if (rc != 0) {
        failure = tjGetErrorStr2(handle.get());
        tjFree(jpeg);
        return std::nullopt;
    }
    std::string out(reinterpret_cast<const char*>(jpeg), size);
    tjFree(jpeg);
    return out;
}

std::optional<std::string> encodeJpeg(PIX* pix, int quality, std::string& failure) {
    return encodeJpeg(pix, Rect{0, 0, pixGetWidth(pix), pixGetHeight(pix)}, quality, failure);
}

PixPtr decodeJpegAtLeast(const std::string& jpeg, int longSide, std::string& failure) {
    TurboJpeg handle(tjInitDecompress());
    if (!handle) {
        failure = tjGetErrorStr2(nullptr);
        return nullptr;
    }
    const auto* data = reinterpret_cast<const unsigned char*>(jpeg.data());
    // TurboJPEG takes the size as unsigned long: 32 bits on Windows. A page's JPEG is megabytes, never 4 GB.
    if (jpeg.size() > std::numeric_limits<unsigned long>::max()) {
        failure = "the JPEG is too large for TurboJPEG";
        return nullptr;
    }
    const auto size = static_cast<unsigned long>(jpeg.size());
    int width = 0, height = 0, subsampling = 0, colourspace = 0;
    if (tjDecompressHeader3(handle.get(), data, size, &width, &height, &subsampling, &colourspace) != 0) {
        failure = tjGetErrorStr2(handle.get());
        return nullptr;
    }
    int count = 0;
    const tjscalingfactor* factors = tjGetScalingFactors(&count);
    int scaledWidth = width, scaledHeight = height;
    for (int i = 0; factors && i < count; ++i) {
        const auto& f = factors[i];
        const int w = (width * f.num + f.denom - 1) / f.denom, h = (height * f.num + f.denom - 1) / f.denom;
        if (std::max(w, h) >= std::min(longSide, std::max(width, height)) &&
            w * h < scaledWidth * scaledHeight) {
            scaledWidth = w;
            scaledHeight = h;
        }
    }
    const bool grey = subsampling == TJSAMP_GRAY;
    auto pix = own(pixCreateNoInit(scaledWidth, scaledHeight, grey ? 8 : 32));
    if (!pix) {
        failure = "leptonica could not make an image for the thumbnail";
        return nullptr;
    }
    if (tjDecompress2(handle.get(), data, size, reinterpret_cast<unsigned char*>(pixGetData(pix.get())),
                      scaledWidth, pixGetWpl(pix.get()) * 4, scaledHeight, grey ? TJPF_GRAY : kColourFormat,
                      TJFLAG_FASTDCT) != 0) {
        failure = tjGetErrorStr2(handle.get());
        return nullptr;
    }
    if (grey)
        pixEndianByteSwap(pix.get()); // TurboJPEG wrote bytes left to right; leptonica reads host-order words
    return pix;
}

} // namespace ywtb::imaging
