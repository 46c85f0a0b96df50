#include "imaging/jpeg_encoder.h"

#include "imaging/leptonica_pix.h"

#include <algorithm>
#include <memory>
#include <turbojpeg.h>

namespace ywtb::imaging {
namespace {

struct TurboJpegDeleter {
    void operator()(void* handle) const { tjDestroy(handle); }
};

} // namespace

std::optional<std::string> encodeJpeg(PIX* pix, int quality, std::string& failure) {
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
    const bool colour = pixGetDepth(pix) == 32;
    // An 8 bpp leptonica row is 32-bit words in host order; TurboJPEG wants the bytes left to right.
    PixPtr bytewise;
    const unsigned char* source = nullptr;
    int pixelFormat = TJPF_GRAY;
    if (colour) {
        // A 32 bpp pixel is the word 0xRRGGBBAA; in memory that is A,B,G,R on little-endian hosts.
#ifdef L_LITTLE_ENDIAN
        pixelFormat = TJPF_XBGR;
#else
        pixelFormat = TJPF_RGBX;
#endif
        source = reinterpret_cast<const unsigned char*>(pixGetData(pix));
    } else {
        bytewise = own(pixEndianByteSwapNew(pix));
        if (!bytewise) {
            failure = "leptonica could not reorder the image bytes";
            return std::nullopt;
        }
        source = reinterpret_cast<const unsigned char*>(pixGetData(bytewise.get()));
    }
    std::unique_ptr<void, TurboJpegDeleter> handle(tjInitCompress());
    if (!handle) {
        failure = tjGetErrorStr2(nullptr);
        return std::nullopt;
    }
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    const int rc = tjCompress2(handle.get(), source, pixGetWidth(pix), pixGetWpl(pix) * 4, pixGetHeight(pix),
                               pixelFormat, &jpeg, &size, colour ? TJSAMP_420 : TJSAMP_GRAY,
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

} // namespace ywtb::imaging
