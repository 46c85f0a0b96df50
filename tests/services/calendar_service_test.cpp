#include "services/calendar_service.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb;
using testing::TempDir;

TEST_CASE("the shipped calendars load and know 2026", "[calendar][data]") {
    auto result = services::loadCalendars(testing::sourceDir() / "forms" / "calendar");
    REQUIRE(result.ok());
    CHECK(result.calendar.knowsYear(2026));
}

TEST_CASE("a calendar file must be named after its year", "[calendar]") {
    TempDir dir;
    auto text = testing::readFile(testing::sourceDir() / "forms" / "calendar" / "2026.json");
    dir.write("2027.json", text);
    auto result = services::loadCalendars(dir.path());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == "calendar.file_name");
    CHECK_FALSE(result.calendar.knowsYear(2026));
}

TEST_CASE("a broken calendar file names the file and the JSON path", "[calendar]") {
    TempDir dir;
    dir.write("2026.json", R"({"format": "ywtb-calendar", "format_version": 1, "year": 2026, "source": "x",
        "holidays": [{"name": "国庆节", "from": "2026-10-01"}], "working_weekend_days": []})");
    auto result = services::loadCalendars(dir.path());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].where == (dir / "2026.json").string() + ":2 $.holidays[0].to");
}
