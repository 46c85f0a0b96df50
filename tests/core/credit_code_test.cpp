#include "core/credit_code.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("GB 32100's own example code is valid and splits into its parts", "[uscc]") {
    auto code = parseCreditCode("91350100M000100Y43");
    REQUIRE(code.ok());
    CHECK(code->registrationAuthority == '9');
    CHECK(code->category == '1');
    CHECK(code->regionCode == "350100");
    CHECK(code->organisationCode == "M000100Y4");
}

TEST_CASE("codes of real companies printed on their licences are valid", "[uscc]") {
    CHECK(parseCreditCode("914403001922038216").ok());
    CHECK(parseCreditCode("9144030071526726XG").ok());
    CHECK(parseCreditCode("91110000802100433B").ok());
}

TEST_CASE("a mistyped character is reported as the check character with the expected one", "[uscc]") {
    auto code = parseCreditCode("91350100M000100Y44");
    REQUIRE_FALSE(code.ok());
    CHECK(code.error().code == "uscc.check_digit");
    CHECK_THAT(code.error().str(), Catch::Contains("'3'"));
    CHECK(parseCreditCode("91350100M000101Y43").error().code == "uscc.check_digit");
}

TEST_CASE("lower case and spaces are normalised", "[uscc]") {
    auto code = parseCreditCode("9135 0100 m000 100y 43");
    REQUIRE(code.ok());
    CHECK(code->code == "91350100M000100Y43");
}

TEST_CASE("letters no credit code uses (I, O, S, V, Z) are refused with their position", "[uscc]") {
    for (char letter : {'I', 'O', 'S', 'V', 'Z'}) {
        std::string code = "91350100M000100Y43";
        code[9] = letter;
        auto result = parseCreditCode(code);
        INFO(code);
        REQUIRE(result.error().code == "uscc.characters");
        CHECK_THAT(result.error().str(), Catch::Contains("10"));
    }
}

TEST_CASE("length, registration authority and region are checked before the check character", "[uscc]") {
    CHECK(parseCreditCode("91350100M000100Y4").error().code == "uscc.length");
    CHECK(parseCreditCode("").error().code == "uscc.empty");
    std::string badAuthority = "B1350100M000100Y4";
    badAuthority += creditCodeCheckCharacter(badAuthority);
    CHECK(parseCreditCode(badAuthority).error().code == "uscc.authority");
    std::string badRegion = "91990100M000100Y4";
    badRegion += creditCodeCheckCharacter(badRegion);
    CHECK(parseCreditCode(badRegion).error().code == "uscc.region");
    std::string central = "11100000000013127";
    central += creditCodeCheckCharacter(central);
    CHECK(parseCreditCode(central).ok()); // central bodies use region 100000
}
