#pragma once
// The simulator's end of a pseudo-terminal, reached through a stable link (like udev's
// /dev/serial/by-id/… names): unplugging closes the pty and removes the link; plugging in opens a new pty
// (the kernel usually gives it another /dev/pts number) and points the same link at it.

#include "core/error.h"

#include <string>

namespace ywtb::devsim {

class PtyDevice {
public:
    explicit PtyDevice(std::string linkPath) : m_linkPath(std::move(linkPath)) {}
    ~PtyDevice();
    PtyDevice(const PtyDevice&) = delete;
    PtyDevice& operator=(const PtyDevice&) = delete;

    /// Opens a new pty in raw mode and points the link at it.
    core::Expected<core::Done> plugIn();
    /// Closes the pty (the client sees a hang-up) and removes the link.
    void unplug();

    bool pluggedIn() const { return m_master >= 0; }
    /// The master side, non-blocking; -1 while unplugged.
    int masterFd() const { return m_master; }
    const std::string& linkPath() const { return m_linkPath; }
    /// The /dev/pts/N the link points at now.
    const std::string& ptyPath() const { return m_ptyPath; }

private:
    std::string m_linkPath;
    std::string m_ptyPath;
    int m_master = -1;
    int m_slave = -1; ///< held open so that the master sees no hang-up while no client has the port open
};

} // namespace ywtb::devsim
