#pragma once
// A serial port as the device drivers need it: open by path, read with a timeout, write, notice that the
// device has gone. The real backend is a thin layer over libserialport (libserialport_port.cpp); pseudo-
// terminals, which libserialport 0.1.1 cannot describe (it looks the port up in /sys/class/tty), go through
// a termios backend (terminal_port.cpp). On Windows, COM ports go through libserialport too
// (win32_serial_port.cpp). Everything above this interface is protocol logic.

#include "core/error.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace ywtb::devices {

enum class Parity { None, Odd, Even };

/// Line settings; the defaults are what ID-card readers, rating keypads and signature pads ship with.
struct SerialSettings {
    int baudRate = 115200;
    int dataBits = 8;
    Parity parity = Parity::None;
    int stopBits = 1;
};

/// Error codes a port reports: serial.open (cannot open or configure), serial.disconnected (the device went
/// away: unplugged, hung up), serial.io (any other read or write failure), serial.timeout (a write stalled).
class SerialPort {
public:
    virtual ~SerialPort() = default;
    /// Waits up to `timeout` for input and returns what is there (at most `maxBytes`); empty after a timeout.
    virtual core::Expected<std::vector<std::uint8_t>> read(std::size_t maxBytes,
                                                           std::chrono::milliseconds timeout) = 0;
    /// Writes all of `bytes` within `timeout`.
    virtual core::Expected<core::Done> write(std::span<const std::uint8_t> bytes,
                                             std::chrono::milliseconds timeout) = 0;
    /// False once the device has gone (hang-up, error, device node removed); consumes no input.
    virtual bool present() = 0;
    /// The path the port was opened with (a link such as /dev/serial/by-id/… stays as given).
    virtual const std::string& path() const = 0;
};

/// Opens and configures the port at `path`, following links; libserialport for real ports, termios for
/// pseudo-terminals.
core::Expected<std::unique_ptr<SerialPort>> openSerialPort(const std::string& path,
                                                           const SerialSettings& settings);

/// The error every backend returns when the device has gone.
core::Error serialDisconnected(const std::string& path);

} // namespace ywtb::devices
