#pragma once
// The SANE backend of Scanner: option mapping, the page loop and its errors, over the thin wrapper
// in sane_library.h. Tests hand it the real library (with SANE's `test` backend) or a fake one.

#include "devices/scanner/sane_library.h"
#include "devices/scanner/scanner.h"

#include <memory>

namespace ywtb::devices {

/// A Scanner that drives `library`.
std::unique_ptr<Scanner> saneScanner(std::shared_ptr<sane::Library> library);

} // namespace ywtb::devices
