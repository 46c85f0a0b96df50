#include "render/qr_code.h"

#include <memory>
#include <qrencode.h>

namespace ywtb::render {

namespace {

struct QrDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

core::Error cannotEncode(const std::string& payload) {
    return core::Error{"render.qr",
                       core::Message(N_("a QR code cannot hold this text ({bytes} bytes)"),
                                     {{"bytes", std::to_string(payload.size())}}),
                       payload.substr(0, 80),
                       core::Message(N_("shorten the case lookup address in the document template"))};
}

} // namespace

core::Expected<QrMatrix> encodeQr(const std::string& payload) {
    if (payload.empty())
        return cannotEncode(payload);
    // Mode hint 8: bytes that are not alphanumeric go in 8-bit mode unchanged, so UTF-8 survives;
    // case-sensitive so that URLs keep their case.
    std::unique_ptr<QRcode, QrDeleter> code(
        QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code)
        return cannotEncode(payload);
    QrMatrix matrix;
    matrix.size = code->width;
    const auto cells = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    matrix.dark.resize(cells);
    for (std::size_t i = 0; i < cells; ++i)
        matrix.dark[i] = (code->data[i] & 1) != 0; // libqrencode: bit 0 is the module colour
    return matrix;
}

std::vector<ModuleRun> darkRuns(const QrMatrix& matrix) {
    std::vector<ModuleRun> runs;
    for (int y = 0; y < matrix.size; ++y) {
        int x = 0;
        while (x < matrix.size) {
            if (!matrix.isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < matrix.size && matrix.isDark(x, y))
                ++x;
            runs.push_back({start, y, x - start});
        }
    }
    return runs;
}

} // namespace ywtb::render
