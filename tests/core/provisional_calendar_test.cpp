#include "core/provisional_calendar.h"
#include "support/lifecycle_support.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;
using ywtb::testing::calendar2026;
using ywtb::testing::day;

namespace {

// What client/almanac computes for 2027 (tests/almanac checks it against the published almanac).
StatutoryHolidayDates dates2027() {
    return {2027, day("2027-02-06"), day("2027-04-05"), day("2027-06-09"), day("2027-09-15")};
}

std::vector<std::string> daysOff(const CalendarYear& year) {
    std::vector<std::string> out;
    for (const auto& h : year.holidays)
        for (auto d = h.from; d <= h.to; d = d.plusDays(1))
            out.push_back(d.iso() + " " + h.name);
    std::sort(out.begin(), out.end());
    return out;
}

WorkingCalendar with2027(const CalendarYear& year2027) {
    WorkingCalendar calendar = calendar2026();
    REQUIRE(calendar.add(year2027).ok());
    return calendar;
}

} // namespace

TEST_CASE("provisional 2027: the 13 statutory days and a 补假 for each one on a weekend",
          "[calendar][provisional]") {
    const auto year = provisionalCalendarYear(dates2027());
    CHECK(year.provisional);
    CHECK(year.workingWeekendDays.empty()); // only the notice can say which weekends are worked
    CHECK(daysOff(year) ==
          std::vector<std::string>{
              "2027-01-01 元旦",           "2027-02-05 春节",           "2027-02-06 春节",
              "2027-02-07 春节",           "2027-02-08 春节",           "2027-02-09 春节",
              "2027-02-10 春节（补假）",   "2027-02-11 春节（补假）", // 初一 Sat, 初二 Sun
              "2027-04-05 清明节",         "2027-05-01 劳动节",         "2027-05-02 劳动节",
              "2027-05-03 劳动节（补假）", "2027-05-04 劳动节（补假）", "2027-06-09 端午节",
              "2027-09-15 中秋节",         "2027-10-01 国庆节",         "2027-10-02 国庆节",
              "2027-10-03 国庆节",         "2027-10-04 国庆节（补假）", "2027-10-05 国庆节（补假）",
          });
}

TEST_CASE("a limit running into a provisional year is counted, and the date says it is provisional",
          "[calendar][provisional]") {
    const auto calendar = with2027(provisionalCalendarYear(dates2027()));
    CHECK(calendar.isProvisional(2027));
    CHECK_FALSE(calendar.isProvisional(2026));
    auto due = calendar.workingDaysAfter(day("2026-12-20"), 20);
    REQUIRE(due.ok());
    CHECK(due->iso() == "2027-01-18"); // 9 days left in December, 元旦 off
    CHECK(calendar.countsProvisionally(day("2026-12-20"), *due));
    CHECK_FALSE(calendar.countsProvisionally(day("2026-12-01"), day("2026-12-15")));
}

TEST_CASE("recounting a case's provisional dates on the notice moves them and clears the mark",
          "[calendar][provisional]") {
    const auto provisional = with2027(provisionalCalendarYear(dates2027()));
    Case c;
    c.number = "C1";
    c.item.limits = {40, 30};
    c.acceptedOn = day("2026-12-21");
    c.dueStatutory = provisional.workingDaysAfter(*c.acceptedOn, 40).value();
    c.duePromised = provisional.workingDaysAfter(*c.acceptedOn, 30).value();
    c.markProvisional("due_statutory", true);
    c.markProvisional("due_promised", true);
    CHECK(c.dueStatutory->iso() == "2027-02-23");
    CHECK(c.duePromised->iso() == "2027-02-02");

    // A notice that gives 春节 9 days (Feb 5 – Feb 13) and no make-up Saturday.
    CalendarYear notice;
    notice.year = 2027;
    notice.source = "test notice";
    notice.holidays = {{"元旦", day("2027-01-01"), day("2027-01-01")},
                       {"春节", day("2027-02-05"), day("2027-02-13")}};
    const auto official = with2027(notice);
    auto moved = recountProvisionalDates(c, official);
    REQUIRE(moved.ok());
    REQUIRE(moved->size() == 2);
    CHECK(moved->at(0).field == "due_statutory");
    CHECK(moved->at(0).before.iso() == "2027-02-23");
    CHECK(moved->at(0).after.iso() == "2027-02-24");
    CHECK_FALSE(moved->at(0).stillProvisional);
    CHECK(moved->at(1).field == "due_promised"); // the same day, now on the notice
    CHECK(moved->at(1).before == moved->at(1).after);
    CHECK(c.dueStatutory->iso() == "2027-02-24");
    CHECK(c.provisionalDates.empty());

    // Counted again on the same calendar: nothing moves.
    auto again = recountProvisionalDates(c, official);
    REQUIRE(again.ok());
    CHECK(again->empty());
}
