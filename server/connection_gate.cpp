#include "server/connection_gate.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/SocketDefs.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerDispatcher.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>

namespace ywtb::server {
namespace {

// A head longer than this is handed on as it is: Poco then refuses it (400) with its own field limits.
constexpr std::size_t kHeadPeek = 16 * 1024;
// How often heads that arrived in part are looked at again (a peeked socket stays readable, so it cannot
// wait in the poll set), and how late a deadline may be enforced.
constexpr auto kTick = std::chrono::milliseconds(20);

const void* keyOf(const Poco::Net::Socket& socket) {
    return socket.impl();
}

// From another thread than the one reading it: a raw shutdown wakes the worker's blocked read, which then
// ends the connection. Not Poco's shutdown(), which on a TLS socket would write to the TLS session the
// worker is using.
int lastSocketError() {
#ifdef _WIN32
    return WSAGetLastError();
#else
    return errno;
#endif
}

void shutDown(const Poco::Net::Socket& socket) {
    const poco_socket_t fd = socket.impl()->sockfd();
    if (fd != POCO_INVALID_SOCKET)
        ::shutdown(fd, 2); // SHUT_RDWR, SD_BOTH
}

/// A request handler that tells the gate when its request began and ended.
class GatedHandler : public Poco::Net::HTTPRequestHandler {
public:
    GatedHandler(Poco::Net::HTTPRequestHandler* inner, ConnectionGate& gate, Poco::Net::Socket socket)
        : m_inner(inner), m_gate(gate), m_socket(std::move(socket)) {}
    ~GatedHandler() override { m_gate.requestEnded(m_socket); }
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        if (m_inner)
            m_inner->handleRequest(request, response);
    }

private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> m_inner;
    ConnectionGate& m_gate;
    Poco::Net::Socket m_socket;
};

class GatedHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    GatedHandlerFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr inner, ConnectionGate& gate)
        : m_inner(std::move(inner)), m_gate(gate) {}
    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest& request) override {
        // Poco's server session always makes an HTTPServerRequestImpl, which knows its socket.
        auto& impl = const_cast<Poco::Net::HTTPServerRequestImpl&>(
            dynamic_cast<const Poco::Net::HTTPServerRequestImpl&>(request));
        Poco::Net::Socket socket = impl.socket();
        m_gate.requestStarted(socket);
        return new GatedHandler(m_inner->createRequestHandler(request), m_gate, socket);
    }

private:
    Poco::Net::HTTPRequestHandlerFactory::Ptr m_inner;
    ConnectionGate& m_gate;
};

/// Poco's HTTP connection, which tells the gate when it ends.
class GatedConnection : public Poco::Net::HTTPServerConnection {
public:
    GatedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionGate& gate)
        : HTTPServerConnection(socket, params, handlers), m_gate(gate), m_socket(socket) {}
    ~GatedConnection() override { m_gate.connectionEnded(m_socket); }

private:
    ConnectionGate& m_gate;
    Poco::Net::StreamSocket m_socket;
};

class GatedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    GatedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                           Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionGate& gate)
        : m_params(std::move(params)), m_handlers(std::move(handlers)), m_gate(gate) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new GatedConnection(socket, m_params, m_handlers, m_gate);
    }

private:
    Poco::Net::HTTPServerParams::Ptr m_params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr m_handlers;
    ConnectionGate& m_gate;
};

} // namespace

ConnectionGate::ConnectionGate(Poco::Net::ServerSocket socket,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                               Poco::Net::HTTPServerParams::Ptr params, Poco::ThreadPool& pool,
                               ConnectionLimits limits, bool tls)
    : m_socket(std::move(socket)), m_params(params), m_limits(limits), m_tls(tls) {
    Poco::Net::HTTPRequestHandlerFactory::Ptr gated = new GatedHandlerFactory(std::move(handlers), *this);
    m_dispatcher =
        new Poco::Net::TCPServerDispatcher(new GatedConnectionFactory(params, gated, *this), pool, params);
}

ConnectionGate::~ConnectionGate() {
    stop();
    m_dispatcher->release();
}

void ConnectionGate::start() {
    m_running = true;
    m_thread = std::thread([this] { run(); });
}

void ConnectionGate::stop() {
    if (!m_thread.joinable())
        return;
    m_running = false;
    m_thread.join();
    for (auto it = m_waiting.begin(); it != m_waiting.end();)
        closeWaiting(it++);
    std::unique_lock lock(m_mutex);
    m_stopping = true;
    for (auto& [key, served] : m_served)
        if (!served.inRequest)
            cut(served);
    // Requests in flight finish; one that outlives its deadline is cut like any other. A connection whose
    // worker never started would never report its end: the wait is bounded by the longest deadline.
    const auto giveUp = Clock::now() + m_limits.requestDeadline + std::chrono::seconds(1);
    while (!m_served.empty() && Clock::now() < giveUp) {
        m_changed.wait_for(lock, kTick * 10);
        const auto now = Clock::now();
        for (auto& [key, served] : m_served)
            if (served.deadline < now)
                cut(served);
    }
    lock.unlock();
    m_dispatcher->stop();
}

void ConnectionGate::run() {
    Poco::Net::PollSet polled;
    polled.add(m_socket, Poco::Net::PollSet::POLL_READ);
    while (m_running) {
        try {
            step(polled);
        } catch (const std::exception& e) {
            // One connection's trouble must not end the thread every connection comes through.
            std::cerr << "connection gate: " << e.what() << "\n";
        }
    }
}

void ConnectionGate::step(Poco::Net::PollSet& polled) {
    for (auto& waiting : m_waiting)
        if (waiting.polled && !waiting.headComplete && !polled.has(waiting.socket))
            polled.add(waiting.socket, Poco::Net::PollSet::POLL_READ);
    const bool partialHeads = std::any_of(m_waiting.begin(), m_waiting.end(),
                                          [](const Waiting& w) { return !w.polled && !w.headComplete; });
    const auto ready = polled.poll(Poco::Timespan(0, partialHeads ? 20'000 : 100'000));
    if (ready.count(m_socket))
        accept();
    const auto now = Clock::now();
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        auto current = it++;
        if (current->headComplete)
            continue;
        if (current->polled && !ready.count(current->socket) && current->deadline >= now)
            continue;
        if (polled.has(current->socket))
            polled.remove(current->socket);
        if (current->deadline < now || !peekHead(*current))
            closeWaiting(current);
    }
    dispatchReady();
    cutOverdue();
}

void ConnectionGate::accept() {
    Poco::Net::SocketAddress client;
    Poco::Net::StreamSocket socket;
    try {
        socket = m_socket.acceptConnection(client);
    } catch (const Poco::Exception&) {
        return; // the client went away meanwhile, or no descriptor is left: the next one may do better
    }
    const std::string address = client.host().toString();
    {
        std::lock_guard lock(m_mutex);
        if (m_open[address] >= m_limits.maxOpenPerAddress ||
            static_cast<int>(m_waiting.size()) >= m_limits.maxWaiting) {
            socket.close();
            return;
        }
        ++m_open[address];
    }
    socket.setBlocking(false);
    m_waiting.push_back({socket, address, Clock::now() + m_limits.headDeadline});
}

bool ConnectionGate::peekHead(Waiting& waiting) {
    char buffer[kHeadPeek];
    const int n = static_cast<int>(::recv(waiting.socket.impl()->sockfd(), buffer, sizeof buffer, MSG_PEEK));
    if (n == 0)
        return false; // closed before asking anything
    if (n < 0) {
        const int error = lastSocketError();
        return error == POCO_EWOULDBLOCK || error == POCO_EAGAIN || error == POCO_EINTR;
    }
    // Under TLS the bytes are the handshake, which the worker does: any byte is enough to go on. In plain
    // HTTP the head ends with an empty line.
    waiting.headComplete =
        m_tls || static_cast<std::size_t>(n) == sizeof buffer ||
        std::string_view(buffer, static_cast<std::size_t>(n)).find("\r\n\r\n") != std::string_view::npos;
    waiting.polled = false;
    return true;
}

void ConnectionGate::dispatchReady() {
    std::lock_guard lock(m_mutex);
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        auto current = it++;
        if (!current->headComplete || m_active[current->address] >= m_limits.maxActivePerAddress)
            continue;
        // Only to a free worker: one waiting in Poco's queue would spend its head deadline there.
        if (static_cast<int>(m_served.size()) >= m_params->getMaxThreads())
            return;
        current->socket.setBlocking(true);
        ++m_active[current->address];
        // The head is in; the TLS handshake and the reading of the head still have the head deadline.
        m_served[keyOf(current->socket)] = {current->socket, current->address,
                                            Clock::now() + m_limits.headDeadline, false, false};
        m_dispatcher->enqueue(current->socket);
        m_waiting.erase(current);
    }
}

void ConnectionGate::cutOverdue() {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    for (auto& [key, served] : m_served)
        if (served.deadline < now)
            cut(served);
}

void ConnectionGate::cut(Served& served) {
    if (served.cut)
        return;
    served.cut = true;
    shutDown(served.socket);
}

void ConnectionGate::closeWaiting(std::list<Waiting>::iterator it) {
    try {
        it->socket.close();
    } catch (const Poco::Exception&) {
    }
    {
        std::lock_guard lock(m_mutex);
        if (--m_open[it->address] <= 0)
            m_open.erase(it->address);
    }
    m_waiting.erase(it);
}

void ConnectionGate::requestStarted(const Poco::Net::Socket& socket) {
    std::lock_guard lock(m_mutex);
    auto found = m_served.find(keyOf(socket));
    if (found == m_served.end())
        return;
    found->second.inRequest = true;
    found->second.deadline = Clock::now() + m_limits.requestDeadline;
}

void ConnectionGate::requestEnded(const Poco::Net::Socket& socket) {
    std::lock_guard lock(m_mutex);
    auto found = m_served.find(keyOf(socket));
    if (found == m_served.end())
        return;
    found->second.inRequest = false;
    // Kept alive: Poco waits up to its keep-alive time for the next request, whose head then has its
    // deadline.
    found->second.deadline = Clock::now() +
                             std::chrono::milliseconds(m_params->getKeepAliveTimeout().totalMilliseconds()) +
                             m_limits.headDeadline;
    if (m_stopping)
        cut(found->second);
    m_changed.notify_all();
}

void ConnectionGate::connectionEnded(const Poco::Net::Socket& socket) {
    std::lock_guard lock(m_mutex);
    auto found = m_served.find(keyOf(socket));
    if (found == m_served.end())
        return;
    const std::string address = found->second.address;
    m_served.erase(found);
    if (--m_active[address] <= 0)
        m_active.erase(address);
    if (--m_open[address] <= 0)
        m_open.erase(address);
    m_changed.notify_all();
}

} // namespace ywtb::server
