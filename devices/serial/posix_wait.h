#pragma once
// Waiting on a port's file descriptor, shared by both POSIX backends (internal to devices/serial).

#include <chrono>
#include <string>

namespace ywtb::devices::posix {

enum class WaitResult { Ready, TimedOut, HungUp, Failed };

/// Waits until `fd` is readable (or writable when `forWrite`), for at most `timeout`; a hang-up or error
/// on the descriptor is reported as such, not as readiness.
WaitResult waitFor(int fd, bool forWrite, std::chrono::milliseconds timeout);

/// True while something exists at `path` (a removed device node or a dangling link is false).
bool pathExists(const std::string& path);

/// True for errno values that mean the device is no longer there.
bool meansDeviceGone(int error);

} // namespace ywtb::devices::posix
