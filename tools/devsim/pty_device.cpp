#include "tools/devsim/pty_device.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace ywtb::devsim {
namespace {

core::Error ptyError(const std::string& where, const char* call) {
    return core::Error{"devsim.pty",
                       core::Message(N_("cannot create a pseudo-terminal: {detail}"),
                                     {{"detail", std::string(call) + ": " + std::strerror(errno)}}),
                       where,
                       core::Message(N_("check that /dev/pts is mounted and the link's folder is writable"))};
}

} // namespace

PtyDevice::~PtyDevice() {
    unplug();
}

core::Expected<core::Done> PtyDevice::plugIn() {
    if (pluggedIn())
        return core::Done{};
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0)
        return ptyError(m_linkPath, "posix_openpt");
    char name[128];
    // ptsname_r: simulators plug in and out on their own threads.
    if (::grantpt(master) != 0 || ::unlockpt(master) != 0 || ::ptsname_r(master, name, sizeof name) != 0) {
        auto error = ptyError(m_linkPath, "grantpt/unlockpt");
        ::close(master);
        return error;
    }
    m_ptyPath = name;
    const int slave = ::open(m_ptyPath.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        auto error = ptyError(m_ptyPath, "open");
        ::close(master);
        return error;
    }
    // A device's line is raw: no echo, no line editing, no CR/LF translation.
    termios tio{};
    ::tcgetattr(slave, &tio);
    ::cfmakeraw(&tio);
    ::tcsetattr(slave, TCSANOW, &tio);
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    // Replace the link atomically, so a client never finds it half made.
    const std::string temporary = m_linkPath + ".new";
    ::unlink(temporary.c_str());
    if (::symlink(m_ptyPath.c_str(), temporary.c_str()) != 0 ||
        ::rename(temporary.c_str(), m_linkPath.c_str()) != 0) {
        auto error = ptyError(m_linkPath, "symlink");
        ::close(slave);
        ::close(master);
        return error;
    }
    m_master = master;
    m_slave = slave;
    return core::Done{};
}

void PtyDevice::unplug() {
    if (!pluggedIn())
        return;
    ::unlink(m_linkPath.c_str());
    ::close(m_master);
    ::close(m_slave);
    m_master = -1;
    m_slave = -1;
}

} // namespace ywtb::devsim
