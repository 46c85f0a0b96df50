#include "render/png_image.h"

#include <png.h>
#include <vector>

namespace ywtb::render {

namespace {

// Frees the simplified-API state on every path.
struct ImageGuard {
    png_image& image;
    ~ImageGuard() { png_image_free(&image); }
};

// Decoding a very large image only to check it would cost more than the document; signatures and seals
// are a few hundred pixels a side.
constexpr unsigned maxSide = 10000;

} // namespace

std::optional<PixelSize> decodablePngSize(std::string_view png) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    const ImageGuard guard{image};
    if (!png_image_begin_read_from_memory(&image, png.data(), png.size()))
        return std::nullopt;
    if (image.width == 0 || image.height == 0 || image.width > maxSide || image.height > maxSide)
        return std::nullopt;
    image.format = PNG_FORMAT_GA;
    std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr))
        return std::nullopt;
    return PixelSize{image.width, image.height};
}

core::Error unusableImage(const std::string& where) {
    return core::Error{
        "render.image", core::Message(N_("the image is not a PNG file or is damaged")), where,
        core::Message(N_("capture the signature again, or configure the seal as a PNG image"))};
}

} // namespace ywtb::render
