#pragma once
// What the GUI's status bar shows for a device, and where drivers write what they had to drop.

#include "core/error.h"

#include <algorithm>
#include <atomic>
#include <chrono>
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

/// Lets another thread take back the prompt a driver is waiting on (RatingDevice::cancel,
/// SignaturePad::cancel): the driver waits in slices of `poll` and, once asked, tells the device to drop the
/// prompt and returns.
class PromptCancel {
public:
    static constexpr std::chrono::milliseconds poll{100};

    void request() { m_requested = true; }
    void reset() { m_requested = false; }
    bool requested() const { return m_requested; }
    /// `deadline`, or sooner, so that a request is noticed within `poll`.
    template <typename TimePoint> static TimePoint slice(TimePoint deadline) {
        return std::min(deadline, TimePoint::clock::now() + poll);
    }
    /// The error the waiting call returns: `code` is rating.cancelled or signature.cancelled.
    static core::Error cancelled(const char* code, const std::string& device);

private:
    std::atomic<bool> m_requested{false};
};

} // namespace ywtb::devices
