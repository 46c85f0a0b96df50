#include "imaging/generated_pages.h"

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <leptonica/allheaders.h>
#include <numbers>
#include <stdexcept>
#include <turbojpeg.h>

namespace ywtb::testing {
namespace {

int a4Width(int dpi) {
    return static_cast<int>(210 / 25.4 * dpi);
}
int a4Height(int dpi) {
    return static_cast<int>(297 / 25.4 * dpi);
}

OwnedRaster makeRaster(imaging::RasterFormat format, int width, int height, int bytesPerLine, int dpi,
                       std::vector<std::uint8_t> bytes) {
    OwnedRaster r;
    r.bytes = std::move(bytes);
    r.view = imaging::RasterView{format, width, height, bytesPerLine, dpi, {}};
    r.view.bytes = r.bytes;
    return r;
}

/// Rows of word-sized bars, like lines of print, on a 1 bpp page.
PIX* drawText(int dpi) {
    PIX* pix = pixCreate(a4Width(dpi), a4Height(dpi), 1);
    const int margin = dpi, pitch = dpi / 5, barHeight = dpi / 12, gap = dpi / 16;
    std::uint32_t seed = 12345; // a fixed LCG: the same page every run
    auto next = [&seed](int below) {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<int>((seed >> 8) % static_cast<std::uint32_t>(below));
    };
    for (int y = margin; y + barHeight < pixGetHeight(pix) - margin; y += pitch)
        for (int x = margin; x < pixGetWidth(pix) - margin;) {
            const int w = dpi / 8 + next(dpi / 2);
            pixRasterop(pix, x, y, std::min(w, pixGetWidth(pix) - margin - x), barHeight, PIX_SET, nullptr, 0,
                        0);
            x += w + gap;
        }
    return pix;
}

/// The bytes of an 8 or 1 bpp leptonica image, rows packed as a scanner sends them.
std::vector<std::uint8_t> rowBytes(PIX* pix, int& bytesPerLine) {
    PIX* bytewise = pixEndianByteSwapNew(pix);
    bytesPerLine = (pixGetWidth(pix) * pixGetDepth(pix) + 7) / 8;
    std::vector<std::uint8_t> out(static_cast<std::size_t>(bytesPerLine) *
                                  static_cast<std::size_t>(pixGetHeight(pix)));
    const auto* data = reinterpret_cast<const std::uint8_t*>(pixGetData(bytewise));
    for (int y = 0; y < pixGetHeight(pix); ++y)
        std::memcpy(out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bytesPerLine),
                    data + static_cast<std::size_t>(y) * static_cast<std::size_t>(pixGetWpl(pix)) * 4,
                    static_cast<std::size_t>(bytesPerLine));
    pixDestroy(&bytewise);
    return out;
}

} // namespace

OwnedRaster textPage(int dpi, double degrees) {
    PIX* text = drawText(dpi);
    PIX* grey = pixConvert1To8(nullptr, text, 255, 0);
    pixDestroy(&text);
    if (degrees != 0) {
        PIX* turned = pixRotate(grey, static_cast<l_float32>(degrees * std::numbers::pi / 180),
                                L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
        pixDestroy(&grey);
        grey = turned;
    }
    int bpl = 0;
    auto bytes = rowBytes(grey, bpl);
    const int w = pixGetWidth(grey), h = pixGetHeight(grey);
    pixDestroy(&grey);
    return makeRaster(imaging::RasterFormat::Gray8, w, h, bpl, dpi, std::move(bytes));
}

OwnedRaster lineartPage(int dpi) {
    PIX* text = drawText(dpi);
    int bpl = 0;
    auto bytes = rowBytes(text, bpl);
    const int w = pixGetWidth(text), h = pixGetHeight(text);
    pixDestroy(&text);
    return makeRaster(imaging::RasterFormat::Gray1, w, h, bpl, dpi, std::move(bytes));
}

OwnedRaster sparsePage(int dpi, int specks, int speckPixels, int bars) {
    const int w = a4Width(dpi), h = a4Height(dpi);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 255);
    auto fill = [&](int x0, int y0, int bw, int bh) {
        for (int y = y0; y < y0 + bh && y < h; ++y)
            for (int x = x0; x < x0 + bw && x < w; ++x)
                bytes[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
                      static_cast<std::size_t>(x)] = 0;
    };
    for (int i = 0; i < specks; ++i) // spread over the page, inside the margins
        fill(w / 8 + (i * 7919) % (w * 3 / 4), h / 8 + (i * 104729) % (h * 3 / 4), speckPixels, speckPixels);
    for (int i = 0; i < bars; ++i) // a short signature-like stroke: 2 cm by 1 mm each
        fill(w / 3, h / 2 + i * dpi / 4, dpi * 200 / 254, std::max(1, dpi / 25));
    return makeRaster(imaging::RasterFormat::Gray8, w, h, w, dpi, std::move(bytes));
}

OwnedRaster pageOnDarkBackground(int dpi, int border) {
    const auto paper = textPage(dpi, 0);
    const int w = paper.view.width + 2 * border, h = paper.view.height + 2 * border;
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 25);
    for (int y = 0; y < paper.view.height; ++y)
        std::memcpy(bytes.data() + static_cast<std::size_t>(y + border) * static_cast<std::size_t>(w) +
                        static_cast<std::size_t>(border),
                    paper.bytes.data() +
                        static_cast<std::size_t>(y) * static_cast<std::size_t>(paper.view.bytesPerLine),
                    static_cast<std::size_t>(paper.view.width));
    return makeRaster(imaging::RasterFormat::Gray8, w, h, w, dpi, std::move(bytes));
}

OwnedRaster onBackground(const OwnedRaster& page, int border, std::uint8_t level) {
    const int channels = page.view.format == imaging::RasterFormat::Rgb24 ? 3 : 1;
    const int w = page.view.width + 2 * border, h = page.view.height + 2 * border;
    const auto line = static_cast<std::size_t>(w) * static_cast<std::size_t>(channels);
    std::vector<std::uint8_t> bytes(line * static_cast<std::size_t>(h), level);
    for (int y = 0; y < page.view.height; ++y)
        std::memcpy(bytes.data() + static_cast<std::size_t>(y + border) * line +
                        static_cast<std::size_t>(border) * static_cast<std::size_t>(channels),
                    page.bytes.data() +
                        static_cast<std::size_t>(y) * static_cast<std::size_t>(page.view.bytesPerLine),
                    static_cast<std::size_t>(page.view.width) * static_cast<std::size_t>(channels));
    return makeRaster(page.view.format, w, h, static_cast<int>(line), page.view.resolution, std::move(bytes));
}

OwnedRaster turnedPageOnDarkBackground(int dpi, int border, double degrees) {
    const auto onDark = onBackground(textPage(dpi, 0), border);
    const int w = onDark.view.width, h = onDark.view.height;
    // The sheet and a mask of where it lies, turned alike; the background stays even where the sheet is not.
    PIX* sheet = pixCreate(w, h, 8);
    auto* data = reinterpret_cast<std::uint8_t*>(pixGetData(sheet));
    for (int y = 0; y < h; ++y)
        std::memcpy(data + static_cast<std::size_t>(y) * static_cast<std::size_t>(pixGetWpl(sheet)) * 4,
                    onDark.bytes.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w),
                    static_cast<std::size_t>(w));
    pixEndianByteSwap(sheet);
    PIX* mask = pixCreate(w, h, 1);
    pixRasterop(mask, border, border, w - 2 * border, h - 2 * border, PIX_SET, nullptr, 0, 0);
    const auto radians = static_cast<l_float32>(degrees * std::numbers::pi / 180);
    PIX* turnedSheet = pixRotate(sheet, radians, L_ROTATE_AREA_MAP, L_BRING_IN_BLACK, 0, 0);
    PIX* turnedMask = pixRotate(mask, radians, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0);
    PIX* out = pixCreate(w, h, 8);
    pixSetAllArbitrary(out, 25);
    pixCombineMasked(out, turnedSheet, turnedMask);
    int bpl = 0;
    auto bytes = rowBytes(out, bpl);
    for (PIX* pix : {sheet, mask, turnedSheet, turnedMask, out})
        pixDestroy(&pix);
    return makeRaster(imaging::RasterFormat::Gray8, w, h, bpl, dpi, std::move(bytes));
}

OwnedRaster colourPage(int dpi) {
    const int w = a4Width(dpi), h = a4Height(dpi);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3, 255);
    for (int y = 0; y < h / 4; ++y)
        for (int x = 0; x < w; ++x) {
            auto* p =
                bytes.data() +
                (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
            const bool red = x < w / 2;
            p[0] = red ? 255 : 0;
            p[1] = 0;
            p[2] = red ? 0 : 255;
        }
    return makeRaster(imaging::RasterFormat::Rgb24, w, h, w * 3, dpi, std::move(bytes));
}

std::uint8_t DecodedJpeg::at(int x, int y, int channel) const {
    const std::size_t channels = grey ? 1 : 3;
    return pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                   static_cast<std::size_t>(x)) *
                      channels +
                  static_cast<std::size_t>(channel)];
}

DecodedJpeg decodeJpeg(const std::string& jpeg) {
    tjhandle handle = tjInitDecompress();
    DecodedJpeg out;
    int subsampling = 0, colourspace = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(jpeg.data());
    if (tjDecompressHeader3(handle, data, jpeg.size(), &out.width, &out.height, &subsampling, &colourspace) !=
        0) {
        tjDestroy(handle);
        throw std::runtime_error("not a JPEG");
    }
    out.grey = subsampling == TJSAMP_GRAY;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) *
                      (out.grey ? 1 : 3));
    const int rc = tjDecompress2(handle, data, jpeg.size(), out.pixels.data(), out.width, 0, out.height,
                                 out.grey ? TJPF_GRAY : TJPF_RGB, 0);
    tjDestroy(handle);
    if (rc != 0)
        throw std::runtime_error("JPEG does not decode");
    return out;
}

imaging::RasterView viewOf(const DecodedJpeg& decoded, int dpi) {
    if (!decoded.grey)
        return imaging::RasterView{imaging::RasterFormat::Rgb24,
                                   decoded.width,
                                   decoded.height,
                                   decoded.width * 3,
                                   dpi,
                                   decoded.pixels};
    return imaging::RasterView{
        imaging::RasterFormat::Gray8, decoded.width, decoded.height, decoded.width, dpi, decoded.pixels};
}

} // namespace ywtb::testing
