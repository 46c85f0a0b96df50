#include "almanac/chinese_almanac.h"

#include <catch2/catch.hpp>

using namespace ywtb;

namespace {
std::string iso(const core::Expected<core::CivilDate>& date) {
    REQUIRE(date.ok());
    return date->iso();
}
} // namespace

// The real dates of the State Council's notices and the published almanac, 2020–2026.
TEST_CASE("almanac: 清明 is the day the sun's apparent longitude reaches 15°, Beijing time", "[almanac]") {
    const std::pair<int, const char*> known[] = {
        {2020, "2020-04-04"}, {2021, "2021-04-04"}, {2022, "2022-04-05"}, {2023, "2023-04-05"},
        {2024, "2024-04-04"}, {2025, "2025-04-04"}, {2026, "2026-04-05"}, {2027, "2027-04-05"}};
    for (const auto& [year, day] : known) {
        INFO(year);
        CHECK(iso(almanac::qingmingDay(year)) == day);
    }
}

TEST_CASE("almanac: 春节 (正月初一) from ICU's Chinese calendar", "[almanac]") {
    const std::pair<int, const char*> known[] = {
        {2020, "2020-01-25"}, {2021, "2021-02-12"}, {2022, "2022-02-01"}, {2023, "2023-01-22"},
        {2024, "2024-02-10"}, {2025, "2025-01-29"}, {2026, "2026-02-17"}, {2027, "2027-02-06"}};
    for (const auto& [year, day] : known) {
        INFO(year);
        CHECK(iso(almanac::gregorianDayOf(year, 1, 1)) == day);
    }
}

TEST_CASE("almanac: 端午 and 中秋 from ICU's Chinese calendar", "[almanac]") {
    CHECK(iso(almanac::gregorianDayOf(2025, 5, 5)) == "2025-05-31");
    CHECK(iso(almanac::gregorianDayOf(2026, 5, 5)) == "2026-06-19");
    CHECK(iso(almanac::gregorianDayOf(2027, 5, 5)) == "2027-06-09");
    CHECK(iso(almanac::gregorianDayOf(2025, 8, 15)) == "2025-10-06");
    CHECK(iso(almanac::gregorianDayOf(2026, 8, 15)) == "2026-09-25");
    CHECK(iso(almanac::gregorianDayOf(2027, 8, 15)) == "2027-09-15");
}

TEST_CASE("almanac: a lunar date of a Gregorian day, leap months told apart", "[almanac]") {
    auto eve = almanac::lunarDateOf(*core::CivilDate::parse("2026-02-16"));
    REQUIRE(eve.ok());
    CHECK(eve->month == 12);
    CHECK(eve->day == 29); // 2025's 腊月 has 29 days: 除夕 is 廿九
    auto leap = almanac::lunarDateOf(*core::CivilDate::parse("2025-08-01")); // 闰六月初八
    REQUIRE(leap.ok());
    CHECK(leap->month == 6);
    CHECK(leap->leapMonth);
}

TEST_CASE("almanac: the statutory dates of 2027 for a provisional calendar", "[almanac]") {
    auto dates = almanac::statutoryHolidayDates(2027);
    REQUIRE(dates.ok());
    CHECK(dates->springFestival.iso() == "2027-02-06");
    CHECK(dates->qingming.iso() == "2027-04-05");
    CHECK(dates->dragonBoat.iso() == "2027-06-09");
    CHECK(dates->midAutumn.iso() == "2027-09-15");
}
