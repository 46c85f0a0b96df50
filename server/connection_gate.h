#pragma once
// The server's front door against hostile clients (issue 20 item 5). Poco's HTTPServer gives a worker thread
// to a connection as soon as it is accepted, and a worker waits as long as each read makes progress: 20
// clients sending one header line every 10 s held every thread and the server answered no one for minutes.
// Here a connection gets a worker only once its whole request head has arrived (it waits in one polling
// thread until then, costing a socket and no thread), every request has a deadline, and one client address
// may hold only a few workers and a bounded number of sockets.

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace Poco::Net {
class PollSet;
class TCPServerDispatcher;
} // namespace Poco::Net

namespace ywtb::server {

/// How long a client may take and how much of the server one address may hold (server/README.md).
struct ConnectionLimits {
    /// A request head (request line and headers) must arrive whole within this time from the connection's
    /// opening, or from the end of the previous answer on a kept-alive connection (idle time included).
    std::chrono::milliseconds headDeadline{10'000};
    /// From the head's arrival to the end of the answer: the body, the work and the answer together.
    std::chrono::milliseconds requestDeadline{300'000};
    /// Connections of one client address served by worker threads at once; more wait their turn.
    int maxActivePerAddress = 8;
    /// Connections one client address may have open at all; one more is closed at once.
    int maxOpenPerAddress = 64;
    /// Connections waiting for their head, from all addresses together (each costs a descriptor).
    int maxWaiting = 1000;
};

/// Accepts the connections of `socket` and hands each to Poco's HTTP connection code on `pool` once its
/// request head is in, under `limits`. Call stop() before the pool is joined.
class ConnectionGate {
public:
    ConnectionGate(Poco::Net::ServerSocket socket, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                   Poco::Net::HTTPServerParams::Ptr params, Poco::ThreadPool& pool, ConnectionLimits limits,
                   bool tls);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    void start();
    /// Stops accepting and closes the connections waiting for their head; requests being served finish
    /// (until their deadline), idle kept-alive connections are closed; returns when none is left.
    void stop();

    /// Called from the worker threads (connection_gate.cpp): a request head was read on `socket`, its answer
    /// was sent, the connection ended.
    void requestStarted(const Poco::Net::Socket& socket);
    void requestEnded(const Poco::Net::Socket& socket);
    void connectionEnded(const Poco::Net::Socket& socket);

private:
    using Clock = std::chrono::steady_clock;
    struct Waiting {
        Poco::Net::StreamSocket socket;
        std::string address;
        Clock::time_point deadline;
        bool polled = true; ///< no byte seen yet: the poll set tells when the first arrives
        bool headComplete = false;
    };
    struct Served {
        Poco::Net::StreamSocket socket;
        std::string address;
        Clock::time_point deadline;
        bool inRequest = false;
        bool cut = false;
    };

    void run();
    /// One round: waits for a connection or bytes, at most a tick when heads arrived in part.
    void step(Poco::Net::PollSet& polled);
    void accept();
    /// Looks at what arrived on `waiting` without taking it; false when the connection is to be closed.
    bool peekHead(Waiting& waiting);
    void dispatchReady();
    void cutOverdue();
    void cut(Served& served);
    void closeWaiting(std::list<Waiting>::iterator it);

    Poco::Net::ServerSocket m_socket;
    Poco::Net::HTTPServerParams::Ptr m_params;
    ConnectionLimits m_limits;
    bool m_tls;
    Poco::Net::TCPServerDispatcher* m_dispatcher = nullptr;
    std::thread m_thread;
    std::atomic<bool> m_running{false};

    std::list<Waiting> m_waiting; ///< the gate thread's only

    std::mutex m_mutex; ///< guards what follows, shared with the workers
    std::condition_variable m_changed;
    std::map<const void*, Served> m_served; ///< by socket implementation
    std::map<std::string, int> m_open;      ///< per address: waiting + served
    std::map<std::string, int> m_active;    ///< per address: served
    bool m_stopping = false;
};

} // namespace ywtb::server
