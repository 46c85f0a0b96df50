#pragma once
// SANE's `test` backend as the only scanner the tests see, and a wrapper of the real library that
// turns on the backend's own slow-read and error-injection options at chosen moments.

#include "devices/scanner/sane_library.h"

#include <memory>
#include <string>

namespace ywtb::testing {

/// Points SANE_CONFIG_DIR at a private directory whose dll.conf names only `test`; once per process,
/// before the first sane_init (SANE reads the variable once). The directory is removed at exit.
void useSaneTestBackend();

/// The real libsane, with the test backend's options set on each opened device.
class FaultySaneLibrary : public devices::sane::Library {
public:
    FaultySaneLibrary();
    devices::sane::Status devices(std::vector<devices::sane::DeviceDescription>& out) override;
    devices::sane::Status open(const std::string& name, std::unique_ptr<devices::sane::Device>& out) override;

    /// At most 4 KiB per sane_read (the backend's read-limit), so a page arrives in many pieces.
    bool smallReads = false;
    /// From this 1-based page on, sane_read answers `failWith` (a read-return-value, e.g.
    /// "SANE_STATUS_JAMMED").
    int failFromPage = 0;
    std::string failWith;
    /// The test picture ("Solid black", "Solid white", "Color pattern", "Grid"); empty: the backend's
    /// default.
    std::string picture;

private:
    std::shared_ptr<devices::sane::Library> m_real;
};

} // namespace ywtb::testing
