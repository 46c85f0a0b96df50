#pragma once
// Time as the services see it, so that tests can fix "today" (deadlines, birth dates, audit times).

#include "core/civil_date.h"

#include <string>

namespace ywtb::services {

class Clock {
public:
    virtual ~Clock() = default;
    /// The current instant as ISO 8601 UTC, e.g. 2026-11-28T20:41:07Z.
    virtual std::string nowUtc() const = 0;
    /// Today's date in Shanghai (UTC+8), the date printed on notices and used for deadlines.
    virtual core::CivilDate today() const = 0;
};

class SystemClock : public Clock {
public:
    std::string nowUtc() const override;
    core::CivilDate today() const override;
};

/// A clock that always says the same thing.
class FixedClock : public Clock {
public:
    FixedClock(core::CivilDate today, std::string nowUtc) : m_today(today), m_now(std::move(nowUtc)) {}
    std::string nowUtc() const override { return m_now; }
    core::CivilDate today() const override { return m_today; }

private:
    core::CivilDate m_today;
    std::string m_now;
};

/// Who is acting, for the audit log.
struct Actor {
    std::string staff;
    std::string window;
};

} // namespace ywtb::services
