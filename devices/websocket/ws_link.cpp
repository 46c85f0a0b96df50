#include "devices/websocket/ws_link.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/URI.h>
#include <algorithm>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;
using Clock = std::chrono::steady_clock;

// A single frame beyond this cannot be skipped safely (Poco leaves its payload unread): the connection is
// closed. Between maxWebSocketMessage and this, a message is read whole and dropped.
constexpr int maxFrame = 1024 * 1024;

Poco::Timespan timespan(std::chrono::milliseconds ms) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(std::max<long long>(0, ms.count())) * 1000);
}

} // namespace

core::Error webSocketDisconnected(const std::string& url) {
    return Error{
        "websocket.disconnected", Message(N_("the device's service is not reachable")), url,
        Message(
            N_("check that the device is switched on and its service is running; it is used again as soon "
               "as it answers"))};
}

core::Error webSocketIo(const std::string& url, const std::string& detail) {
    return Error{"websocket.io",
                 Message(N_("cannot talk to the device's service: {detail}"), {{"detail", detail}}), url,
                 Message(N_("check the address of the device's service in the configuration"))};
}

struct WebSocketChannel::Socket {
    std::unique_ptr<Poco::Net::HTTPClientSession> session; // outlives the WebSocket made from it
    std::optional<Poco::Net::WebSocket> ws;
    std::string partial; ///< text of a message arriving in several frames
    std::size_t partialSize = 0;
    bool partialBinary = false;
};

namespace {

Expected<std::unique_ptr<WebSocketChannel::Socket>> connect(const WebSocketLinkOptions& options) {
    try {
        const Poco::URI uri(options.url);
        if (uri.getScheme() != "ws" || uri.getHost().empty())
            return webSocketIo(options.url, "not a ws:// address");
        auto socket = std::make_unique<WebSocketChannel::Socket>();
        socket->session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        socket->session->setTimeout(timespan(options.connectTimeout), timespan(options.connectTimeout),
                                    timespan(options.connectTimeout));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathEtc(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        Poco::Net::HTTPResponse response;
        socket->ws.emplace(*socket->session, request, response);
        socket->ws->setMaxPayloadSize(maxFrame);
        // A frame that starts arriving must end within this; a device that stops mid-frame is gone.
        socket->ws->setReceiveTimeout(timespan(options.heartbeatTimeout));
        socket->ws->setSendTimeout(timespan(options.heartbeatTimeout));
        return socket;
    } catch (const Poco::SyntaxException& e) {
        return webSocketIo(options.url, e.displayText());
    } catch (const Poco::Exception& e) {
        return Error{"websocket.disconnected",
                     Message(N_("cannot connect: {detail}"), {{"detail", e.displayText()}}),
                     options.url,
                     {}};
    }
}

} // namespace

WebSocketChannel::WebSocketChannel(std::unique_ptr<Socket> socket, const WebSocketLinkOptions& options)
    : m_socket(std::move(socket)), m_options(options), m_lastHeard(Clock::now()),
      m_lastHeartbeat(Clock::now()) {}

WebSocketChannel::~WebSocketChannel() {
    try {
        m_socket->ws->shutdown();
        m_socket->ws->close();
    } catch (const Poco::Exception&) {
        // The other side is gone already: nothing to close politely.
    }
}

void WebSocketChannel::log(const std::string& line) const {
    if (m_options.log)
        m_options.log(m_options.deviceName + " " + m_options.url + ": " + line);
}

Expected<core::Done> WebSocketChannel::send(const std::string& text) {
    try {
        const int n = m_socket->ws->sendFrame(text.data(), static_cast<int>(text.size()),
                                              Poco::Net::WebSocket::FRAME_TEXT);
        if (n < static_cast<int>(text.size()))
            return webSocketDisconnected(m_options.url);
        return core::Done{};
    } catch (const Poco::TimeoutException&) {
        return webSocketIo(m_options.url, "sending timed out");
    } catch (const Poco::Exception&) {
        return webSocketDisconnected(m_options.url);
    }
}

bool WebSocketChannel::silent() const {
    return Clock::now() - m_lastHeard >= m_options.heartbeatTimeout;
}

Expected<std::optional<std::string>> WebSocketChannel::readMessage(std::chrono::milliseconds wait) {
    using Poco::Net::WebSocket;
    auto& ws = *m_socket->ws;
    try {
        if (ws.available() <= 0 && !ws.poll(timespan(wait), Poco::Net::Socket::SELECT_READ))
            return std::optional<std::string>{};
        Poco::Buffer<char> buffer(0);
        int flags = 0;
        const int n = ws.receiveFrame(buffer, flags);
        if (n == 0 && flags == 0) // the service closed the connection
            return webSocketDisconnected(m_options.url);
        m_lastHeard = Clock::now();
        const int opcode = flags & WebSocket::FRAME_OP_BITMASK;
        switch (opcode) {
        case WebSocket::FRAME_OP_CLOSE:
            return webSocketDisconnected(m_options.url);
        case WebSocket::FRAME_OP_PING:
            ws.sendFrame(buffer.begin(), n,
                         static_cast<int>(WebSocket::FRAME_FLAG_FIN) |
                             static_cast<int>(WebSocket::FRAME_OP_PONG));
            return std::optional<std::string>{};
        case WebSocket::FRAME_OP_PONG:
            return std::optional<std::string>{};
        case WebSocket::FRAME_OP_TEXT:
        case WebSocket::FRAME_OP_BINARY:
            m_socket->partial.clear();
            m_socket->partialSize = 0;
            m_socket->partialBinary = opcode == WebSocket::FRAME_OP_BINARY;
            break;
        case WebSocket::FRAME_OP_CONT:
            break;
        default:
            log("dropped a frame with opcode " + std::to_string(opcode));
            return std::optional<std::string>{};
        }
        m_socket->partialSize += static_cast<std::size_t>(n);
        // Only what may be kept is stored; the size of the rest is counted for the log.
        if (!m_socket->partialBinary && m_socket->partialSize <= maxWebSocketMessage)
            m_socket->partial.append(buffer.begin(), static_cast<std::size_t>(n));
        if (!(flags & WebSocket::FRAME_FLAG_FIN))
            return std::optional<std::string>{};
        if (m_socket->partialBinary) {
            log("dropped a binary message of " + std::to_string(m_socket->partialSize) + " bytes");
            return std::optional<std::string>{};
        }
        if (m_socket->partialSize > maxWebSocketMessage) {
            log("dropped a message of " + std::to_string(m_socket->partialSize) + " bytes (more than " +
                std::to_string(maxWebSocketMessage) + ")");
            return std::optional<std::string>{};
        }
        return std::optional<std::string>(std::move(m_socket->partial));
    } catch (const Poco::Net::WebSocketException& e) {
        if (e.code() == WebSocket::WS_ERR_PAYLOAD_TOO_BIG)
            log("a frame of more than " + std::to_string(maxFrame) + " bytes: closing the connection");
        return webSocketDisconnected(m_options.url);
    } catch (const Poco::TimeoutException&) {
        log("the device stopped in the middle of a message: closing the connection");
        return webSocketDisconnected(m_options.url);
    } catch (const Poco::Exception&) {
        return webSocketDisconnected(m_options.url);
    }
}

Expected<std::optional<std::string>> WebSocketChannel::receive(Deadline deadline) {
    for (;;) {
        const auto now = Clock::now();
        if (silent() || now >= deadline)
            return std::optional<std::string>{};
        if (auto sent = sendHeartbeatIfDue(); !sent.ok())
            return sent.error();
        const auto until = std::min({deadline, m_lastHeard + m_options.heartbeatTimeout,
                                     m_lastHeartbeat + m_options.heartbeatInterval});
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now);
        auto got = readMessage(std::max(wait, std::chrono::milliseconds(0)));
        if (!got.ok() || got->has_value())
            return got;
    }
}

Expected<core::Done> WebSocketChannel::sendHeartbeatIfDue() {
    const auto now = Clock::now();
    if (!m_options.heartbeat || now - m_lastHeartbeat < m_options.heartbeatInterval)
        return core::Done{};
    m_lastHeartbeat = now;
    return send(m_options.heartbeat());
}

Expected<core::Done> WebSocketChannel::keepAlive() {
    if (auto sent = sendHeartbeatIfDue(); !sent.ok())
        return sent.error();
    return drainStale();
}

Expected<core::Done> WebSocketChannel::drainStale() {
    std::size_t dropped = 0;
    for (;;) {
        try {
            if (m_socket->ws->available() <= 0 &&
                !m_socket->ws->poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ))
                break;
        } catch (const Poco::Exception&) {
            return webSocketDisconnected(m_options.url);
        }
        auto got = readMessage(std::chrono::milliseconds(0));
        if (!got.ok())
            return got.error();
        if (got->has_value() && !(m_options.isHeartbeatAnswer && m_options.isHeartbeatAnswer(**got)))
            ++dropped;
    }
    if (dropped > 0)
        log("dropped " + std::to_string(dropped) + " stale message(s)");
    return core::Done{};
}

WebSocketLink::WebSocketLink(WebSocketLinkOptions options) : m_options(std::move(options)) {
    {
        std::lock_guard lock(m_channelMutex);
        (void)tryConnectLocked();
    }
    m_monitor = std::thread([this] { monitor(); });
}

WebSocketLink::~WebSocketLink() {
    m_state.stop();
    m_monitor.join();
}

void WebSocketLink::log(const std::string& line) const {
    if (m_options.log)
        m_options.log(m_options.deviceName + " " + m_options.url + ": " + line);
}

Expected<core::Done>
WebSocketLink::transact(const std::function<Expected<core::Done>(WebSocketChannel&)>& exchange) {
    std::lock_guard lock(m_channelMutex);
    // A device that fell silent (the last exchange timed out) gets a fresh connection and greeting.
    if (m_channel && m_channel->silent())
        closeLocked("no answer for " + std::to_string(m_options.heartbeatTimeout.count()) + " ms");
    if (!m_channel) {
        if (auto connected = tryConnectLocked(); !connected.ok())
            return connected.error();
    }
    auto result = m_channel->drainStale();
    if (result.ok())
        result = exchange(*m_channel);
    if (!result.ok() && result.error().code == "websocket.disconnected")
        closeLocked("went away during an exchange");
    return result;
}

void WebSocketLink::monitor() {
    for (;;) {
        if (m_state.pauseUnlessStopped(m_options.reconnectInterval))
            return;
        // A driver in the middle of an exchange notices a closed connection itself; look again next round.
        std::unique_lock lock(m_channelMutex, std::try_to_lock);
        if (!lock.owns_lock())
            continue;
        if (!m_channel) {
            (void)tryConnectLocked();
            continue;
        }
        // Idle: what arrives (heartbeat answers, a late event) is read and dropped; the heartbeat goes out.
        if (auto alive = m_channel->keepAlive(); !alive.ok())
            closeLocked("went away");
        else if (m_channel->silent())
            closeLocked("no answer for " + std::to_string(m_options.heartbeatTimeout.count()) + " ms");
    }
}

Expected<core::Done> WebSocketLink::tryConnectLocked() {
    auto socket = connect(m_options);
    if (!socket.ok()) {
        if (!m_failedBefore)
            log(socket.error().str());
        m_failedBefore = true;
        // A wrong address is the configuration's fault (websocket.io); anything else, the service's absence.
        return socket.error().code == "websocket.io" ? socket.error() : webSocketDisconnected(m_options.url);
    }
    auto channel = std::make_unique<WebSocketChannel>(std::move(socket).value(), m_options);
    if (m_options.greet) {
        if (auto greeted = m_options.greet(*channel); !greeted.ok()) {
            if (!m_failedBefore)
                log("connected, but the greeting failed: " + greeted.error().code);
            m_failedBefore = true;
            return greeted.error();
        }
    }
    m_channel = std::move(channel);
    m_failedBefore = false;
    log("connected");
    m_state.set(DeviceState::Connected);
    return core::Done{};
}

void WebSocketLink::closeLocked(const std::string& why) {
    m_channel.reset();
    log("disconnected: " + why);
    m_state.set(DeviceState::Disconnected);
}

} // namespace ywtb::devices
