// The libserialport backend of SerialPort: calls into libserialport and the translation of its answers,
// nothing else. Waiting uses the port's own descriptor so that a hang-up is told apart from silence.

#include "devices/serial/backends.h"
#include "devices/serial/posix_wait.h"

#include <libserialport.h>

namespace ywtb::devices::backend {
namespace {

std::string lastError() {
    char* text = sp_last_error_message();
    std::string out = text ? text : "unknown error";
    sp_free_error_message(text);
    return out;
}

sp_parity parityOf(Parity parity) {
    switch (parity) {
    case Parity::Odd:
        return SP_PARITY_ODD;
    case Parity::Even:
        return SP_PARITY_EVEN;
    case Parity::None:
        break;
    }
    return SP_PARITY_NONE;
}

class LibSerialPort : public SerialPort {
public:
    LibSerialPort(std::string path, sp_port* port, int fd)
        : m_path(std::move(path)), m_port(port), m_fd(fd) {}
    ~LibSerialPort() override {
        sp_close(m_port);
        sp_free_port(m_port);
    }
    LibSerialPort(const LibSerialPort&) = delete;
    LibSerialPort& operator=(const LibSerialPort&) = delete;

    core::Expected<std::vector<std::uint8_t>> read(std::size_t maxBytes,
                                                   std::chrono::milliseconds timeout) override {
        std::vector<std::uint8_t> out;
        switch (posix::waitFor(m_fd, false, timeout)) {
        case posix::WaitResult::TimedOut:
            return out;
        case posix::WaitResult::HungUp:
            return serialDisconnected(m_path);
        case posix::WaitResult::Failed:
            return ioError();
        case posix::WaitResult::Ready:
            break;
        }
        out.resize(maxBytes);
        const int n = sp_nonblocking_read(m_port, out.data(), out.size());
        if (n < 0)
            return posix::meansDeviceGone(sp_last_error_code()) || !posix::pathExists(m_path)
                       ? core::Expected<std::vector<std::uint8_t>>(serialDisconnected(m_path))
                       : ioError();
        // Readable but nothing to read: a USB-serial adapter that was pulled out.
        if (n == 0 && !posix::pathExists(m_path))
            return serialDisconnected(m_path);
        out.resize(static_cast<std::size_t>(n));
        return out;
    }

    core::Expected<core::Done> write(std::span<const std::uint8_t> bytes,
                                     std::chrono::milliseconds timeout) override {
        const int n =
            sp_blocking_write(m_port, bytes.data(), bytes.size(), static_cast<unsigned>(timeout.count()));
        if (n < 0)
            return posix::meansDeviceGone(sp_last_error_code()) || !posix::pathExists(m_path)
                       ? serialDisconnected(m_path)
                       : ioError();
        if (static_cast<std::size_t>(n) < bytes.size())
            return core::Error{"serial.timeout",
                               core::Message(N_("the device does not take what is sent to it")), m_path,
                               core::Message(N_("check the cable and the port settings"))};
        return core::Done{};
    }

    bool present() override {
        if (!posix::pathExists(m_path))
            return false;
        return posix::waitFor(m_fd, false, std::chrono::milliseconds(0)) != posix::WaitResult::HungUp;
    }

    const std::string& path() const override { return m_path; }

private:
    core::Error ioError() const {
        return core::Error{"serial.io",
                           core::Message(N_("the serial port failed: {detail}"), {{"detail", lastError()}}),
                           m_path, core::Message(N_("unplug the device and plug it in again"))};
    }

    std::string m_path;
    sp_port* m_port;
    int m_fd;
};

} // namespace

core::Expected<std::unique_ptr<SerialPort>>
openLibSerialPort(const std::string& path, const std::string& device, const SerialSettings& settings) {
    sp_port* port = nullptr;
    if (sp_get_port_by_name(device.c_str(), &port) != SP_OK)
        return cannotOpen(path, lastError());
    if (sp_open(port, SP_MODE_READ_WRITE) != SP_OK) {
        const std::string detail = lastError();
        sp_free_port(port);
        return cannotOpen(path, detail);
    }
    int fd = -1;
    const bool configured =
        sp_set_baudrate(port, settings.baudRate) == SP_OK && sp_set_bits(port, settings.dataBits) == SP_OK &&
        sp_set_parity(port, parityOf(settings.parity)) == SP_OK &&
        sp_set_stopbits(port, settings.stopBits) == SP_OK &&
        sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE) == SP_OK && sp_get_port_handle(port, &fd) == SP_OK;
    if (!configured) {
        const std::string detail = lastError();
        sp_close(port);
        sp_free_port(port);
        return cannotOpen(path, detail);
    }
    return std::unique_ptr<SerialPort>(std::make_unique<LibSerialPort>(path, port, fd));
}

} // namespace ywtb::devices::backend
