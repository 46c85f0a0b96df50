#pragma once
// The server's guards against misuse by signed-in and would-be staff (issue 20): how long a token lasts,
// back-off and lockout of wrong passwords per staff number and per client address, the throttle on bulk
// reading of cases, and the test-only cheaper password hash. Counters kept in memory: a restart clears them.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ywtb::server {

struct SecuritySettings {
    unsigned kdfIterations;                 ///< PBKDF2 iterations of new hashes (password.h)
    bool kdfLowered = false;                ///< --test-kdf-iterations was given
    std::int64_t sessionIdleSeconds = 1800; ///< a token unused this long ends (each use renews it)
    std::int64_t sessionMaxSeconds = 36000; ///< and ends this long after sign-in whatever its use
    int accountFailures = 5;                ///< wrong passwords in a row before a staff number is locked
    int addressFailures = 20;               ///< wrong passwords from one address before it is locked
    std::int64_t lockoutSeconds = 900; ///< how long a lock lasts (doubled for each further one, up to 8x)
    int bulkReadLimit = 20;            ///< distinct cases one token may read …
    std::int64_t bulkReadSeconds = 60; ///< … within this many seconds

    SecuritySettings();
};

/// Whether `name` is one of the options takeSecurityOption parses.
bool isSecurityOption(const std::string& name);
/// Sets the option `name` to `value`; false with `problem` when the value is not valid.
bool takeSecurityOption(const std::string& name, const std::string& value, SecuritySettings& settings,
                        std::string& problem);
/// The usage lines of these options.
const char* securityUsage();
/// What the server must say on every start about weakened settings (none normally).
std::vector<std::string> securityWarnings(const SecuritySettings& settings);

/// Back-off and temporary lockout of sign-in, per staff number (known or not, so the answer tells nothing)
/// and per client address. After the second wrong password in a row a staff number waits 1, 2, 4 … seconds
/// before the next try; after accountFailures it is locked for lockoutSeconds; an address after
/// addressFailures.
class SignInGuard {
public:
    explicit SignInGuard(const SecuritySettings& settings) : m_settings(settings) {}
    /// Seconds before `staffId` may try again from `address`; 0 when it may now.
    std::int64_t retryAfter(const std::string& staffId, const std::string& address);
    void failed(const std::string& staffId, const std::string& address);
    /// A right password clears the staff number's count (never the address's: one valid account must not
    /// reset the count of guesses at others).
    void succeeded(const std::string& staffId);

private:
    using Clock = std::chrono::steady_clock;
    struct Record {
        int failures = 0;
        int lockouts = 0;
        Clock::time_point lastFailure{};
        Clock::time_point lockedUntil{};
    };
    std::int64_t wait(const Record& record, bool backOff, Clock::time_point now) const;
    void count(std::map<std::string, Record>& records, const std::string& key, int limit,
               Clock::time_point now);
    void prune(std::map<std::string, Record>& records, Clock::time_point now);

    const SecuritySettings& m_settings;
    std::mutex m_mutex;
    std::map<std::string, Record> m_accounts;
    std::map<std::string, Record> m_addresses;
};

/// The bulk-read throttle: how many distinct cases one token read within bulkReadSeconds. Reading a case
/// again is free; the (bulkReadLimit + 1)th distinct one waits.
class ReadThrottle {
public:
    explicit ReadThrottle(const SecuritySettings& settings) : m_settings(settings) {}
    struct Verdict {
        std::int64_t retryAfter = 0; ///< 0: read it; else seconds until the token may read another case
        bool firstRefusal = false;   ///< the first refusal of a run: report it once
    };
    Verdict admit(const std::string& tokenHash, const std::string& caseNumber);

private:
    using Clock = std::chrono::steady_clock;
    struct Reads {
        std::deque<std::pair<Clock::time_point, std::string>> recent;
        bool throttled = false;
    };
    const SecuritySettings& m_settings;
    std::mutex m_mutex;
    std::map<std::string, Reads> m_tokens;
};

/// Settings and the guards built on them, shared by every request handler.
struct ServerSecurity {
    SecuritySettings settings;
    SignInGuard signIns{settings};
    ReadThrottle reads{settings};

    ServerSecurity() = default;
    explicit ServerSecurity(const SecuritySettings& s) : settings(s) {}
    ServerSecurity(const ServerSecurity&) = delete;
    ServerSecurity& operator=(const ServerSecurity&) = delete;
};

} // namespace ywtb::server
