#pragma once
// Time as the counter, its services, the sync engine and the server see it: one reading of the system clock,
// one text form, and a clock tests can fix ("today" for deadlines and birth dates, "now" for audit times).

#include "core/civil_date.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace ywtb::core {

/// `at` as ISO 8601 UTC to the second, e.g. 2026-11-28T20:41:07Z (the calendar of <chrono>, the same on every
/// platform).
std::string utcText(std::chrono::system_clock::time_point at);
/// The system's now, `plusSeconds` ahead, as utcText writes it: for code that is handed no Clock (the sync
/// engine's notes, the server's expiry times).
std::string utcNow(std::int64_t plusSeconds = 0);

class Clock {
public:
    virtual ~Clock() = default;
    /// The current instant as ISO 8601 UTC, e.g. 2026-11-28T20:41:07Z.
    virtual std::string nowUtc() const = 0;
    /// Today's date in Shanghai (UTC+8), the date printed on notices and used for deadlines.
    virtual CivilDate today() const = 0;
};

class SystemClock : public Clock {
public:
    std::string nowUtc() const override;
    CivilDate today() const override;
};

/// A clock that always says the same thing.
class FixedClock : public Clock {
public:
    FixedClock(CivilDate today, std::string nowUtc) : m_today(today), m_now(std::move(nowUtc)) {}
    std::string nowUtc() const override { return m_now; }
    CivilDate today() const override { return m_today; }

private:
    CivilDate m_today;
    std::string m_now;
};

} // namespace ywtb::core
