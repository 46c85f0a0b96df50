#include "core/working_calendar.h"

#include "core/json_reader.h"

#include <algorithm>

namespace ywtb::core {
namespace {

// A year's notice may reach into the neighbouring months: New Year holidays that start on 30 December.
bool nearYear(CivilDate date, int year) {
    if (date.year() == year)
        return true;
    return (date.year() == year - 1 && date.month() == 12) || (date.year() == year + 1 && date.month() == 1);
}

std::optional<CivilDate> readDate(JsonObjectReader& r, const std::string& key, int year) {
    const auto text = r.text(key);
    if (text.empty())
        return std::nullopt;
    auto date = CivilDate::parse(text);
    if (!date) {
        r.problem(key, "calendar.date", date.error().what, date.error().fix);
        return std::nullopt;
    }
    if (year != 0 && !nearYear(*date, year)) {
        r.problem(key, "calendar.date_outside_year",
                  Message(N_("{date} is not in {year}, the year of this file"),
                          {{"date", date->iso()}, {"year", std::to_string(year)}}),
                  Message(N_("put the date in the file of its own year")));
        return std::nullopt;
    }
    return *date;
}

} // namespace

CalendarFileResult parseCalendarFile(std::string_view text, const std::string& file) {
    CalendarFileResult result;
    JsonProblems problems(file);
    auto opened =
        openDataFile(text, problems, {"ywtb-calendar", 1, "calendar", N_("a working-day calendar")});
    if (!opened) {
        result.errors = problems.errors();
        return result;
    }
    auto& top = *opened;
    auto& out = result.year;
    out.year = static_cast<int>(top.integer("year", 2000, 2200).value_or(0));
    out.source = top.text("source");
    for (auto& h : top.objects("holidays", Presence::Required, 1)) {
        CalendarYear::Holiday holiday;
        holiday.name = h.text("name");
        auto from = readDate(h, "from", out.year);
        auto to = readDate(h, "to", out.year);
        h.finish();
        if (!from || !to)
            continue;
        if (*to < *from) {
            h.problem("to", "calendar.range",
                      Message(N_("the holiday ends ({to}) before it starts ({from})"),
                              {{"from", from->iso()}, {"to", to->iso()}}),
                      Message(N_("swap the two dates")));
            continue;
        }
        holiday.from = *from;
        holiday.to = *to;
        out.holidays.push_back(std::move(holiday));
    }
    for (auto& w : top.objects("working_weekend_days", Presence::Required, 0)) {
        CalendarYear::WorkingWeekendDay day;
        auto date = readDate(w, "date", out.year);
        day.forHoliday = w.text("for");
        w.finish();
        if (!date)
            continue;
        if (!date->isWeekend()) {
            w.problem(
                "date", "calendar.not_weekend",
                Message(N_("{date} is a weekday, so it is a working day already"), {{"date", date->iso()}}),
                Message(N_("list only the Saturdays and Sundays the notice turns into working days")));
            continue;
        }
        day.date = *date;
        out.workingWeekendDays.push_back(std::move(day));
    }
    top.finish();
    result.errors = problems.errors();
    return result;
}

Expected<Done> WorkingCalendar::add(const CalendarYear& year) {
    if (m_years.count(year.year))
        return Error{
            "calendar.duplicate_year",
            Message(N_("the calendar for {year} is loaded twice"), {{"year", std::to_string(year.year)}}),
            year.source, Message(N_("keep one file per year"))};
    std::map<CivilDate, std::string> holidays = m_holidays;
    std::map<CivilDate, std::string> working = m_workingWeekendDays;
    for (const auto& h : year.holidays)
        for (auto d = h.from; d <= h.to; d = d.plusDays(1))
            holidays.emplace(d, h.name);
    for (const auto& w : year.workingWeekendDays)
        working.emplace(w.date, w.forHoliday);
    for (const auto& [date, name] : working)
        if (holidays.count(date))
            return Error{"calendar.conflict",
                         Message(N_("{date} is listed both as a holiday and as a working day"),
                                 {{"date", date.iso()}}),
                         std::to_string(year.year),
                         Message(N_("check the dates against the State Council notice"))};
    m_holidays = std::move(holidays);
    m_workingWeekendDays = std::move(working);
    m_years.emplace(year.year, year.source);
    if (year.provisional)
        m_provisional.insert(year.year);
    return Done{};
}

bool WorkingCalendar::countsProvisionally(CivilDate from, CivilDate to) const {
    const int first = std::min(from.year(), to.year());
    const int last = std::max(from.year(), to.year());
    for (int y = first; y <= last; ++y)
        if (isProvisional(y))
            return true;
    return false;
}

std::vector<int> WorkingCalendar::years() const {
    std::vector<int> out;
    for (const auto& entry : m_years)
        out.push_back(entry.first);
    return out;
}

Error WorkingCalendar::missingYear(int year) const {
    const auto y = std::to_string(year);
    return Error{
        "calendar.missing_year",
        Message(N_("there is no working-day calendar for {year}"), {{"year", y}}),
        {},
        Message(N_("add forms/calendar/{year}.json from the State Council's holiday notice for {year}"),
                {{"year", y}})};
}

Expected<bool> WorkingCalendar::isWorkingDay(CivilDate date) const {
    if (!knowsYear(date.year()))
        return missingYear(date.year());
    if (m_workingWeekendDays.count(date))
        return true;
    return !date.isWeekend() && !m_holidays.count(date);
}

Expected<CivilDate> WorkingCalendar::workingDaysAfter(CivilDate from, int days) const {
    if (!knowsYear(from.year()))
        return missingYear(from.year());
    if (days < 0)
        return Error{
            "calendar.negative",
            Message(N_("a time limit cannot be {days} working days"), {{"days", std::to_string(days)}}),
            {},
            Message(N_("give zero or more working days"))};
    CivilDate date = from;
    for (int counted = 0; counted < days;) {
        date = date.plusDays(1);
        auto working = isWorkingDay(date);
        if (!working)
            return working.error();
        if (*working)
            ++counted;
    }
    return date;
}

Expected<int> WorkingCalendar::workingDaysBetween(CivilDate from, CivilDate to) const {
    int count = 0;
    for (auto date = from.plusDays(1); date <= to; date = date.plusDays(1)) {
        auto working = isWorkingDay(date);
        if (!working)
            return working.error();
        count += *working ? 1 : 0;
    }
    return count;
}

} // namespace ywtb::core
