#pragma once
// The backends of SerialPort (internal to devices/serial). On POSIX: libserialport_port.cpp and
// terminal_port.cpp; on Windows both are in win32_serial_port.cpp, where openTerminalPort is an error.

#include "devices/serial/serial_port.h"

namespace ywtb::devices::backend {

/// A real serial port (ttyS, ttyUSB, ttyACM; COMn on Windows) through libserialport; `device` is `path` with
/// links resolved.
core::Expected<std::unique_ptr<SerialPort>>
openLibSerialPort(const std::string& path, const std::string& device, const SerialSettings& settings);
/// A pseudo-terminal (the simulators) through termios; on Windows, which has none, an error.
core::Expected<std::unique_ptr<SerialPort>>
openTerminalPort(const std::string& path, const std::string& device, const SerialSettings& settings);

/// The error for a port that cannot be opened or configured.
core::Error cannotOpen(const std::string& path, const std::string& detail);

} // namespace ywtb::devices::backend
