#pragma once
// Reading a SANE device's options as the counter's words: which source string is "ADF duplex", which mode
// string is line-art, what resolutions and area it offers. Backends name these differently
// ("ADF Front", "Automatic Document Feeder", "Duplex"; "Lineart", "Binary", "Black & White").

#include "devices/scanner/sane_library.h"
#include "devices/scanner/scanner.h"

#include <optional>
#include <string>
#include <vector>

namespace ywtb::devices::sane {

/// The well-known options of one device, found by their SANE names (saneopts.h).
struct KnownOptions {
    std::optional<OptionDescriptor> source, mode, depth, resolution, tlX, tlY, brX, brY, pageWidth,
        pageHeight;
};
KnownOptions findKnownOptions(const std::vector<OptionDescriptor>& options);

/// The device's string for `source`; nothing when it has no such source.
std::optional<std::string> sourceValue(const KnownOptions& known, ScanSource source);

/// How to ask the device for `mode`: a mode string and, when line-art is grey at 1 bit, that depth.
struct ModeChoice {
    std::string mode;
    std::optional<int> depth;
};
std::optional<ModeChoice> modeChoice(const KnownOptions& known, ScanMode mode);

/// Whether the device takes `dpi` (a listed value, or within its range and step).
bool takesResolution(const KnownOptions& known, int dpi);

ScannerCapabilities capabilitiesOf(const KnownOptions& known);

} // namespace ywtb::devices::sane
