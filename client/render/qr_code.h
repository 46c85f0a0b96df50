#pragma once
// QR codes from libqrencode, as dark modules the PDF draws as filled rectangles.

#include "core/error.h"

#include <string>
#include <vector>

namespace ywtb::render {

/// A QR symbol: `size` × `size` modules, row by row from the top, true where dark.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;

    /// Whether the module in column `x`, row `y` is dark.
    bool isDark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

/// A horizontal run of dark modules, in module units from the top left of the symbol.
struct ModuleRun {
    int x = 0;
    int y = 0;
    int length = 0;
};

/// Encodes `payload` (UTF-8 bytes, error correction level M); fails when it is empty or too long for a
/// version 40 symbol.
core::Expected<QrMatrix> encodeQr(const std::string& payload);

/// The dark modules of `matrix` merged along each row, so a symbol is drawn with few rectangles.
std::vector<ModuleRun> darkRuns(const QrMatrix& matrix);

} // namespace ywtb::render
