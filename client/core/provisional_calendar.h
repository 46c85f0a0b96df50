#pragma once
// A provisional working-day calendar for a year whose State Council notice is not yet in the data: the
// statutory holidays of 《全国年节及纪念日放假办法》 (as amended by decree No. 795, 2024) with 补假 for those
// on a weekend, and no 调休 working weekends (only the notice can say which). Rules only: the lunar and
// solar-term dates are computed elsewhere (client/almanac) and passed in.

#include "core/case.h"
#include "core/civil_date.h"
#include "core/working_calendar.h"

#include <string>
#include <vector>

namespace ywtb::core {

/// The days of a year the holidays hang on that no fixed date gives.
struct StatutoryHolidayDates {
    int year = 0;
    CivilDate springFestival; ///< 农历正月初一; 除夕 is the day before
    CivilDate qingming;       ///< the day of the 清明 solar term, Beijing time
    CivilDate dragonBoat;     ///< 农历五月初五
    CivilDate midAutumn;      ///< 农历八月十五
};

/// The statutory holidays of `dates.year` with their 补假, marked provisional, without working weekends.
CalendarYear provisionalCalendarYear(const StatutoryHolidayDates& dates);

/// A date of a case counted again on a newer calendar.
struct RecountedDate {
    std::string field; ///< "correction_deadline", "due_statutory", "due_promised"
    CivilDate before;
    CivilDate after;
    bool stillProvisional = false;
};

/// Counts again, on `calendar`, every date of `c` that was counted provisionally, from the day it was counted
/// from (receipt, acceptance) with the case's own limits; updates `c` and returns what changed (a date, or
/// only its provisional mark). An error when `calendar` lacks a year a date needs; `c` is then unchanged.
Expected<std::vector<RecountedDate>> recountProvisionalDates(Case& c, const WorkingCalendar& calendar);

} // namespace ywtb::core
