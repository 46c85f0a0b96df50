#include "core/id_number.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {
const CivilDate kToday = *CivilDate::parse("2026-11-28");
}

TEST_CASE("GB 11643's own example number is valid and reads as a woman born 1949-12-31 in Beijing", "[id]") {
    auto id = parseIdNumber("11010519491231002X", kToday);
    REQUIRE(id.ok());
    CHECK(id->birthDate.iso() == "1949-12-31");
    CHECK(id->sex == Sex::Female);
    CHECK(id->regionCode == "110105");
}

TEST_CASE("GB 11643's second example, a man born 1880 in Guangdong, is valid", "[id]") {
    auto id = parseIdNumber("440524188001010014", kToday);
    REQUIRE(id.ok());
    CHECK(id->sex == Sex::Male);
    CHECK(id->birthDate.iso() == "1880-01-01");
}

TEST_CASE("a lower-case x check character is accepted and stored as X", "[id]") {
    auto id = parseIdNumber(" 11010519491231002x ", kToday);
    REQUIRE(id.ok());
    CHECK(id->number == "11010519491231002X");
}

TEST_CASE("a wrong check character is reported as the check digit, naming the expected one", "[id]") {
    auto id = parseIdNumber("11010519491231002Y", kToday);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == "id.check_digit");
    CHECK_THAT(id.error().str(), Catch::Contains("'Y'") && Catch::Contains("'X'"));
    // a transposed pair of digits is caught too
    CHECK(parseIdNumber("11010519491213002X", kToday).error().code == "id.check_digit");
}

TEST_CASE("the error names the ID number only masked", "[id][pipl]") {
    auto id = parseIdNumber("11010519491231002Y", kToday);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().where == "110105********002Y");
    CHECK_THAT(id.error().str(), !Catch::Contains("19491231"));
}

TEST_CASE("numbers of the wrong length say how many characters they have", "[id]") {
    auto shortOne = parseIdNumber("1101051949123100", kToday);
    CHECK(shortOne.error().code == "id.length");
    CHECK_THAT(shortOne.error().str(), Catch::Contains("16"));
    CHECK(parseIdNumber("11010519491231002X1", kToday).error().code == "id.length");
    CHECK(parseIdNumber("", kToday).error().code == "id.empty");
}

TEST_CASE("a letter among the first 17 characters names its position", "[id]") {
    auto id = parseIdNumber("1101051949O231002X", kToday);
    REQUIRE(id.error().code == "id.characters");
    CHECK_THAT(id.error().str(), Catch::Contains("11") && Catch::Contains("'O'"));
}

TEST_CASE("a region code that is no administrative division is refused", "[id]") {
    CHECK(parseIdNumber("990105194912310021", kToday).error().code == "id.region");
    CHECK(parseIdNumber("110000194912310021", kToday).error().code == "id.region"); // province level alone
    CHECK(parseIdNumber("000000194912310021", kToday).error().code == "id.region");
}

TEST_CASE("Hong Kong, Macao and Taiwan residence permit numbers (810000/820000/830000) are plausible",
          "[id]") {
    for (std::string prefix : {"810000", "820000", "830000"}) {
        std::string number = prefix + "19900101002";
        number += idCheckCharacter(number);
        INFO(number);
        CHECK(parseIdNumber(number, kToday).ok());
    }
}

TEST_CASE("a birth date that does not exist or lies in the future is refused", "[id]") {
    std::string feb30 = "11010520010230002";
    feb30 += idCheckCharacter(feb30);
    CHECK(parseIdNumber(feb30, kToday).error().code == "id.birth_date");
    std::string future = "11010520270101002";
    future += idCheckCharacter(future);
    CHECK(parseIdNumber(future, kToday).error().code == "id.birth_date");
    std::string leapDay = "11010520000229002";
    leapDay += idCheckCharacter(leapDay);
    CHECK(parseIdNumber(leapDay, kToday).ok());
}

TEST_CASE("a 15-digit first-generation number is reported as such with its 18-character form", "[id]") {
    auto id = parseIdNumber("110105491231002", kToday);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == "id.legacy_15");
    // 110105 + 19 + 491231002 + check X, shown masked
    CHECK_THAT(id.error().fix.str(), Catch::Contains("110105********002X"));
    CHECK(parseIdNumber("110105491331002", kToday).error().code == "id.birth_date");
}

TEST_CASE("the check character follows the GB 11643 weights for every position", "[id]") {
    // Changing any single digit of a valid number changes the required check character.
    const std::string base = "11010519491231002";
    for (std::size_t i = 0; i < base.size(); ++i) {
        std::string changed = base;
        changed[i] = changed[i] == '9' ? '0' : static_cast<char>(changed[i] + 1);
        INFO("position " << i + 1);
        CHECK(idCheckCharacter(changed) != idCheckCharacter(base));
    }
}
