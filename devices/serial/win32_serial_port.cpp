// The Windows backend of SerialPort: COM ports through libserialport, which drives them with overlapped
// ReadFile/WriteFile. Not built or run on Windows yet (docs/windows.md). There are no pseudo-terminals on
// Windows, so the device simulators and the termios backend stay on Linux.

#include "devices/serial/backends.h"

#include <algorithm>
#include <cctype>
#include <libserialport.h>
#include <limits>
#include <optional>
#include <windows.h>

namespace ywtb::devices::backend {
namespace {

std::string lastError() {
    char* text = sp_last_error_message();
    std::string out = text ? text : "unknown error";
    sp_free_error_message(text);
    return out;
}

/// True for GetLastError() values seen when a USB-serial adapter is pulled out under an open handle.
bool meansDeviceGone(int error) {
    switch (static_cast<DWORD>(error)) {
    case ERROR_ACCESS_DENIED:
    case ERROR_INVALID_HANDLE:
    case ERROR_BAD_COMMAND:
    case ERROR_GEN_FAILURE:
    case ERROR_FILE_NOT_FOUND:
    case ERROR_OPERATION_ABORTED:
    case ERROR_DEVICE_NOT_CONNECTED:
    case ERROR_DEVICE_REMOVED:
        return true;
    default:
        return false;
    }
}

/// "COM3" for "COM3", "com3" or "\\.\COM3"; nothing for any other name. libserialport adds the "\\.\"
/// prefix itself (needed from COM10 on), so it must get the bare name.
std::optional<std::string> comPortName(const std::string& path) {
    std::string name = path.rfind(R"(\\.\)", 0) == 0 ? path.substr(4) : path;
    const auto isDigit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (name.size() < 4 || !std::all_of(name.begin() + 3, name.end(), isDigit))
        return std::nullopt;
    std::transform(name.begin(), name.begin() + 3, name.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    if (name.compare(0, 3, "COM") != 0)
        return std::nullopt;
    return name;
}

core::Error notAComPort(const std::string& path) {
    return core::Error{
        "serial.open",
        core::Message(N_("{port} is not a serial port name on Windows (COM1, COM2, …); pseudo-terminals, "
                         "and with them the device simulators, exist only on Linux"),
                      {{"port", path}}),
        path,
        core::Message(N_("set the port in the configuration to the COM port that Device Manager shows "
                         "for the device"))};
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

class WinSerialPort : public SerialPort {
public:
    WinSerialPort(std::string path, sp_port* port) : m_path(std::move(path)), m_port(port) {}
    ~WinSerialPort() override {
        sp_close(m_port);
        sp_free_port(m_port);
    }
    WinSerialPort(const WinSerialPort&) = delete;
    WinSerialPort& operator=(const WinSerialPort&) = delete;

    core::Expected<std::vector<std::uint8_t>> read(std::size_t maxBytes,
                                                   std::chrono::milliseconds timeout) override {
        std::vector<std::uint8_t> out(maxBytes);
        // sp_blocking_read_next returns as soon as anything arrives, or empty at the timeout; a timeout of 0
        // means "wait for ever" to libserialport, so a zero wait is a non-blocking read.
        const auto waitMs = std::clamp<long long>(timeout.count(), 0, std::numeric_limits<unsigned>::max());
        const int n = waitMs == 0 ? sp_nonblocking_read(m_port, out.data(), out.size())
                                  : sp_blocking_read_next(m_port, out.data(), out.size(),
                                                          static_cast<unsigned>(waitMs));
        if (n < 0)
            return meansDeviceGone(sp_last_error_code()) || !stillThere()
                       ? core::Expected<std::vector<std::uint8_t>>(serialDisconnected(m_path))
                       : ioError();
        // Silence and a pulled adapter look alike to ReadFile with these timeouts: ask the driver.
        if (n == 0 && !stillThere())
            return serialDisconnected(m_path);
        out.resize(static_cast<std::size_t>(n));
        return out;
    }

    core::Expected<core::Done> write(std::span<const std::uint8_t> bytes,
                                     std::chrono::milliseconds timeout) override {
        const int n =
            sp_blocking_write(m_port, bytes.data(), bytes.size(), static_cast<unsigned>(timeout.count()));
        if (n < 0)
            return meansDeviceGone(sp_last_error_code()) || !stillThere() ? serialDisconnected(m_path)
                                                                          : ioError();
        if (static_cast<std::size_t>(n) < bytes.size())
            return core::Error{"serial.timeout",
                               core::Message(N_("the device does not take what is sent to it")), m_path,
                               core::Message(N_("check the cable and the port settings"))};
        return core::Done{};
    }

    bool present() override { return stillThere(); }

    const std::string& path() const override { return m_path; }

private:
    /// ClearCommError (behind sp_input_waiting) fails once the device behind the handle has gone; it
    /// consumes no input.
    bool stillThere() { return sp_input_waiting(m_port) >= 0; }

    core::Error ioError() const {
        return core::Error{"serial.io",
                           core::Message(N_("the serial port failed: {detail}"), {{"detail", lastError()}}),
                           m_path, core::Message(N_("unplug the device and plug it in again"))};
    }

    std::string m_path;
    sp_port* m_port;
};

} // namespace

core::Expected<std::unique_ptr<SerialPort>>
openLibSerialPort(const std::string& path, const std::string& device, const SerialSettings& settings) {
    const std::optional<std::string> name = comPortName(device);
    if (!name)
        return notAComPort(path);
    sp_port* port = nullptr;
    if (sp_get_port_by_name(name->c_str(), &port) != SP_OK)
        return cannotOpen(path, lastError());
    if (sp_open(port, SP_MODE_READ_WRITE) != SP_OK) {
        const std::string detail = lastError();
        sp_free_port(port);
        return cannotOpen(path, detail);
    }
    const bool configured = sp_set_baudrate(port, settings.baudRate) == SP_OK &&
                            sp_set_bits(port, settings.dataBits) == SP_OK &&
                            sp_set_parity(port, parityOf(settings.parity)) == SP_OK &&
                            sp_set_stopbits(port, settings.stopBits) == SP_OK &&
                            sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE) == SP_OK;
    if (!configured) {
        const std::string detail = lastError();
        sp_close(port);
        sp_free_port(port);
        return cannotOpen(path, detail);
    }
    return std::unique_ptr<SerialPort>(std::make_unique<WinSerialPort>(path, port));
}

core::Expected<std::unique_ptr<SerialPort>> openTerminalPort(const std::string& path, const std::string&,
                                                             const SerialSettings&) {
    return notAComPort(path);
}

} // namespace ywtb::devices::backend
