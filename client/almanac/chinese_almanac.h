#pragma once
// The days of the Chinese calendar the statutory holidays hang on, computed by well-kept libraries rather
// than typed from tables: lunar dates by ICU's Chinese calendar, the 清明 solar term by libnova's solar
// position. Both count days at Beijing time (UTC+8), the meridian of the Chinese calendar (GB/T 33661-2017).

#include "core/civil_date.h"
#include "core/error.h"
#include "core/provisional_calendar.h"

namespace ywtb::almanac {

/// A day of the Chinese lunisolar calendar.
struct LunarDate {
    int month = 0; ///< 1 = 正月 … 12 = 腊月
    int day = 0;   ///< 1 = 初一 … 30
    bool leapMonth = false;
};

/// The lunar date of a Gregorian day.
core::Expected<LunarDate> lunarDateOf(core::CivilDate date);

/// The Gregorian day in `year` of the lunar `month`/`day` (not a leap month): 1/1 春节, 5/5 端午, 8/15 中秋.
core::Expected<core::CivilDate> gregorianDayOf(int year, int month, int day);

/// The day of the 清明 solar term in `year`: the day the sun's apparent ecliptic longitude reaches 15°.
core::Expected<core::CivilDate> qingmingDay(int year);

/// Every day of `year` the statutory holidays need beyond fixed dates (core::provisionalCalendarYear).
core::Expected<core::StatutoryHolidayDates> statutoryHolidayDates(int year);

} // namespace ywtb::almanac
