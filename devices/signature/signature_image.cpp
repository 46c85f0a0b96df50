// Rendering strokes to PNG with libpng's simplified write API.

#include "devices/signature/signature_pad.h"

#include <algorithm>
#include <cmath>
#include <png.h>

namespace ywtb::devices {
namespace {

struct ImageGuard {
    png_image& image;
    ~ImageGuard() { png_image_free(&image); }
};

void stamp(std::vector<std::uint8_t>& pixels, unsigned width, unsigned height, double cx, double cy,
           double radius) {
    const int x0 = static_cast<int>(std::floor(cx - radius)), x1 = static_cast<int>(std::ceil(cx + radius));
    const int y0 = static_cast<int>(std::floor(cy - radius)), y1 = static_cast<int>(std::ceil(cy + radius));
    for (int y = std::max(y0, 0); y <= std::min(y1, static_cast<int>(height) - 1); ++y)
        for (int x = std::max(x0, 0); x <= std::min(x1, static_cast<int>(width) - 1); ++x) {
            const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
            if (dx * dx + dy * dy <= radius * radius)
                pixels[static_cast<std::size_t>(y) * width + static_cast<std::size_t>(x)] = 0;
        }
}

} // namespace

core::Expected<std::string> renderSignaturePng(const Signature& signature, unsigned width, unsigned height) {
    if (width == 0 || height == 0 || width > 4000 || height > 4000 || signature.padWidth <= 0 ||
        signature.padHeight <= 0)
        return core::Error{"signature.render",
                           core::Message(N_("the signature cannot be drawn at this size")),
                           {},
                           core::Message(N_("check the signature box of the document template"))};
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height, 255);
    const double margin = std::min(width, height) * 0.05;
    const double scale =
        std::min((width - 2 * margin) / signature.padWidth, (height - 2 * margin) / signature.padHeight);
    const double offsetX = (width - scale * signature.padWidth) / 2,
                 offsetY = (height - scale * signature.padHeight) / 2;
    const double maxPressure = signature.maxPressure > 0 ? signature.maxPressure : 1;
    const double thickest = std::max(2.0, std::min(width, height) / 40.0);
    auto radiusOf = [&](const PenPoint& p) {
        return thickest * (0.35 + 0.65 * std::clamp(p.pressure / maxPressure, 0.0, 1.0)) / 2;
    };
    for (const auto& stroke : signature.strokes) {
        for (std::size_t i = 0; i < stroke.points.size(); ++i) {
            const auto& b = stroke.points[i];
            const auto& a = i > 0 ? stroke.points[i - 1] : b;
            const double ax = offsetX + a.x * scale, ay = offsetY + a.y * scale;
            const double bx = offsetX + b.x * scale, by = offsetY + b.y * scale;
            const double length = std::hypot(bx - ax, by - ay);
            const int steps = std::max(1, static_cast<int>(length * 2));
            for (int s = 0; s <= steps; ++s) {
                const double t = static_cast<double>(s) / steps;
                stamp(pixels, width, height, ax + (bx - ax) * t, ay + (by - ay) * t,
                      radiusOf(a) + (radiusOf(b) - radiusOf(a)) * t);
            }
        }
    }
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = PNG_FORMAT_GRAY;
    const ImageGuard guard{image};
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr))
        return core::Error{
            "signature.render", core::Message(N_("the signature image cannot be made")), {}, {}};
    std::string png(size, '\0');
    if (!png_image_write_to_memory(&image, png.data(), &size, 0, pixels.data(), 0, nullptr))
        return core::Error{
            "signature.render", core::Message(N_("the signature image cannot be made")), {}, {}};
    png.resize(size);
    return png;
}

} // namespace ywtb::devices
