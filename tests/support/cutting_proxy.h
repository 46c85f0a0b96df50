#pragma once
// A TCP proxy on a free loopback port that forwards every connection to a server on loopback and, when armed,
// cuts connections in the middle of a request or of an answer: what a counter PC sees when the network fails
// while bytes are in flight. Plain POSIX sockets and one thread per connection; test use only.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace ywtb::testing {

/// When and how the proxy cuts. A request "matches" when `marker` (e.g. "PUT /api/v1/blobs/") appears in the
/// bytes the client sends; every `everyNth` matching request is cut, `times` times at most.
struct CutRule {
    enum class Direction {
        ToServer, ///< the request: the server receives the first bytes of it and then the end of the stream
        ToClient, ///< the answer: the client receives the first bytes of it and then the end of the stream
    };
    std::string marker;
    Direction direction = Direction::ToServer;
    /// Bytes that still pass after the marker's first byte (ToServer) or of the answer (ToClient), chosen at
    /// random in [min, max] for each cut, then moved into the message's body when its Content-Length is seen
    /// (so the cut never reaches the next request, and at least one body byte passes and one does not).
    std::int64_t minBytes = 0;
    std::int64_t maxBytes = 0;
    int everyNth = 1;
    int times = 1;
    /// ToServer only: end just the client → server direction, so the server reads a short body and its answer
    /// still reaches the client; otherwise both directions are cut at once.
    bool halfClose = false;
};

/// What a cut did, for the test's messages and checks.
struct CutRecord {
    std::string marker;
    std::int64_t bytesPassed =
        0; ///< counted from the marker (ToServer) or from the answer's start (ToClient)
    std::int64_t bodyBytesPassed =
        -1; ///< bytes of the request's or the answer's body that passed (-1: not known)
};

class CuttingProxy {
public:
    /// Listens on 127.0.0.1 on a free port and forwards to 127.0.0.1:`upstreamPort`.
    explicit CuttingProxy(int upstreamPort, unsigned seed = 1);
    ~CuttingProxy();
    CuttingProxy(const CuttingProxy&) = delete;
    CuttingProxy& operator=(const CuttingProxy&) = delete;

    int port() const { return m_port; }
    /// New connections go to this port from now on (the server restarted elsewhere).
    void setUpstream(int port) { m_upstream = port; }
    /// Replaces the rule; matching requests are counted from 0 again.
    void arm(CutRule rule);
    /// Forwards everything from now on.
    void disarm();
    /// The cuts made since the last arm().
    std::vector<CutRecord> cuts() const;
    int connections() const { return m_connections; }

private:
    /// A matching request seen: whether to cut it, and after how many bytes.
    struct Verdict {
        bool cut = false;
        CutRule::Direction direction = CutRule::Direction::ToServer;
        std::int64_t bytes = 0;
        bool halfClose = false;
    };
    void acceptLoop();
    void forward(int client);
    std::string marker() const;
    Verdict onMatch();
    void record(CutRecord cut);

    int m_listener = -1;
    int m_port = 0;
    std::atomic<int> m_upstream;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_connections{0};
    mutable std::mutex m_mutex;
    CutRule m_rule;
    bool m_armed = false;
    int m_matches = 0;
    std::vector<CutRecord> m_cuts;
    std::mt19937 m_random;
    std::thread m_acceptor;
    std::vector<std::thread> m_workers;
};

} // namespace ywtb::testing
