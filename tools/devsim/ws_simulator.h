#pragma once
// A simulated networked device: a WebSocket service on the loopback interface (Poco's HTTPServer) whose
// thread feeds each text message of the client to a MessageBehaviour and sends back what it answers, with
// the faults of the real world on demand. One client at a time; a new connection replaces the old one,
// as a device's local service does when the client reconnects.
//
// Script commands every networked kind understands (see devices/PROTOCOLS.md "Simulator"):
//   garbage [N]     the next message is preceded by a text message of N (16) bytes of noise
//   malformed       the next message goes out cut in half (broken JSON)
//   oversize [N]    the next message is preceded by a text message of N (100000) bytes
//   send TEXT…      sends the rest of the line as one text message, at once
//   stall [MS]      read and ignore the client (no answers, heartbeats included) for MS ms, or until "resume"
//   resume
//   unplug [MS]     close the connection and stop listening; listen again on the same port after MS ms
//                   (300; 0: until "plug")
//   plug            listen again now
// "wait MS" and "quit" are handled by whoever reads the script (main.cpp).

#include "core/error.h"
#include "tools/devsim/command_mailbox.h"
#include "tools/devsim/device_simulator.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ywtb::devsim {

class ClientSocket;

/// What one kind of networked device does; runs on the simulator's thread only.
class MessageBehaviour {
public:
    virtual ~MessageBehaviour() = default;
    /// The path the service answers on, e.g. "/rating".
    virtual std::string path() const = 0;
    /// The client sent the text message `text`; returns the messages the device answers with.
    virtual std::vector<std::string> received(const std::string& text) = 0;
    /// A script command of this kind; messages to send at once, or an error for an unknown command.
    virtual core::Expected<std::vector<std::string>> command(const Words& words) = 0;
    /// The connection is gone (unplug, or a new client): forget the session.
    virtual void reset() {}
};

class WebSocketSimulator {
public:
    /// Starts listening on 127.0.0.1:`port` (0: a free port) and serving the device.
    static core::Expected<std::unique_ptr<WebSocketSimulator>>
    start(std::unique_ptr<MessageBehaviour> behaviour, std::uint16_t port = 0);
    ~WebSocketSimulator();
    WebSocketSimulator(const WebSocketSimulator&) = delete;
    WebSocketSimulator& operator=(const WebSocketSimulator&) = delete;

    /// ws://127.0.0.1:PORT/PATH, the same across "unplug".
    const std::string& url() const { return m_url; }
    /// Runs one script line on the simulator's thread and returns when it has been carried out (messages
    /// sent). Whatever the client sent before the call has been handled first, so tests are deterministic.
    core::Expected<core::Done> command(const std::string& line);
    /// True while a client is connected.
    bool clientConnected() const;

private:
    struct Server;
    explicit WebSocketSimulator(std::unique_ptr<MessageBehaviour> behaviour);
    core::Expected<core::Done> listen();
    void stopListening();
    void adopt(std::unique_ptr<ClientSocket> client);
    void run();
    void receive();
    core::Expected<core::Done> execute(const Words& words, const std::string& line);
    void send(std::vector<std::string> messages);
    void sendFrame(const std::string& text);
    void dropClient();
    void unplugFor(std::chrono::milliseconds ms);

    std::unique_ptr<MessageBehaviour> m_behaviour;
    std::uint16_t m_port = 0;
    std::string m_url;
    std::unique_ptr<Server> m_server;
    CommandMailbox m_mailbox;
    mutable std::mutex m_mutex; ///< guards m_incoming and m_connected
    std::unique_ptr<ClientSocket> m_incoming;
    bool m_connected = false;
    std::thread m_thread;

    // Simulator thread only.
    std::unique_ptr<ClientSocket> m_client;
    std::size_t m_noiseBeforeNext = 0;
    std::size_t m_oversizeBeforeNext = 0;
    bool m_malformNext = false;
    bool m_stalled = false;
    std::chrono::steady_clock::time_point m_stallUntil = std::chrono::steady_clock::time_point::max();
    std::chrono::steady_clock::time_point m_listenAt = std::chrono::steady_clock::time_point::max();
    std::uint32_t m_noiseSeed = 0x2545F491;
};

} // namespace ywtb::devsim
