#include "core/civil_date.h"

#include <cstdio>

namespace ywtb::core {

CivilDate CivilDate::fromDays(std::chrono::sys_days days) {
    CivilDate d;
    d.m_days = days;
    return d;
}

Expected<CivilDate> CivilDate::fromNumbers(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                          std::chrono::day(day)};
    if (year < 1 || year > 9999 || !ymd.ok()) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, day);
        return Error{"date.invalid",
                     Message(N_("{date} is not a date in the calendar"), {{"date", text}}),
                     {},
                     Message(N_("check the year, month and day"))};
    }
    return CivilDate(ymd);
}

Expected<CivilDate> CivilDate::parse(std::string_view text) {
    const auto digits = [&](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i)
            value = value * 10 + (text[i] - '0');
        return value;
    };
    bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i = 0; shaped && i < text.size(); ++i)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            shaped = false;
    if (!shaped)
        return Error{
            "date.format",
            Message(N_("'{text}' is not a date written as YYYY-MM-DD"), {{"text", std::string(text)}}),
            {},
            Message(N_("write the date as year-month-day, e.g. 2026-09-28"))};
    return fromNumbers(digits(0, 4), static_cast<unsigned>(digits(5, 2)),
                       static_cast<unsigned>(digits(8, 2)));
}

std::string CivilDate::iso() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", year(), month(), day());
    return text;
}

} // namespace ywtb::core
