#pragma once
// Loading the working-day calendars from forms/calendar/*.json.

#include "core/error.h"
#include "core/working_calendar.h"

#include <filesystem>
#include <string>
#include <vector>

namespace ywtb::services {

struct CalendarLoadResult {
    core::WorkingCalendar calendar;
    std::vector<core::Error> errors;
    bool ok() const { return errors.empty(); }
};

/// A date counted again when a calendar changed (docs/intake.md, "The year boundary"): a case's date, or a
/// bad rating's rectification dates.
struct MovedDate {
    std::string caseNumber;
    std::string field;  ///< "due_promised", "due_statutory", "correction_deadline", or "rectification"
    std::string before; ///< ISO date; a rectification: contact/simple/complex, space-separated
    std::string after;
    bool stillProvisional = false;
};

/// Reads every YYYY.json in `calendarDir`; the file name must match the year it declares.
CalendarLoadResult loadCalendars(const std::filesystem::path& calendarDir);

/// The first and the last year the counter keeps a calendar for on `today`: provisional ones included, so
/// that a time limit running into a year whose notice is not yet out is still counted (docs/intake.md, "The
/// year boundary").
inline constexpr int kProvisionalYearsAhead = 2;

/// Adds, for each year from `firstYear` to `lastYear` that `calendar` has no notice for, a provisional year
/// computed from the statutory holidays (client/almanac, core/provisional_calendar.h).
std::vector<core::Error> addProvisionalYears(core::WorkingCalendar& calendar, int firstYear, int lastYear);

/// The calendar the counter counts on: every notice in `calendarDir`, and provisional years for the year of
/// `today` and the kProvisionalYearsAhead after it that have none.
CalendarLoadResult loadWorkingCalendar(const std::filesystem::path& calendarDir, core::CivilDate today);

} // namespace ywtb::services
