#pragma once
// Where this counter PC's applicant-facing devices are (forms/devices.json, docs/devices.md): a serial port
// (/dev/ttyUSB0, /dev/serial/by-id/…, COM3) or a WebSocket address (ws://127.0.0.1:30089/…) per device.
// Every entry is optional: a counter without a rating device simply has none.

#include "core/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

struct DeviceAddresses {
    std::string idcard;    ///< the ID-card reader (SAM protocol, serial)
    std::string rating;    ///< the 好差评 device: serial keypad or ws://
    std::string signature; ///< the signature pad: serial or ws://
    /// The document scanner: a SANE device name as `scanimage -L` shows it (test:0, fujitsu:fi-7160:1234).
    /// Its `{}` keeps `{idcard, rating, signature}` initialisations free of -Wmissing-field-initializers.
    std::string scanner{};
};

/// True for ws:// addresses (the networked kinds); false for serial ports.
bool isWebSocketAddress(const std::string& address);
/// Done when `address` is a serial port path, a COM port or a ws:// URL; `device` names it in the error.
Expected<Done> checkDeviceAddress(const std::string& address, const std::string& device);

struct DeviceConfigResult {
    DeviceAddresses addresses;
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};
/// Parses forms/devices.json ("ywtb-devices", format_version 1).
DeviceConfigResult parseDeviceConfig(std::string_view text, const std::string& file);

} // namespace ywtb::core
