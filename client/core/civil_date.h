#pragma once
// Calendar dates without time zones, as the counter's paperwork uses them.

#include "core/error.h"

#include <chrono>
#include <string>
#include <string_view>

namespace ywtb::core {

/// A day in the proleptic Gregorian calendar.
class CivilDate {
public:
    CivilDate() = default;
    explicit CivilDate(std::chrono::year_month_day ymd) : m_days(std::chrono::sys_days(ymd)) {}
    static CivilDate fromDays(std::chrono::sys_days days);

    /// Parses "YYYY-MM-DD"; a date that does not exist (2026-02-30) is an error.
    static Expected<CivilDate> parse(std::string_view text);
    /// Builds a date from numbers; invalid numbers give an error.
    static Expected<CivilDate> fromNumbers(int year, unsigned month, unsigned day);

    int year() const { return static_cast<int>(ymd().year()); }
    unsigned month() const { return static_cast<unsigned>(ymd().month()); }
    unsigned day() const { return static_cast<unsigned>(ymd().day()); }
    std::chrono::year_month_day ymd() const { return std::chrono::year_month_day(m_days); }
    std::chrono::sys_days days() const { return m_days; }
    /// ISO weekday: Monday = 1 … Sunday = 7.
    unsigned isoWeekday() const { return std::chrono::weekday(m_days).iso_encoding(); }
    bool isWeekend() const { return isoWeekday() >= 6; }

    CivilDate plusDays(int n) const { return fromDays(m_days + std::chrono::days(n)); }
    /// "YYYY-MM-DD".
    std::string iso() const;

    auto operator<=>(const CivilDate&) const = default;

private:
    std::chrono::sys_days m_days{};
};

} // namespace ywtb::core
