#include "almanac/chinese_almanac.h"

#include <cmath>
#include <libnova/dynamical_time.h>
#include <libnova/lunar.h>
#include <libnova/nutation.h>
#include <libnova/solar.h>
#include <memory>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/simpletz.h>

namespace ywtb::almanac {

using core::CivilDate;
using core::Error;
using core::Message;

namespace {

constexpr double kMillisPerDay = 86400000.0;
constexpr double kBeijingOffsetHours = 8.0;
constexpr double kJulianDayOfUnixEpoch = 2440587.5;

Error icuFailure(UErrorCode status, const std::string& what) {
    return Error{"almanac.icu",
                 Message(N_("the Chinese calendar could not be computed ({what}: {status})"),
                         {{"what", what}, {"status", u_errorName(status)}}),
                 "ICU", Message(N_("check that libicu is installed whole (its data library included)"))};
}

/// ICU's Chinese calendar on Beijing time; the zone is fixed at UTC+8, so no time-zone data is needed.
core::Expected<std::unique_ptr<icu::Calendar>> chineseCalendar() {
    UErrorCode status = U_ZERO_ERROR;
    auto* zone = new icu::SimpleTimeZone(static_cast<int32_t>(kBeijingOffsetHours * 3600 * 1000), "UTC+8");
    std::unique_ptr<icu::Calendar> calendar(
        icu::Calendar::createInstance(zone, icu::Locale("zh_CN@calendar=chinese"), status));
    if (U_FAILURE(status) || !calendar)
        return icuFailure(status, "createInstance");
    return calendar;
}

core::Expected<LunarDate> lunarDateOn(icu::Calendar& calendar, CivilDate date) {
    UErrorCode status = U_ZERO_ERROR;
    // Noon, Beijing time: well inside the day whatever the calendar does at midnight.
    const double days = static_cast<double>(date.days().time_since_epoch().count());
    calendar.setTime(days * kMillisPerDay + (12.0 - kBeijingOffsetHours) * 3600 * 1000, status);
    LunarDate lunar;
    lunar.month = calendar.get(UCAL_MONTH, status) + 1;
    lunar.day = calendar.get(UCAL_DATE, status);
    lunar.leapMonth = calendar.get(UCAL_IS_LEAP_MONTH, status) != 0;
    if (U_FAILURE(status))
        return icuFailure(status, date.iso());
    return lunar;
}

double julianDayOfBeijingMidnight(CivilDate date) {
    return kJulianDayOfUnixEpoch + static_cast<double>(date.days().time_since_epoch().count()) -
           kBeijingOffsetHours / 24.0;
}

CivilDate beijingDateOf(double jdUt) {
    const auto days = static_cast<int>(std::floor(jdUt - kJulianDayOfUnixEpoch + kBeijingOffsetHours / 24.0));
    return CivilDate::fromDays(std::chrono::sys_days(std::chrono::days(days)));
}

/// The sun's geometric longitude referred to the J2000 ecliptic and equinox, as libnova's VSOP87 gives it,
/// and the earth-sun distance in AU. libnova runs its theories on dynamical time: ln_get_jde adds ΔT.
std::pair<double, double> solarJ2000(double jdUt) {
    ln_helio_posn position{};
    ln_get_solar_geom_coords(ln_get_jde(jdUt), &position);
    return {position.L, position.R};
}

/// The sun's apparent ecliptic longitude (degrees) of the equinox of date at `jdUt` (Meeus, Astronomical
/// Algorithms, ch. 25): libnova's geometric longitude is of J2000 (its ln_get_solar_ecl_coords and
/// ln_get_ecl_prec leave the equinox there, 0.3° and 7 hours off in 2021), so the general precession in
/// longitude (IAU 1976, Meeus 21.5) is added, then the nutation in longitude and the aberration.
double apparentSolarLongitude(double jdUt) {
    const double jde = ln_get_jde(jdUt);
    const auto [longitude, distance] = solarJ2000(jdUt);
    const double t = (jde - 2451545.0) / 36525.0;
    const double precession = (5029.0966 * t + 1.11113 * t * t) / 3600.0;
    ln_nutation nutation{};
    ln_get_nutation(jde, &nutation);
    return std::fmod(longitude + precession + nutation.longitude - 20.4898 / 3600.0 / distance + 720.0,
                     360.0);
}

/// The moon's longitude less the sun's, in (-180°, 180°], both of libnova in the same (J2000) frame; 0 at the
/// new moon. The sun's aberration (20.5″, 40 seconds of the moon's motion) is taken off as for the apparent
/// sun.
double elongation(double jdUt) {
    ln_lnlat_posn moon{};
    ln_get_lunar_ecl_coords(ln_get_jde(jdUt), &moon, 0);
    const auto [sun, distance] = solarJ2000(jdUt);
    const double d = std::fmod(moon.lng - (sun - 20.4898 / 3600.0 / distance) + 540.0, 360.0) - 180.0;
    return d;
}

/// The Beijing day of the new moon nearest to `near` (within a few days): the day a lunar month begins.
CivilDate newMoonDayNear(CivilDate near) {
    double low = julianDayOfBeijingMidnight(near) - 4.0;
    double high = low + 8.0;
    // The elongation grows about 12° a day, so within ±4 days of a new moon it crosses 0 once, from below.
    for (int i = 0; i < 50; ++i) {
        const double middle = (low + high) / 2;
        (elongation(middle) < 0 ? low : high) = middle;
    }
    return beijingDateOf(low);
}

} // namespace

core::Expected<LunarDate> lunarDateOf(CivilDate date) {
    auto calendar = chineseCalendar();
    if (!calendar)
        return calendar.error();
    return lunarDateOn(**calendar, date);
}

core::Expected<CivilDate> gregorianDayOf(int year, int month, int day) {
    auto calendar = chineseCalendar();
    if (!calendar)
        return calendar.error();
    // Lunar month m never begins before 21 January + (m - 1) synodic months; start the walk a little before.
    const CivilDate first =
        CivilDate(std::chrono::year{year} / std::chrono::January / 1).plusDays((month - 1) * 29);
    const CivilDate last(std::chrono::year{year} / std::chrono::December / 31);
    for (auto date = first; date <= last; date = date.plusDays(1)) {
        auto lunar = lunarDateOn(**calendar, date);
        if (!lunar)
            return lunar.error();
        // ICU names the month; its own new moons are approximate (it puts 2027's 正月初一 on 7 February, the
        // new moon being at 23:56 Beijing time on the 6th), so the first day is the day of libnova's new
        // moon.
        if (lunar->month == month && !lunar->leapMonth && lunar->day <= 3) {
            const auto monthBegins = newMoonDayNear(date.plusDays(1 - lunar->day));
            return monthBegins.plusDays(day - 1);
        }
    }
    return Error{
        "almanac.no_lunar_day",
        Message(
            N_("lunar month {month} day {day} does not fall in {year}"),
            {{"month", std::to_string(month)}, {"day", std::to_string(day)}, {"year", std::to_string(year)}}),
        {},
        {}};
}

core::Expected<CivilDate> qingmingDay(int year) {
    // 清明 is on 4 or 5 April (rarely the 3rd or 6th): the day at whose start the longitude is still below
    // 15° and at whose end it has reached it. 15° is far from the 360°/0° wrap, so no unwrapping is needed.
    for (CivilDate date(std::chrono::year{year} / std::chrono::April / 2);
         date <= CivilDate(std::chrono::year{year} / std::chrono::April / 8); date = date.plusDays(1))
        if (apparentSolarLongitude(julianDayOfBeijingMidnight(date)) < 15.0 &&
            apparentSolarLongitude(julianDayOfBeijingMidnight(date.plusDays(1))) >= 15.0)
            return date;
    return Error{"almanac.no_qingming",
                 Message(N_("the 清明 solar term of {year} was not found in early April"),
                         {{"year", std::to_string(year)}}),
                 "libnova",
                 {}};
}

core::Expected<core::StatutoryHolidayDates> statutoryHolidayDates(int year) {
    core::StatutoryHolidayDates dates;
    dates.year = year;
    auto springFestival = gregorianDayOf(year, 1, 1);
    if (!springFestival)
        return springFestival.error();
    auto qingming = qingmingDay(year);
    if (!qingming)
        return qingming.error();
    auto dragonBoat = gregorianDayOf(year, 5, 5);
    if (!dragonBoat)
        return dragonBoat.error();
    auto midAutumn = gregorianDayOf(year, 8, 15);
    if (!midAutumn)
        return midAutumn.error();
    dates.springFestival = *springFestival;
    dates.qingming = *qingming;
    dates.dragonBoat = *dragonBoat;
    dates.midAutumn = *midAutumn;
    return dates;
}

} // namespace ywtb::almanac
