#pragma once
// The state of a device link that comes back by itself (serial/serial_link.h, websocket/ws_link.h): the
// current state, the listener told of each change, waiting for a state, and the monitor thread's pause.

#include "devices/device_status.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace ywtb::devices {

class LinkState {
public:
    DeviceState get() const { return m_state.load(); }
    /// Replaces the listener; it is called for every later change.
    void onChange(DeviceStateListener listener);
    /// Blocks until the state is `wanted` or `timeout` has passed; true when it is.
    bool waitFor(DeviceState wanted, std::chrono::milliseconds timeout) const;
    /// Sets the state; on a change, wakes the waiters and calls the listener (on this thread, unlocked).
    void set(DeviceState state);
    /// The monitor's pause between two looks: up to `interval`; true once stop() has been called.
    bool pauseUnlessStopped(std::chrono::milliseconds interval) const;
    /// Ends the monitor's pauses for good.
    void stop();

private:
    std::atomic<DeviceState> m_state{DeviceState::Disconnected};
    mutable std::mutex m_mutex; ///< guards m_listener and m_stopping; with m_changed
    mutable std::condition_variable m_changed;
    DeviceStateListener m_listener;
    bool m_stopping = false;
};

} // namespace ywtb::devices
