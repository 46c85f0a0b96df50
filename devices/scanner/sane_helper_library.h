#pragma once
// libsane in another process: a Library whose every call is answered by `ywtb-scan-helper`
// (sane_helper_main.cpp), one helper per opened device and a short-lived one to list them.
// Why: SANE backends run their reader on a thread they cancel asynchronously (sanei_thread); in the counter's
// process, beside GTK's threads, that thread can die holding the dynamic loader's lock and the next
// sane_start hangs for ever (docs/scanning.md). A backend that hangs or crashes now takes only its helper: a
// call not answered in time kills it and comes back as Status::NotResponding, and the next open starts a
// fresh one.

#include "devices/scanner/sane_library.h"

#include <chrono>
#include <memory>
#include <string>

namespace ywtb::devices::sane {

struct HelperSettings {
    /// The helper program; empty: found by helperProgram().
    std::string program;
    /// How long a call may take before the helper is taken for hung. Generous: a scanner warming its lamp
    /// takes seconds in sane_start, a slow one seconds a read.
    std::chrono::milliseconds answerTimeout{60'000};
    /// After Device::interrupt() (a cancel from the counter), how long the call being waited for may still
    /// take before the helper is killed.
    std::chrono::milliseconds cancelGrace{3'000};
};

/// A Library over helper processes. Each Device owns its helper; destroying the Device closes it.
std::shared_ptr<Library> helperLibrary(HelperSettings settings = {});

/// Where ywtb-scan-helper is: $YWTB_SCAN_HELPER; beside this program; ../lib/ywtb-counter/ beside it (the
/// installed layout); the build tree's. Empty when none exists.
std::string helperProgram();

} // namespace ywtb::devices::sane
