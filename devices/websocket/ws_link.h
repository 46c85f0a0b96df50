#pragma once
// A WebSocket connection to a device's local service that comes back by itself: a monitor thread connects
// (and greets the device: login, open), sends heartbeats while the link is idle, notices when the service
// goes away and connects again; the state is observable for the status bar. Drivers run their exchanges
// through transact(), one at a time. The networked counterpart of serial/serial_link.h.

#include "core/error.h"
#include "devices/device_status.h"
#include "devices/link_state.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace ywtb::devices {

class WebSocketChannel;

/// Where the service is and how the link keeps it alive.
struct WebSocketLinkOptions {
    std::string url;                                   ///< ws://127.0.0.1:PORT/PATH
    std::chrono::milliseconds connectTimeout{1000};    ///< for the TCP connection and the HTTP upgrade
    std::chrono::milliseconds heartbeatInterval{1000}; ///< a heartbeat goes out this often
    std::chrono::milliseconds heartbeatTimeout{3500};  ///< silence after which the device counts as gone
    std::chrono::milliseconds reconnectInterval{500};  ///< how often a missing service is looked for
    std::string deviceName = "device";                 ///< for the log: "rating device", "signature pad"
    DeviceLog log;                                     ///< may be empty
    /// The text of one heartbeat message (the protocol's own; the device answers it).
    std::function<std::string()> heartbeat;
    /// True for the device's answer to a heartbeat: not counted among the stale messages dropped.
    std::function<bool(const std::string&)> isHeartbeatAnswer;
    /// Runs right after each connection (login, open); an error closes the connection again.
    std::function<core::Expected<core::Done>(WebSocketChannel&)> greet;
};

/// The link options a driver's own options give: address, timings and log (the field names they share).
template <typename DriverOptions>
WebSocketLinkOptions linkOptionsOf(const DriverOptions& options, std::string deviceName) {
    WebSocketLinkOptions link;
    link.url = options.url;
    link.connectTimeout = options.connectTimeout;
    link.heartbeatInterval = options.heartbeatInterval;
    link.heartbeatTimeout = options.heartbeatTimeout;
    link.reconnectInterval = options.reconnectInterval;
    link.deviceName = std::move(deviceName);
    link.log = options.log;
    return link;
}

/// Largest message a driver accepts; longer ones are read, logged by size and dropped.
inline constexpr std::size_t maxWebSocketMessage = 64 * 1024;

/// The open connection during one exchange.
class WebSocketChannel {
public:
    using Deadline = std::chrono::steady_clock::time_point;
    struct Socket;

    WebSocketChannel(std::unique_ptr<Socket> socket, const WebSocketLinkOptions& options);
    ~WebSocketChannel();
    WebSocketChannel(const WebSocketChannel&) = delete;
    WebSocketChannel& operator=(const WebSocketChannel&) = delete;

    /// Sends one text message. Error codes websocket.disconnected, websocket.io.
    core::Expected<core::Done> send(const std::string& text);
    /// The next text message before `deadline`, sending heartbeats while it waits; none when the deadline
    /// passed or the device has been silent for heartbeatTimeout (then silent() is true). Binary and
    /// oversized messages are logged and dropped. Error codes websocket.disconnected, websocket.io.
    core::Expected<std::optional<std::string>> receive(Deadline deadline);
    /// The next message `parse` (text → core::Expected<Message>) takes and `skip` does not pass over, before
    /// `deadline`; a text `parse` refuses is logged by size and reason and dropped. None as for receive().
    template <typename Message, typename Parse, typename Skip>
    core::Expected<std::optional<Message>> receiveMessage(Deadline deadline, Parse parse, Skip skip) {
        for (;;) {
            auto text = receive(deadline);
            if (!text.ok())
                return text.error();
            if (!text->has_value())
                return std::optional<Message>{};
            auto message = parse(**text);
            if (!message.ok()) {
                log("dropped a message of " + std::to_string((*text)->size()) +
                    " bytes: " + message.error().what.str());
                continue;
            }
            if (!skip(*message))
                return std::optional<Message>(std::move(message).value());
        }
    }
    /// True when the device has sent nothing at all (not even a heartbeat answer) for heartbeatTimeout.
    bool silent() const;
    /// Throws away the messages already there (logged as a count, heartbeat answers aside).
    core::Expected<core::Done> drainStale();
    /// Between exchanges: sends the heartbeat when it is due and drops what arrived.
    core::Expected<core::Done> keepAlive();
    /// A line for the link's log, prefixed with the device and its URL.
    void log(const std::string& line) const;

private:
    core::Expected<std::optional<std::string>> readMessage(std::chrono::milliseconds wait);
    core::Expected<core::Done> sendHeartbeatIfDue();

    std::unique_ptr<Socket> m_socket;
    const WebSocketLinkOptions& m_options;
    Deadline m_lastHeard;
    Deadline m_lastHeartbeat;
};

class WebSocketLink {
public:
    /// Starts the monitor thread; the first connection is tried at once.
    explicit WebSocketLink(WebSocketLinkOptions options);
    ~WebSocketLink();
    WebSocketLink(const WebSocketLink&) = delete;
    WebSocketLink& operator=(const WebSocketLink&) = delete;

    DeviceState state() const { return m_state.get(); }
    /// Replaces the listener; it is called for every later change.
    void onStateChange(DeviceStateListener listener) { m_state.onChange(std::move(listener)); }
    /// Blocks until the state is `wanted` or `timeout` has passed; true when it is.
    bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const {
        return m_state.waitFor(wanted, timeout);
    }
    const std::string& url() const { return m_options.url; }
    const WebSocketLinkOptions& options() const { return m_options; }
    void log(const std::string& line) const;

    /// Runs `exchange` with the open connection (connecting first when needed; a failed greeting returns
    /// its own error). A websocket.disconnected error from the exchange closes the connection and sets the
    /// state to Disconnected.
    core::Expected<core::Done>
    transact(const std::function<core::Expected<core::Done>(WebSocketChannel&)>& exchange);

private:
    void monitor();
    core::Expected<core::Done> tryConnectLocked();
    void closeLocked(const std::string& why);

    WebSocketLinkOptions m_options;
    std::mutex m_channelMutex; ///< guards m_channel and m_failedBefore; held for a whole exchange
    std::unique_ptr<WebSocketChannel> m_channel;
    bool m_failedBefore = false; ///< the last connection attempt failed (logged once, not every round)
    LinkState m_state;
    std::thread m_monitor;
};

/// The error a driver returns when the device's service cannot be reached or went away.
core::Error webSocketDisconnected(const std::string& url);
/// The error for any other failure to send or receive.
core::Error webSocketIo(const std::string& url, const std::string& detail);

} // namespace ywtb::devices
