#include "core/working_calendar.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {

WorkingCalendar shipped2026() {
    const auto text =
        ywtb::testing::readFile(ywtb::testing::sourceDir() / "forms" / "calendar" / "2026.json");
    auto parsed = parseCalendarFile(text, "2026.json");
    REQUIRE(parsed.ok());
    WorkingCalendar calendar;
    REQUIRE(calendar.add(parsed.year).ok());
    return calendar;
}

CivilDate day(const char* text) {
    return *CivilDate::parse(text);
}

std::string after(const WorkingCalendar& calendar, const char* from, int days) {
    auto due = calendar.workingDaysAfter(day(from), days);
    REQUIRE(due.ok());
    return due->iso();
}

std::string calendarJson(const std::string& holidays, const std::string& working) {
    return R"({"format": "ywtb-calendar", "format_version": 1, "year": 2026, "source": "test",
               "holidays": [)" +
           holidays + R"(], "working_weekend_days": [)" + working + "]}";
}

} // namespace

TEST_CASE("5 working days after 2026-09-28 skip National Day and count the make-up Saturday", "[calendar]") {
    CHECK(after(shipped2026(), "2026-09-28", 5) == "2026-10-10");
}

TEST_CASE("the starting day itself is not counted", "[calendar]") {
    auto calendar = shipped2026();
    CHECK(after(calendar, "2026-11-23", 1) == "2026-11-24"); // Monday → Tuesday
    CHECK(after(calendar, "2026-11-27", 1) == "2026-11-30"); // Friday → Monday
    CHECK(after(calendar, "2026-11-28", 0) == "2026-11-28");
}

TEST_CASE("the Spring Festival week and its two make-up Saturdays", "[calendar]") {
    auto calendar = shipped2026();
    CHECK(after(calendar, "2026-02-12", 1) == "2026-02-13");
    CHECK(after(calendar, "2026-02-13", 1) == "2026-02-14"); // Saturday 14 Feb is a working day
    CHECK(after(calendar, "2026-02-14", 1) == "2026-02-24"); // 15–23 Feb off
    CHECK(*calendar.isWorkingDay(day("2026-02-28")));
    CHECK_FALSE(*calendar.isWorkingDay(day("2026-03-01")));
}

TEST_CASE("the default 20-working-day limit of the Administrative Licensing Law over Labour Day",
          "[calendar]") {
    // 30 Apr (Thu): May 1–5 off, May 9 (Sat) worked; counted by hand: the 20th working day is Mon 1 June.
    CHECK(after(shipped2026(), "2026-04-30", 20) == "2026-06-01");
    CHECK(after(shipped2026(), "2026-04-30", 4) == "2026-05-09");
}

TEST_CASE("working days between two dates", "[calendar]") {
    auto calendar = shipped2026();
    CHECK(*calendar.workingDaysBetween(day("2026-09-28"), day("2026-10-10")) == 5);
    CHECK(*calendar.workingDaysBetween(day("2026-10-10"), day("2026-09-28")) == 0);
}

TEST_CASE("a date outside the known years names the missing year", "[calendar]") {
    auto calendar = shipped2026();
    auto crossing = calendar.workingDaysAfter(day("2026-12-28"), 10);
    REQUIRE_FALSE(crossing.ok());
    CHECK(crossing.error().code == "calendar.missing_year");
    CHECK_THAT(crossing.error().str(),
               Catch::Contains("2027") && Catch::Contains("forms/calendar/2027.json"));
    CHECK(calendar.workingDaysAfter(day("2025-06-02"), 1).error().code == "calendar.missing_year");
    CHECK(calendar.isWorkingDay(day("2030-01-02")).error().code == "calendar.missing_year");
}

TEST_CASE("adding a year is a data change: a second file extends the calendar", "[calendar]") {
    auto calendar = shipped2026();
    auto next =
        parseCalendarFile(R"({"format": "ywtb-calendar", "format_version": 1, "year": 2027, "source": "test",
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}], "working_weekend_days": []})",
                          "2027.json");
    REQUIRE(next.ok());
    REQUIRE(calendar.add(next.year).ok());
    CHECK(after(calendar, "2026-12-31", 1) == "2027-01-04");
    CHECK(calendar.add(next.year).error().code == "calendar.duplicate_year");
}

TEST_CASE("a make-up day on a weekday, a reversed range and a date in another year are refused",
          "[calendar]") {
    auto weekday =
        parseCalendarFile(calendarJson(R"({"name": "x", "from": "2026-10-01", "to": "2026-10-07"})",
                                       R"({"date": "2026-10-09", "for": "x"})"),
                          "c.json");
    REQUIRE(weekday.errors.size() == 1);
    CHECK(weekday.errors[0].code == "calendar.not_weekend");
    CHECK_THAT(weekday.errors[0].where, Catch::Contains("$.working_weekend_days[0].date"));
    CHECK(weekday.errors[0].where.rfind("c.json:2 ", 0) ==
          0); // the test's JSON keeps that array on its second line

    auto reversed = parseCalendarFile(
        calendarJson(R"({"name": "x", "from": "2026-10-07", "to": "2026-10-01"})", ""), "c.json");
    CHECK(reversed.errors.at(0).code == "calendar.range");

    auto elsewhere =
        parseCalendarFile(calendarJson(R"({"name": "x", "from": "2026-06-01", "to": "2026-06-02"})",
                                       R"({"date": "2028-01-08", "for": "x"})"),
                          "c.json");
    CHECK(elsewhere.errors.at(0).code == "calendar.date_outside_year");
}

TEST_CASE("a day both off and worked is a conflict", "[calendar]") {
    auto conflicting =
        parseCalendarFile(calendarJson(R"({"name": "x", "from": "2026-10-01", "to": "2026-10-11"})",
                                       R"({"date": "2026-10-10", "for": "x"})"),
                          "c.json");
    REQUIRE(conflicting.ok());
    WorkingCalendar calendar;
    CHECK(calendar.add(conflicting.year).error().code == "calendar.conflict");
    CHECK_FALSE(calendar.knowsYear(2026)); // nothing half-added
}

TEST_CASE("a negative limit is refused", "[calendar]") {
    CHECK(shipped2026().workingDaysAfter(day("2026-09-28"), -1).error().code == "calendar.negative");
}

TEST_CASE("a limit in 日 counts calendar days, and one ending on a day off ends on the next working day",
          "[calendar][law]") {
    auto calendar = shipped2026();
    // 护照法 art. 6, 15 日: from 2026-09-20 the 15th day is 2026-10-05, inside the National Day holiday, so
    // the limit ends on 2026-10-08, the first working day after it.
    auto due = dueAfter(calendar, day("2026-09-20"), 15, LimitUnit::Days);
    REQUIRE(due.ok());
    CHECK(due->iso() == "2026-10-08");
    // Counted in working days, the same 15 reach much further.
    CHECK(dueAfter(calendar, day("2026-09-20"), 15, LimitUnit::WorkingDays)->iso() ==
          after(calendar, "2026-09-20", 15));
    // A last day that is a working day stays.
    CHECK(dueAfter(calendar, day("2026-11-02"), 15, LimitUnit::Days)->iso() == "2026-11-17");
}
