#pragma once
// Faults the server can inject on purpose, so the client's sync is tested against a server that fails:
// --inject-faults error=N,drop=N,garble=N,slow=N:MS acts on every Nth request (counted from 1, all routes).

#include <atomic>
#include <cstdint>
#include <string>

namespace ywtb::server {

enum class Fault {
    None,
    Error,  ///< answer 503 server.fault_injected without doing anything
    Drop,   ///< do the work, then close the connection without an answer (a lost answer)
    Garble, ///< do the work, then answer 200 with a body that is not JSON
    Slow,   ///< wait, then do the work (a client with a shorter timeout retries meanwhile)
};

class FaultPlan {
public:
    /// Takes "error=7,drop=11,garble=13,slow=17:3000"; false (and `problem` set) when malformed.
    bool configure(const std::string& spec, std::string& problem);

    /// The fault for the next request; thread-safe.
    Fault next();
    int slowMilliseconds() const { return m_slowMs; }
    bool active() const { return m_error || m_drop || m_garble || m_slow; }

private:
    std::int64_t m_error = 0;
    std::int64_t m_drop = 0;
    std::int64_t m_garble = 0;
    std::int64_t m_slow = 0;
    int m_slowMs = 0;
    std::atomic<std::int64_t> m_count{0};
};

} // namespace ywtb::server
