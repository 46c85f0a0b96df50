#include "core/civil_date.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("dates parse only as real YYYY-MM-DD days", "[date]") {
    CHECK(CivilDate::parse("2026-09-28")->iso() == "2026-09-28");
    CHECK(CivilDate::parse("2024-02-29").ok());
    CHECK(CivilDate::parse("2026-02-29").error().code == "date.invalid");
    CHECK(CivilDate::parse("2026-9-28").error().code == "date.format");
    CHECK(CivilDate::parse("28/09/2026").error().code == "date.format");
    CHECK(CivilDate::parse("2026-13-01").error().code == "date.invalid");
}

TEST_CASE("weekdays follow ISO numbering", "[date]") {
    CHECK(CivilDate::parse("2026-09-28")->isoWeekday() == 1); // Monday
    CHECK(CivilDate::parse("2026-10-10")->isWeekend());       // the make-up Saturday
    CHECK(CivilDate::parse("2026-12-31")->plusDays(1).iso() == "2027-01-01");
}
