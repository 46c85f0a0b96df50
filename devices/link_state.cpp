#include "devices/link_state.h"

#include "core/message.h"

namespace ywtb::devices {

core::Error PromptCancel::cancelled(const char* code, const std::string& device) {
    return core::Error{code, core::Message(N_("the clerk took the prompt back")), device, {}};
}

const char* toString(DeviceState state) {
    switch (state) {
    case DeviceState::Connected:
        return "connected";
    case DeviceState::Disconnected:
        break;
    }
    return "disconnected";
}

void LinkState::onChange(DeviceStateListener listener) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(listener);
}

bool LinkState::waitFor(DeviceState wanted, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_state.load() == wanted; });
}

void LinkState::set(DeviceState state) {
    DeviceStateListener listener;
    {
        std::lock_guard lock(m_mutex);
        if (m_state.exchange(state) == state)
            return;
        listener = m_listener;
    }
    m_changed.notify_all();
    if (listener)
        listener(state);
}

bool LinkState::pauseUnlessStopped(std::chrono::milliseconds interval) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, interval, [&] { return m_stopping; });
}

void LinkState::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
}

} // namespace ywtb::devices
