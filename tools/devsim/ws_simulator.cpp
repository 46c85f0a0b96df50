#include "tools/devsim/ws_simulator.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/URI.h>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace ywtb::devsim {

using Clock = std::chrono::steady_clock;
using Poco::Net::WebSocket;

/// The connected client's socket, handed from the HTTP server's thread to the simulator's.
class ClientSocket {
public:
    explicit ClientSocket(WebSocket ws) : m_ws(std::move(ws)) {}
    WebSocket& ws() { return m_ws; }

private:
    WebSocket m_ws;
};

namespace {

// The upgrade to a WebSocket on the behaviour's path; anything else is 404 or 400.
class UpgradeHandler : public Poco::Net::HTTPRequestHandler {
public:
    UpgradeHandler(std::string path, std::function<void(std::unique_ptr<ClientSocket>)> adopt)
        : m_path(std::move(path)), m_adopt(std::move(adopt)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        if (Poco::URI(request.getURI()).getPath() != m_path) {
            response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            response.send();
            return;
        }
        try {
            // The WebSocket takes the connection over from the HTTP session, which ends when this returns.
            m_adopt(std::make_unique<ClientSocket>(WebSocket(request, response)));
        } catch (const Poco::Net::WebSocketException&) {
            response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
            response.setContentLength(0);
            response.send();
        }
    }

private:
    std::string m_path;
    std::function<void(std::unique_ptr<ClientSocket>)> m_adopt;
};

class UpgradeFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    UpgradeFactory(std::string path, std::function<void(std::unique_ptr<ClientSocket>)> adopt)
        : m_path(std::move(path)), m_adopt(std::move(adopt)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new UpgradeHandler(m_path, m_adopt);
    }

private:
    std::string m_path;
    std::function<void(std::unique_ptr<ClientSocket>)> m_adopt;
};

} // namespace

struct WebSocketSimulator::Server {
    Poco::Net::ServerSocket socket;
    std::unique_ptr<Poco::Net::HTTPServer> http;
};

core::Expected<std::unique_ptr<WebSocketSimulator>>
WebSocketSimulator::start(std::unique_ptr<MessageBehaviour> behaviour, std::uint16_t port) {
    std::unique_ptr<WebSocketSimulator> simulator(new WebSocketSimulator(std::move(behaviour)));
    simulator->m_port = port;
    if (auto listening = simulator->listen(); !listening.ok())
        return listening.error();
    simulator->m_url = "ws://127.0.0.1:" + std::to_string(simulator->m_port) + simulator->m_behaviour->path();
    simulator->m_thread = std::thread([s = simulator.get()] { s->run(); });
    return simulator;
}

WebSocketSimulator::WebSocketSimulator(std::unique_ptr<MessageBehaviour> behaviour)
    : m_behaviour(std::move(behaviour)) {}

WebSocketSimulator::~WebSocketSimulator() {
    m_mailbox.stop();
    if (m_thread.joinable())
        m_thread.join();
    stopListening();
    dropClient();
}

core::Expected<core::Done> WebSocketSimulator::listen() {
    try {
        auto server = std::make_unique<Server>();
        // Reusing the address lets an unplugged device come back on the same port at once.
        server->socket.bind(Poco::Net::SocketAddress("127.0.0.1", m_port), true);
        server->socket.listen();
        m_port = server->socket.address().port();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(2);
        params->setKeepAlive(false);
        server->http = std::make_unique<Poco::Net::HTTPServer>(
            new UpgradeFactory(m_behaviour->path(),
                               [this](std::unique_ptr<ClientSocket> client) { adopt(std::move(client)); }),
            server->socket, params);
        server->http->start();
        m_server = std::move(server);
        return core::Done{};
    } catch (const Poco::Exception& e) {
        return core::Error{"devsim.listen",
                           core::Message(N_("cannot listen on 127.0.0.1:{port}: {detail}"),
                                         {{"port", std::to_string(m_port)}, {"detail", e.displayText()}}),
                           {},
                           core::Message(N_("choose another port, or 0 for a free one"))};
    }
}

void WebSocketSimulator::stopListening() {
    if (!m_server)
        return;
    m_server->http->stopAll(true);
    m_server->socket.close();
    m_server.reset();
}

void WebSocketSimulator::adopt(std::unique_ptr<ClientSocket> client) {
    {
        std::lock_guard lock(m_mutex);
        m_incoming = std::move(client);
    }
    m_mailbox.wake();
}

core::Expected<core::Done> WebSocketSimulator::command(const std::string& line) {
    return m_mailbox.post(line);
}

bool WebSocketSimulator::clientConnected() const {
    std::lock_guard lock(m_mutex);
    return m_connected;
}

void WebSocketSimulator::run() {
    for (;;) {
        const auto now = Clock::now();
        auto next = std::min(m_listenAt, m_stalled ? m_stallUntil : Clock::time_point::max());
        int timeout = -1;
        if (next != Clock::time_point::max())
            timeout = static_cast<int>(std::max<long long>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1));
        pollfd fds[2] = {{m_mailbox.wakeFd(), POLLIN, 0}, {-1, POLLIN, 0}};
        if (m_client)
            fds[1].fd = m_client->ws().impl()->sockfd();
        if (::poll(fds, m_client ? 2 : 1, timeout) < 0 && errno != EINTR)
            return;

        std::deque<CommandMailbox::Pending> work;
        if (!m_mailbox.take(work))
            return;
        std::unique_ptr<ClientSocket> incoming;
        {
            std::lock_guard lock(m_mutex);
            incoming = std::move(m_incoming);
        }
        if (incoming) {
            // A new connection replaces the old one: the client gave that up.
            dropClient();
            m_client = std::move(incoming);
            std::lock_guard lock(m_mutex);
            m_connected = true;
        }
        // Everything the client sent before a command was posted is handled before the command.
        receive();
        for (auto& p : work)
            p.done.set_value(execute(splitWords(p.line), p.line));

        const auto later = Clock::now();
        if (!m_server && later >= m_listenAt) {
            m_listenAt = Clock::time_point::max();
            (void)listen();
        }
        if (m_stalled && later >= m_stallUntil)
            m_stalled = false;
    }
}

void WebSocketSimulator::receive() {
    while (m_client) {
        auto& ws = m_client->ws();
        try {
            if (ws.available() <= 0 && !ws.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ))
                return;
            Poco::Buffer<char> buffer(0);
            int flags = 0;
            const int n = ws.receiveFrame(buffer, flags);
            const int opcode = flags & WebSocket::FRAME_OP_BITMASK;
            if ((n == 0 && flags == 0) || opcode == WebSocket::FRAME_OP_CLOSE) {
                dropClient();
                return;
            }
            // A stalled device hears nothing: what arrives meanwhile is lost, as on a hung service.
            if (opcode == WebSocket::FRAME_OP_TEXT && !m_stalled)
                send(m_behaviour->received(std::string(buffer.begin(), static_cast<std::size_t>(n))));
        } catch (const Poco::Exception&) {
            dropClient();
            return;
        }
    }
}

core::Expected<core::Done> WebSocketSimulator::execute(const Words& words, const std::string& line) {
    if (words.empty())
        return core::Done{};
    const auto& verb = words[0];
    if (verb == "garbage" || verb == "oversize") {
        const auto n = numberArgument(words, 1, verb == "garbage" ? 16 : 100000);
        if (!n)
            return badCommand(verb);
        (verb == "garbage" ? m_noiseBeforeNext : m_oversizeBeforeNext) = static_cast<std::size_t>(*n);
    } else if (verb == "malformed") {
        m_malformNext = true;
    } else if (verb == "send" && words.size() > 1) {
        // The rest of the line as written (up to a comment), spaces inside kept.
        const auto text = line.substr(0, line.find('#'));
        const auto start = text.find_first_not_of(" \t", text.find("send") + 4);
        send({text.substr(start, text.find_last_not_of(" \t\r") + 1 - start)});
    } else if (verb == "stall") {
        const auto ms = numberArgument(words, 1, 0);
        if (!ms)
            return badCommand(verb);
        m_stalled = true;
        m_stallUntil = *ms > 0 ? Clock::now() + std::chrono::milliseconds(*ms) : Clock::time_point::max();
    } else if (verb == "resume") {
        m_stalled = false;
    } else if (verb == "unplug") {
        const auto ms = numberArgument(words, 1, 300);
        if (!ms)
            return badCommand(verb);
        unplugFor(std::chrono::milliseconds(*ms));
    } else if (verb == "plug") {
        m_listenAt = Clock::time_point::max();
        if (!m_server)
            return listen();
    } else {
        auto messages = m_behaviour->command(words);
        if (!messages.ok())
            return messages.error();
        send(std::move(messages).value());
    }
    return core::Done{};
}

void WebSocketSimulator::send(std::vector<std::string> messages) {
    for (auto& message : messages) {
        if (!m_client)
            return;
        if (m_noiseBeforeNext > 0) {
            std::string noise;
            for (; m_noiseBeforeNext > 0; --m_noiseBeforeNext) {
                m_noiseSeed ^= m_noiseSeed << 13;
                m_noiseSeed ^= m_noiseSeed >> 17;
                m_noiseSeed ^= m_noiseSeed << 5;
                noise.push_back(
                    static_cast<char>(0x20 + m_noiseSeed % 0x5F)); // printable ASCII: valid UTF-8 text
            }
            sendFrame(noise);
        }
        if (m_oversizeBeforeNext > 0) {
            sendFrame(std::string(m_oversizeBeforeNext, 'x'));
            m_oversizeBeforeNext = 0;
        }
        if (m_malformNext) {
            message.resize(message.size() / 2);
            m_malformNext = false;
        }
        sendFrame(message);
    }
}

void WebSocketSimulator::sendFrame(const std::string& text) {
    if (!m_client)
        return;
    try {
        m_client->ws().sendFrame(text.data(), static_cast<int>(text.size()), WebSocket::FRAME_TEXT);
    } catch (const Poco::Exception&) {
        dropClient();
    }
}

void WebSocketSimulator::dropClient() {
    if (!m_client)
        return;
    try {
        m_client->ws().shutdown();
        m_client->ws().close();
    } catch (const Poco::Exception&) {
        // Gone already.
    }
    m_client.reset();
    m_behaviour->reset();
    std::lock_guard lock(m_mutex);
    m_connected = false;
}

void WebSocketSimulator::unplugFor(std::chrono::milliseconds ms) {
    stopListening();
    dropClient();
    // A connection the server accepted but had not handed over yet goes too.
    {
        std::lock_guard lock(m_mutex);
        m_incoming.reset();
    }
    m_listenAt = ms.count() > 0 ? Clock::now() + ms : Clock::time_point::max();
}

} // namespace ywtb::devsim
