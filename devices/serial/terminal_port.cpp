// The termios backend of SerialPort, for pseudo-terminals: the device simulators (tools/devsim) are ptys.

#include "devices/serial/backends.h"
#include "devices/serial/posix_wait.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace ywtb::devices::backend {
namespace {

speed_t speedOf(int baud) {
    switch (baud) {
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 230400:
        return B230400;
    default:
        return B115200;
    }
}

class TerminalPort : public SerialPort {
public:
    TerminalPort(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    ~TerminalPort() override { ::close(m_fd); }
    TerminalPort(const TerminalPort&) = delete;
    TerminalPort& operator=(const TerminalPort&) = delete;

    core::Expected<std::vector<std::uint8_t>> read(std::size_t maxBytes,
                                                   std::chrono::milliseconds timeout) override {
        std::vector<std::uint8_t> out;
        switch (posix::waitFor(m_fd, false, timeout)) {
        case posix::WaitResult::TimedOut:
            return out;
        case posix::WaitResult::HungUp:
            return serialDisconnected(m_path);
        case posix::WaitResult::Failed:
            return ioError("poll");
        case posix::WaitResult::Ready:
            break;
        }
        out.resize(maxBytes);
        const ssize_t n = ::read(m_fd, out.data(), out.size());
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return std::vector<std::uint8_t>{};
            return posix::meansDeviceGone(errno)
                       ? core::Expected<std::vector<std::uint8_t>>(serialDisconnected(m_path))
                       : ioError("read");
        }
        if (n == 0) // end of file on a terminal: the other side is gone
            return serialDisconnected(m_path);
        out.resize(static_cast<std::size_t>(n));
        return out;
    }

    core::Expected<core::Done> write(std::span<const std::uint8_t> bytes,
                                     std::chrono::milliseconds timeout) override {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!bytes.empty()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            switch (posix::waitFor(m_fd, true, std::max(left, std::chrono::milliseconds(0)))) {
            case posix::WaitResult::TimedOut:
                return core::Error{"serial.timeout",
                                   core::Message(N_("the device does not take what is sent to it")), m_path,
                                   core::Message(N_("check the cable and the port settings"))};
            case posix::WaitResult::HungUp:
                return serialDisconnected(m_path);
            case posix::WaitResult::Failed:
                return ioError("poll");
            case posix::WaitResult::Ready:
                break;
            }
            const ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
            if (n < 0) {
                if (errno == EAGAIN || errno == EINTR)
                    continue;
                return posix::meansDeviceGone(errno) ? serialDisconnected(m_path) : ioError("write");
            }
            bytes = bytes.subspan(static_cast<std::size_t>(n));
        }
        return core::Done{};
    }

    bool present() override {
        if (!posix::pathExists(m_path))
            return false;
        return posix::waitFor(m_fd, false, std::chrono::milliseconds(0)) != posix::WaitResult::HungUp;
    }

    const std::string& path() const override { return m_path; }

private:
    core::Error ioError(const char* call) const {
        return core::Error{"serial.io",
                           core::Message(N_("the serial port failed: {detail}"),
                                         {{"detail", std::string(call) + ": " + std::strerror(errno)}}),
                           m_path, core::Message(N_("unplug the device and plug it in again"))};
    }

    std::string m_path;
    int m_fd;
};

} // namespace

core::Expected<std::unique_ptr<SerialPort>>
openTerminalPort(const std::string& path, const std::string& device, const SerialSettings& settings) {
    const int fd = ::open(device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return cannotOpen(path, std::strerror(errno));
    termios tio{};
    if (::tcgetattr(fd, &tio) != 0) {
        const std::string detail = std::strerror(errno);
        ::close(fd);
        return cannotOpen(path, detail);
    }
    ::cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | PARODD | CSTOPB);
    tio.c_cflag |= settings.dataBits == 7 ? CS7 : CS8;
    if (settings.parity != Parity::None)
        tio.c_cflag |= PARENB | (settings.parity == Parity::Odd ? PARODD : 0);
    if (settings.stopBits == 2)
        tio.c_cflag |= CSTOPB;
    ::cfsetspeed(&tio, speedOf(settings.baudRate));
    if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
        const std::string detail = std::strerror(errno);
        ::close(fd);
        return cannotOpen(path, detail);
    }
    return std::unique_ptr<SerialPort>(std::make_unique<TerminalPort>(path, fd));
}

} // namespace ywtb::devices::backend
