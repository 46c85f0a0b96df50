#include "server/fault_injection.h"

#include <Poco/StringTokenizer.h>
#include <charconv>

namespace ywtb::server {

namespace {

bool parseNumber(const std::string& text, std::int64_t& number, std::int64_t max) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size() && number >= 1 &&
           number <= max;
}

} // namespace

bool FaultPlan::configure(const std::string& spec, std::string& problem) {
    FaultPlan& plan = *this;
    Poco::StringTokenizer parts(spec, ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& part : parts) {
        const auto equals = part.find('=');
        const std::string name = part.substr(0, equals);
        const std::string value = equals == std::string::npos ? "" : part.substr(equals + 1);
        std::int64_t every = 0;
        if (name == "slow") {
            const auto colon = value.find(':');
            std::int64_t ms = 0;
            if (colon == std::string::npos || !parseNumber(value.substr(0, colon), every, 1000000) ||
                !parseNumber(value.substr(colon + 1), ms, 600000)) {
                problem = "'" + part + "' must be slow=N:MILLISECONDS, e.g. slow=5:3000";
                return false;
            }
            plan.m_slow = every;
            plan.m_slowMs = static_cast<int>(ms);
            continue;
        }
        if (!parseNumber(value, every, 1000000)) {
            problem = "'" + part + "' must be NAME=N with N a whole number from 1 (every request) up";
            return false;
        }
        if (name == "error")
            plan.m_error = every;
        else if (name == "drop")
            plan.m_drop = every;
        else if (name == "garble")
            plan.m_garble = every;
        else {
            problem = "unknown fault '" + name + "': use error, drop, garble or slow";
            return false;
        }
    }
    return true;
}

Fault FaultPlan::next() {
    const auto n = ++m_count;
    if (m_error && n % m_error == 0)
        return Fault::Error;
    if (m_drop && n % m_drop == 0)
        return Fault::Drop;
    if (m_garble && n % m_garble == 0)
        return Fault::Garble;
    if (m_slow && n % m_slow == 0)
        return Fault::Slow;
    return Fault::None;
}

} // namespace ywtb::server
