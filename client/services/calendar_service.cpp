#include "services/calendar_service.h"

#include "almanac/chinese_almanac.h"
#include "core/provisional_calendar.h"
#include "services/text_file.h"

namespace ywtb::services {

using core::Error;
using core::Message;

CalendarLoadResult loadCalendars(const std::filesystem::path& calendarDir) {
    CalendarLoadResult result;
    auto files = jsonFilesAt(calendarDir);
    if (!files) {
        result.errors.push_back(files.error());
        return result;
    }
    for (const auto& file : *files) {
        auto text = readTextFile(file);
        if (!text) {
            result.errors.push_back(text.error());
            continue;
        }
        auto parsed = core::parseCalendarFile(*text, file.string());
        if (!parsed.ok()) {
            result.errors.insert(result.errors.end(), parsed.errors.begin(), parsed.errors.end());
            continue;
        }
        if (file.stem().string() != std::to_string(parsed.year.year)) {
            result.errors.push_back(Error{
                "calendar.file_name",
                Message(N_("the file declares the year {year} but is named {name}"),
                        {{"year", std::to_string(parsed.year.year)}, {"name", file.filename().string()}}),
                file.string(), Message(N_("name each calendar file after its year, e.g. 2026.json"))});
            continue;
        }
        if (auto added = result.calendar.add(parsed.year); !added)
            result.errors.push_back(
                Error{added.error().code, added.error().what, file.string(), added.error().fix});
    }
    return result;
}

std::vector<core::Error> addProvisionalYears(core::WorkingCalendar& calendar, int firstYear, int lastYear) {
    std::vector<core::Error> errors;
    for (int year = firstYear; year <= lastYear; ++year) {
        if (calendar.knowsYear(year))
            continue;
        auto dates = almanac::statutoryHolidayDates(year);
        if (!dates) {
            errors.push_back(dates.error());
            continue;
        }
        if (auto added = calendar.add(core::provisionalCalendarYear(*dates)); !added)
            errors.push_back(added.error());
    }
    return errors;
}

CalendarLoadResult loadWorkingCalendar(const std::filesystem::path& calendarDir, core::CivilDate today) {
    auto result = loadCalendars(calendarDir);
    if (!result.ok())
        return result;
    result.errors = addProvisionalYears(result.calendar, today.year(), today.year() + kProvisionalYearsAhead);
    return result;
}

} // namespace ywtb::services
