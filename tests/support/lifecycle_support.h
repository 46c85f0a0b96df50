#pragma once
// What the tests of the case lifecycle share: a date from text, the shipped 2026 working-day calendar, and
// the lifecycle's "now" on a date.

#include "core/case_lifecycle.h"
#include "core/working_calendar.h"
#include "support/temp_dir.h"

namespace ywtb::testing {

inline core::CivilDate day(const char* text) {
    return *core::CivilDate::parse(text);
}

/// forms/calendar/2026.json, read once.
inline const core::WorkingCalendar& calendar2026() {
    static const core::WorkingCalendar loaded = [] {
        auto parsed =
            core::parseCalendarFile(readFile(sourceDir() / "forms/calendar/2026.json"), "2026.json");
        core::WorkingCalendar c;
        c.add(parsed.year);
        return c;
    }();
    return loaded;
}

/// The lifecycle's context on `date` with the 2026 calendar.
inline core::LifecycleContext on(const char* date) {
    return {day(date), &calendar2026()};
}

} // namespace ywtb::testing
