#include "server/security.h"

#include "server/password.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace ywtb::server {

namespace {

constexpr std::size_t kMaxTracked = 10000;

bool parseNumber(const std::string& text, std::int64_t min, std::int64_t max, std::int64_t& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max;
}

std::int64_t secondsUntil(std::chrono::steady_clock::time_point then,
                          std::chrono::steady_clock::time_point now) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(then - now).count();
    return left <= 0 ? 0 : (left + 999) / 1000;
}

} // namespace

SecuritySettings::SecuritySettings() : kdfIterations(kPasswordIterations) {}

bool isSecurityOption(const std::string& name) {
    static const std::set<std::string> names{
        "--test-kdf-iterations",      "--session-idle-minutes", "--session-max-hours", "--lockout-failures",
        "--lockout-address-failures", "--lockout-seconds",      "--bulk-read-limit",   "--bulk-read-seconds"};
    return names.count(name) > 0;
}

bool takeSecurityOption(const std::string& name, const std::string& value, SecuritySettings& settings,
                        std::string& problem) {
    std::int64_t n = 0;
    const auto number = [&](std::int64_t min, std::int64_t max) {
        if (parseNumber(value, min, max, n))
            return true;
        problem = name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
        return false;
    };
    if (name == "--test-kdf-iterations") {
        if (!number(1, kPasswordIterations))
            return false;
        settings.kdfIterations = static_cast<unsigned>(n);
        settings.kdfLowered = settings.kdfIterations < kPasswordIterations;
    } else if (name == "--session-idle-minutes") {
        if (!number(1, 24 * 60))
            return false;
        settings.sessionIdleSeconds = n * 60;
    } else if (name == "--session-max-hours") {
        if (!number(1, 24))
            return false;
        settings.sessionMaxSeconds = n * 3600;
    } else if (name == "--lockout-failures") {
        if (!number(1, 100))
            return false;
        settings.accountFailures = static_cast<int>(n);
    } else if (name == "--lockout-address-failures") {
        if (!number(1, 10000))
            return false;
        settings.addressFailures = static_cast<int>(n);
    } else if (name == "--lockout-seconds") {
        if (!number(1, 86400))
            return false;
        settings.lockoutSeconds = n;
    } else if (name == "--bulk-read-limit") {
        if (!number(1, 100000))
            return false;
        settings.bulkReadLimit = static_cast<int>(n);
    } else if (name == "--bulk-read-seconds") {
        if (!number(1, 86400))
            return false;
        settings.bulkReadSeconds = n;
    } else {
        problem = "unknown option " + name;
        return false;
    }
    return true;
}

const char* securityUsage() {
    return "  --session-idle-minutes N (30) --session-max-hours N (10): a token ends N minutes after its "
           "last "
           "use, and\n"
           "      at the latest N hours after sign-in.\n"
           "  --lockout-failures N (5) --lockout-address-failures N (20) --lockout-seconds N (900): wrong "
           "passwords\n"
           "      in a row before a staff number (an address) is locked, and for how long.\n"
           "  --bulk-read-limit N (20) --bulk-read-seconds N (60): distinct cases one token may read in that "
           "time.\n"
           "  --test-kdf-iterations N: FOR TESTS ONLY, hash new passwords with N PBKDF2 iterations instead "
           "of "
           "600,000.\n";
}

std::vector<std::string> securityWarnings(const SecuritySettings& settings) {
    std::vector<std::string> warnings;
    if (settings.kdfLowered)
        warnings.push_back("WARNING: --test-kdf-iterations " + std::to_string(settings.kdfIterations) +
                           ": passwords are hashed with fewer PBKDF2 iterations than the 600,000 a centre "
                           "needs; this server is for tests only");
    return warnings;
}

std::int64_t SignInGuard::wait(const Record& record, bool backOff, Clock::time_point now) const {
    std::int64_t seconds = secondsUntil(record.lockedUntil, now);
    if (backOff && record.failures >= 2) {
        const auto delay = std::chrono::seconds(std::int64_t{1} << std::min(record.failures - 2, 5));
        seconds = std::max(seconds, secondsUntil(record.lastFailure + delay, now));
    }
    return seconds;
}

std::int64_t SignInGuard::retryAfter(const std::string& staffId, const std::string& address) {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    std::int64_t seconds = 0;
    if (auto a = m_accounts.find(staffId); a != m_accounts.end())
        seconds = std::max(seconds, wait(a->second, true, now));
    if (auto a = m_addresses.find(address); a != m_addresses.end())
        seconds = std::max(seconds, wait(a->second, false, now));
    return seconds;
}

void SignInGuard::count(std::map<std::string, Record>& records, const std::string& key, int limit,
                        Clock::time_point now) {
    if (records.size() >= kMaxTracked)
        prune(records, now);
    Record& r = records[key];
    // Failures long ago (a lockout period) no longer count.
    if (r.failures > 0 && now - r.lastFailure > std::chrono::seconds(m_settings.lockoutSeconds))
        r.failures = 0;
    ++r.failures;
    r.lastFailure = now;
    if (r.failures >= limit) {
        ++r.lockouts;
        const std::int64_t factor = std::int64_t{1} << std::min(r.lockouts - 1, 3);
        r.lockedUntil = now + std::chrono::seconds(m_settings.lockoutSeconds * factor);
        r.failures = 0;
    }
}

void SignInGuard::prune(std::map<std::string, Record>& records, Clock::time_point now) {
    const auto period = std::chrono::seconds(m_settings.lockoutSeconds);
    for (auto i = records.begin(); i != records.end();)
        i = (i->second.lockedUntil < now && now - i->second.lastFailure > period) ? records.erase(i)
                                                                                  : std::next(i);
}

void SignInGuard::failed(const std::string& staffId, const std::string& address) {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    count(m_accounts, staffId, m_settings.accountFailures, now);
    count(m_addresses, address, m_settings.addressFailures, now);
}

void SignInGuard::succeeded(const std::string& staffId) {
    std::lock_guard lock(m_mutex);
    auto a = m_accounts.find(staffId);
    if (a != m_accounts.end() && a->second.lockedUntil < Clock::now())
        m_accounts.erase(a);
}

ReadThrottle::Verdict ReadThrottle::admit(const std::string& tokenHash, const std::string& caseNumber) {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    const auto window = std::chrono::seconds(m_settings.bulkReadSeconds);
    if (m_tokens.size() >= kMaxTracked)
        for (auto i = m_tokens.begin(); i != m_tokens.end();)
            i = (i->second.recent.empty() || now - i->second.recent.back().first > window) ? m_tokens.erase(i)
                                                                                           : std::next(i);
    Reads& reads = m_tokens[tokenHash];
    while (!reads.recent.empty() && now - reads.recent.front().first > window)
        reads.recent.pop_front();
    std::set<std::string> distinct;
    for (const auto& [at, number] : reads.recent)
        distinct.insert(number);
    Verdict verdict;
    if (distinct.count(caseNumber) == 0 &&
        distinct.size() >= static_cast<std::size_t>(m_settings.bulkReadLimit)) {
        verdict.retryAfter =
            std::max<std::int64_t>(1, secondsUntil(reads.recent.front().first + window, now));
        verdict.firstRefusal = !reads.throttled;
        reads.throttled = true;
        return verdict;
    }
    reads.throttled = false;
    reads.recent.emplace_back(now, caseNumber);
    return verdict;
}

} // namespace ywtb::server
