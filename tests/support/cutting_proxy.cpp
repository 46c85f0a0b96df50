#include "support/cutting_proxy.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace ywtb::testing {
namespace {

// CLOEXEC everywhere: a server process the test forks later must not hold our sockets open, or a "cut"
// connection would stay up in the child.
int loopbackSocket() {
    return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

int connectTo(int port) {
    const int fd = loopbackSocket();
    if (fd < 0)
        return -1;
    const auto address = loopback(port);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const auto n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

/// Reads and drops what the client still sends, for at most `limit`, so that closing our end does not reset
/// the connection before the client has read the answer it was given.
void drainClient(int fd, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    char sink[16 * 1024];
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        if (::recv(fd, sink, sizeof sink, 0) <= 0)
            return;
    }
}

/// `planned` moved inside the body of the message whose first bytes are `head` (when its headers and its
/// Content-Length are there), so that a cut never spills into the next request on a keep-alive connection and
/// always leaves at least one byte of the body behind.
std::int64_t insideBody(const std::string& head, std::int64_t planned) {
    const auto end = head.find("\r\n\r\n");
    if (end == std::string::npos)
        return planned;
    std::string headers = head.substr(0, end + 2);
    for (auto& c : headers)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto field = headers.find("\r\ncontent-length:");
    if (field == std::string::npos)
        return planned;
    const std::int64_t length = std::atoll(headers.c_str() + field + 17);
    const auto headerBytes = static_cast<std::int64_t>(end + 4);
    if (length < 2)
        return planned;
    // At least one byte of the body passes and at least one does not.
    return headerBytes + 1 + (std::max<std::int64_t>(planned - headerBytes - 1, 0) % (length - 1));
}

} // namespace

CuttingProxy::CuttingProxy(int upstreamPort, unsigned seed) : m_upstream(upstreamPort), m_random(seed) {
    m_listener = loopbackSocket();
    if (m_listener < 0)
        throw std::runtime_error(std::string("cutting proxy: socket: ") + std::strerror(errno));
    const int yes = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    auto address = loopback(0);
    socklen_t length = sizeof address;
    if (::bind(m_listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 64) != 0 ||
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string why = std::strerror(errno);
        ::close(m_listener);
        throw std::runtime_error("cutting proxy: cannot listen on 127.0.0.1: " + why);
    }
    m_port = ntohs(address.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

CuttingProxy::~CuttingProxy() {
    m_stopping = true;
    ::shutdown(m_listener, SHUT_RDWR);
    m_acceptor.join();
    for (auto& worker : m_workers)
        worker.join();
    ::close(m_listener);
}

void CuttingProxy::arm(CutRule rule) {
    std::lock_guard lock(m_mutex);
    m_rule = std::move(rule);
    m_armed = !m_rule.marker.empty();
    m_matches = 0;
    m_cuts.clear();
}

void CuttingProxy::disarm() {
    std::lock_guard lock(m_mutex);
    m_armed = false;
}

std::vector<CutRecord> CuttingProxy::cuts() const {
    std::lock_guard lock(m_mutex);
    return m_cuts;
}

std::string CuttingProxy::marker() const {
    std::lock_guard lock(m_mutex);
    return m_armed ? m_rule.marker : std::string();
}

CuttingProxy::Verdict CuttingProxy::onMatch() {
    std::lock_guard lock(m_mutex);
    Verdict verdict;
    if (!m_armed)
        return verdict;
    ++m_matches;
    if (m_matches % std::max(1, m_rule.everyNth) != 0 || static_cast<int>(m_cuts.size()) >= m_rule.times)
        return verdict;
    verdict.cut = true;
    verdict.direction = m_rule.direction;
    verdict.halfClose = m_rule.halfClose;
    verdict.bytes = std::uniform_int_distribution<std::int64_t>(
        m_rule.minBytes, std::max(m_rule.minBytes, m_rule.maxBytes))(m_random);
    m_cuts.push_back({m_rule.marker, -1, -1}); // filled in by record() once the cut is made
    return verdict;
}

void CuttingProxy::record(CutRecord cut) {
    std::lock_guard lock(m_mutex);
    for (auto& c : m_cuts)
        if (c.bytesPassed < 0) {
            c = std::move(cut);
            return;
        }
    m_cuts.push_back(std::move(cut));
}

void CuttingProxy::acceptLoop() {
    while (!m_stopping) {
        const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; // the listener was shut down
        }
        ++m_connections;
        m_workers.emplace_back([this, client] { forward(client); });
    }
}

void CuttingProxy::forward(int client) {
    const int server = connectTo(m_upstream);
    if (server < 0) {
        ::close(client);
        return;
    }
    std::vector<char> buffer(64 * 1024);
    std::string tail;              // the last bytes from the client, for a marker split across reads
    std::int64_t requestLeft = -1; // bytes of the request still to pass before a cut (-1: no cut pending)
    std::int64_t answerLeft = -1;  // bytes of the answer still to pass before a cut
    std::int64_t planned = 0;
    bool halfClose = false;
    bool discarding = false; // half-closed: the client's further bytes are dropped
    bool answerStarted = false;
    std::int64_t answerHeaderBytes = -1;
    std::string sinceMarker; // the request's first bytes, to tell its headers from its body
    const auto cutRecord = [&](std::int64_t passed) {
        const auto headerEnd = sinceMarker.find("\r\n\r\n");
        const std::int64_t body =
            headerEnd == std::string::npos ? -1 : passed - static_cast<std::int64_t>(headerEnd + 4);
        return CutRecord{sinceMarker.substr(0, sinceMarker.find('\r')), passed, body};
    };
    bool open = true;
    while (open && !m_stopping) {
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        const int ready = ::poll(fds, 2, 100);
        if (ready <= 0)
            continue;
        if (fds[0].revents != 0) {
            const auto got = ::recv(client, buffer.data(), buffer.size(), 0);
            if (got <= 0)
                break;
            auto size = static_cast<std::size_t>(got);
            if (discarding)
                continue;
            std::size_t pass = size;
            const std::string wanted = marker();
            if (!wanted.empty() && requestLeft < 0 && answerLeft < 0) {
                const std::string window = tail + std::string(buffer.data(), size);
                const auto at = window.find(wanted);
                if (at != std::string::npos) {
                    const auto verdict = onMatch();
                    // Offset of the marker's first byte in this read (negative: it began in the previous
                    // one).
                    const auto markerAt =
                        static_cast<std::int64_t>(at) - static_cast<std::int64_t>(tail.size());
                    sinceMarker = window.substr(at, 8192);
                    if (verdict.cut && verdict.direction == CutRule::Direction::ToServer) {
                        planned = insideBody(sinceMarker, verdict.bytes);
                        halfClose = verdict.halfClose;
                        const std::int64_t allowed = markerAt + planned;
                        if (allowed < static_cast<std::int64_t>(size))
                            pass = static_cast<std::size_t>(std::max<std::int64_t>(0, allowed));
                        else
                            requestLeft = allowed - static_cast<std::int64_t>(size);
                        if (pass < size)
                            requestLeft = 0;
                    } else if (verdict.cut) {
                        answerLeft = verdict.bytes;
                        planned = verdict.bytes;
                        answerStarted = false;
                    }
                }
            } else if (requestLeft > 0) {
                if (sinceMarker.size() < 8192)
                    sinceMarker.append(buffer.data(), std::min<std::size_t>(size, 8192 - sinceMarker.size()));
                pass = static_cast<std::size_t>(
                    std::min<std::int64_t>(requestLeft, static_cast<std::int64_t>(size)));
                requestLeft -= static_cast<std::int64_t>(pass); // 0: cut after these bytes
            }
            if (wanted.size() > 1)
                tail.assign(buffer.data() + size - std::min(size, wanted.size() - 1),
                            std::min(size, wanted.size() - 1));
            if (!sendAll(server, buffer.data(), pass))
                break;
            if (requestLeft == 0) {
                record(cutRecord(planned));
                requestLeft = -1;
                if (halfClose) {
                    ::shutdown(server, SHUT_WR); // the server sees the end of a short body and answers
                    discarding = true;
                    continue;
                }
                break;
            }
        }
        if (fds[1].revents != 0) {
            const auto got = ::recv(server, buffer.data(), buffer.size(), 0);
            if (got <= 0) {
                if (discarding) { // pass the end on after the answer, and let the client read it
                    ::shutdown(client, SHUT_WR);
                    drainClient(client, std::chrono::milliseconds(2000));
                }
                break;
            }
            auto pass = static_cast<std::size_t>(got);
            if (answerLeft >= 0 && !answerStarted) { // the answer's headers are in its first bytes
                answerStarted = true;
                const std::string head(buffer.data(), pass);
                planned = insideBody(head, planned);
                answerLeft = planned;
                const auto end = head.find("\r\n\r\n");
                answerHeaderBytes = end == std::string::npos ? -1 : static_cast<std::int64_t>(end + 4);
            }
            if (answerLeft >= 0)
                pass = static_cast<std::size_t>(std::min<std::int64_t>(answerLeft, got));
            if (!sendAll(client, buffer.data(), pass))
                break;
            if (answerLeft >= 0) {
                answerLeft -= static_cast<std::int64_t>(pass);
                if (answerLeft == 0) {
                    record({sinceMarker.substr(0, sinceMarker.find('\r')), planned,
                            answerHeaderBytes < 0 ? -1 : planned - answerHeaderBytes});
                    open = false;
                }
            }
        }
    }
    ::shutdown(client, SHUT_RDWR);
    ::shutdown(server, SHUT_RDWR);
    ::close(client);
    ::close(server);
}

} // namespace ywtb::testing
