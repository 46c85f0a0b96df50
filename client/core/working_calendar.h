#pragma once
// Working days on the Chinese public-holiday calendar, make-up working days included (调休).

#include "core/civil_date.h"
#include "core/error.h"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// One year's arrangement as the State Council publishes it each November.
struct CalendarYear {
    struct Holiday {
        std::string name;
        CivilDate from, to; ///< inclusive
    };
    struct WorkingWeekendDay {
        CivilDate date;
        std::string forHoliday;
    };
    int year = 0;
    std::string source;
    /// Computed from the statutory holidays (core/provisional_calendar.h) while the notice is not in the
    /// data: dates counted on it are provisional and are counted again when the notice arrives.
    bool provisional = false;
    std::vector<Holiday> holidays;
    std::vector<WorkingWeekendDay> workingWeekendDays;
};

struct CalendarFileResult {
    CalendarYear year;
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};

/// Parses forms/calendar/YYYY.json ("ywtb-calendar", format_version 1).
CalendarFileResult parseCalendarFile(std::string_view text, const std::string& file);

/// The calendar of the years loaded so far; a date in another year is an error, never a guess.
class WorkingCalendar {
public:
    /// Adds a year; fails when that year is already there or a day is both a holiday and a working day.
    Expected<Done> add(const CalendarYear& year);
    bool knowsYear(int year) const { return m_years.count(year) > 0; }
    std::vector<int> years() const;
    /// Whether `year` is loaded from the statutory holidays only, not from the State Council's notice.
    bool isProvisional(int year) const { return m_provisional.count(year) > 0; }
    /// Whether counting from `from` to `to` crosses a provisional year, so the date it gave is provisional.
    bool countsProvisionally(CivilDate from, CivilDate to) const;

    /// Whether staff work on `date`: a weekday that is no holiday, or a make-up working day.
    Expected<bool> isWorkingDay(CivilDate date) const;
    /// The date `days` working days after `from`, `from` itself not counted (0 gives `from`).
    Expected<CivilDate> workingDaysAfter(CivilDate from, int days) const;
    /// How many working days lie after `from` up to and including `to` (0 when `to` <= `from`).
    Expected<int> workingDaysBetween(CivilDate from, CivilDate to) const;

private:
    Error missingYear(int year) const;

    std::map<int, std::string> m_years; ///< year → source
    std::set<int> m_provisional;
    std::map<CivilDate, std::string> m_holidays;
    std::map<CivilDate, std::string> m_workingWeekendDays;
};

} // namespace ywtb::core
