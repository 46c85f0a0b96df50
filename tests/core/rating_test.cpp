#include "core/rating.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {

std::string setWith(const std::string& indicators, const std::string& extra = "") {
    return R"({"format": "ywtb-indicators", "format_version": 1, "version": "测试 1", "primary": "整体满意度",)" +
           extra + R"( "indicators": )" + indicators + "}";
}

} // namespace

TEST_CASE("rating: the two lowest of the five levels are the bad ones", "[rating]") {
    CHECK_FALSE(isBadLevel(5));
    CHECK_FALSE(isBadLevel(3));
    CHECK(isBadLevel(2));
    CHECK(isBadLevel(1));
    CHECK_FALSE(isBadLevel(0));
    CHECK(std::string(levelName(1)) == "very dissatisfied");
    CHECK(std::string(levelName(6)).empty());
}

TEST_CASE("rating: the shipped indicator set (forms/indicators.json) is the built-in one", "[rating]") {
    auto set =
        parseIndicatorSet(ywtb::testing::readFile(ywtb::testing::sourceDir() / "forms/indicators.json"),
                          "forms/indicators.json");
    REQUIRE(set.ok());
    const auto& builtIn = onSiteIndicators();
    CHECK(set->version == builtIn.version);
    CHECK(set->primary == builtIn.primary);
    REQUIRE(set->indicators.size() == builtIn.indicators.size());
    for (std::size_t i = 0; i < builtIn.indicators.size(); ++i) {
        CHECK(set->indicators[i].code == builtIn.indicators[i].code);
        CHECK(set->indicators[i].name == builtIn.indicators[i].name);
    }
    CHECK(set->find(3)->name == "服务态度");
    CHECK(set->find(9) == nullptr);
}

TEST_CASE("rating: a published indicator set with mistakes is refused, naming each one", "[rating]") {
    std::vector<Error> all;
    auto twice = parseIndicatorSet(
        setWith(R"([{"code": 1, "name": "服务效率"}, {"code": 1, "name": "服务水平"}])"), "set.json", &all);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code == "indicators.duplicate_code");
    CHECK(twice.error().where.find("set.json") != std::string::npos);

    auto unnamed =
        parseIndicatorSet(setWith(R"([{"code": 1}, {"code": 100, "name": "x"}])"), "set.json", &all);
    REQUIRE_FALSE(unnamed.ok());
    CHECK(all.size() == 2); // the missing name and the code out of range, both at once

    CHECK_FALSE(parseIndicatorSet(setWith("[]"), "set.json").ok());
    CHECK_FALSE(parseIndicatorSet(R"({"format": "ywtb-calendar", "format_version": 1})", "set.json").ok());
    CHECK_FALSE(parseIndicatorSet("not json", "set.json").ok());
    CHECK(
        parseIndicatorSet(setWith(R"([{"code": 1, "name": "服务效率"}])", R"( "colour": "red",)"), "set.json")
            .error()
            .where.find("colour") != std::string::npos);
    std::string many = "[";
    for (int i = 1; i <= 21; ++i)
        many += (i > 1 ? "," : "") + std::string(R"({"code": )") + std::to_string(i) + R"(, "name": "n"})";
    CHECK(parseIndicatorSet(setWith(many + "]"), "set.json").error().code == "indicators.too_many");
}
