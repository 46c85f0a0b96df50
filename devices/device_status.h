#pragma once
// What the GUI's status bar shows for a device, and where drivers write what they had to drop.

#include <functional>
#include <string>

namespace ywtb::devices {

/// Connected: the port is open and the device has not gone away. Disconnected: unplugged or not there yet;
/// the driver keeps trying to open the port and says Connected again when it can.
enum class DeviceState { Disconnected, Connected };

const char* toString(DeviceState state);

/// Called with each change of state, on the thread that saw it (the driver's monitor or a caller);
/// keep it short, e.g. post to the GUI thread.
using DeviceStateListener = std::function<void(DeviceState)>;

/// One line for the diagnostic log: dropped frames, timeouts, reconnections. Drivers mask personal data
/// (core/masking.h) before they write; a line never holds a name or an unmasked ID number.
using DeviceLog = std::function<void(const std::string& line)>;

} // namespace ywtb::devices
