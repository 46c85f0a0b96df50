#include "core/clock.h"

#include <cstdio>

namespace ywtb::core {

std::string utcText(std::chrono::system_clock::time_point at) {
    using namespace std::chrono;
    const auto second = floor<seconds>(at);
    const auto day = floor<days>(second);
    const year_month_day ymd(day);
    const hh_mm_ss time(second - day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text;
}

std::string utcNow(std::int64_t plusSeconds) {
    return utcText(std::chrono::system_clock::now() + std::chrono::seconds(plusSeconds));
}

std::string SystemClock::nowUtc() const {
    return utcNow();
}

CivilDate SystemClock::today() const {
    // China has one time zone without daylight saving: UTC+8 all year.
    const auto shanghai = std::chrono::system_clock::now() + std::chrono::hours(8);
    return CivilDate::fromDays(std::chrono::floor<std::chrono::days>(shanghai));
}

} // namespace ywtb::core
