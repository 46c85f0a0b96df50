#pragma once
// A serial port that comes back by itself: a monitor thread notices when the device goes away and opens
// the path again when it returns; the state is observable for the status bar. Drivers run their
// exchanges through transact(), one at a time.

#include "core/error.h"
#include "devices/device_status.h"
#include "devices/link_state.h"
#include "devices/serial/serial_port.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace ywtb::devices {

/// Where and how to reach a serial device.
struct SerialLinkOptions {
    std::string path; ///< e.g. /dev/ttyUSB0 or a /dev/serial/by-id/… link
    SerialSettings settings;
    std::chrono::milliseconds reconnectInterval{500}; ///< how often a missing device is looked for
    std::string deviceName = "serial device";         ///< for the log: "ID-card reader", "rating device"
    DeviceLog log;                                    ///< may be empty
};

class SerialLink {
public:
    /// Starts the monitor thread; the first open is tried at once.
    explicit SerialLink(SerialLinkOptions options);
    ~SerialLink();
    SerialLink(const SerialLink&) = delete;
    SerialLink& operator=(const SerialLink&) = delete;

    DeviceState state() const { return m_state.get(); }
    /// Replaces the listener; it is called for every later change.
    void onStateChange(DeviceStateListener listener) { m_state.onChange(std::move(listener)); }
    /// Blocks until the state is `wanted` or `timeout` has passed; true when it is.
    bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const {
        return m_state.waitFor(wanted, timeout);
    }
    const std::string& path() const { return m_options.path; }
    void log(const std::string& line) const;

    /// Runs `exchange` with the open port (opening it first when needed). A serial.disconnected error from
    /// the exchange closes the port and sets the state to Disconnected; the monitor reopens it later.
    core::Expected<core::Done>
    transact(const std::function<core::Expected<core::Done>(SerialPort&)>& exchange);

private:
    void monitor();
    bool tryOpenLocked();
    void closeLocked(const std::string& why);

    SerialLinkOptions m_options;
    std::mutex m_portMutex; ///< guards m_port; held for a whole exchange
    std::unique_ptr<SerialPort> m_port;
    LinkState m_state;
    std::thread m_monitor;
};

} // namespace ywtb::devices
