#pragma once
// Loading the working-day calendars from forms/calendar/*.json.

#include "core/error.h"
#include "core/working_calendar.h"

#include <filesystem>
#include <vector>

namespace ywtb::services {

struct CalendarLoadResult {
    core::WorkingCalendar calendar;
    std::vector<core::Error> errors;
    bool ok() const { return errors.empty(); }
};

/// Reads every YYYY.json in `calendarDir`; the file name must match the year it declares.
CalendarLoadResult loadCalendars(const std::filesystem::path& calendarDir);

} // namespace ywtb::services
