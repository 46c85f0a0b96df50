#include "devices/serial/serial_link.h"

namespace ywtb::devices {

SerialLink::SerialLink(SerialLinkOptions options) : m_options(std::move(options)) {
    {
        std::lock_guard lock(m_portMutex);
        tryOpenLocked();
    }
    m_monitor = std::thread([this] { monitor(); });
}

SerialLink::~SerialLink() {
    m_state.stop();
    m_monitor.join();
}

void SerialLink::log(const std::string& line) const {
    if (m_options.log)
        m_options.log(m_options.deviceName + " " + m_options.path + ": " + line);
}

core::Expected<core::Done>
SerialLink::transact(const std::function<core::Expected<core::Done>(SerialPort&)>& exchange) {
    std::lock_guard lock(m_portMutex);
    if (!m_port && !tryOpenLocked())
        return serialDisconnected(m_options.path);
    auto result = exchange(*m_port);
    if (!result.ok() && result.error().code == "serial.disconnected")
        closeLocked("went away during an exchange");
    return result;
}

void SerialLink::monitor() {
    for (;;) {
        if (m_state.pauseUnlessStopped(m_options.reconnectInterval))
            return;
        // A driver in the middle of an exchange notices a hang-up itself; look again next round.
        std::unique_lock lock(m_portMutex, std::try_to_lock);
        if (!lock.owns_lock())
            continue;
        if (!m_port)
            tryOpenLocked();
        else if (!m_port->present())
            closeLocked("went away");
    }
}

bool SerialLink::tryOpenLocked() {
    auto port = openSerialPort(m_options.path, m_options.settings);
    if (!port.ok())
        return false;
    m_port = std::move(port).value();
    log("connected");
    m_state.set(DeviceState::Connected);
    return true;
}

void SerialLink::closeLocked(const std::string& why) {
    m_port.reset();
    log("disconnected: " + why);
    m_state.set(DeviceState::Disconnected);
}

} // namespace ywtb::devices
