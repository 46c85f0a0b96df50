#include "services/clock.h"

#include <chrono>
#include <cstdio>

namespace ywtb::services {

std::string SystemClock::nowUtc() const {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto day = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::year_month_day ymd(day);
    const std::chrono::hh_mm_ss time(now - day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return text;
}

core::CivilDate SystemClock::today() const {
    // China has one time zone without daylight saving: UTC+8 all year.
    const auto shanghai = std::chrono::system_clock::now() + std::chrono::hours(8);
    return core::CivilDate::fromDays(std::chrono::floor<std::chrono::days>(shanghai));
}

} // namespace ywtb::services
