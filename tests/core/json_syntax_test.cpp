#include "core/json_syntax.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("well-formed JSON has no syntax problem", "[json]") {
    CHECK_FALSE(
        findJsonSyntaxProblem(R"({"a": [1, -2.5e3, true, false, null, "x\"y\u00e9"], "b": {}})").has_value());
    CHECK_FALSE(findJsonSyntaxProblem("\xEF\xBB\xBF{\"名称\": \"食品经营许可\"}").has_value());
}

TEST_CASE("a trailing comma is located by line and column", "[json]") {
    auto problem = findJsonSyntaxProblem("{\n  \"a\": 1,\n  \"b\": [1, 2,]\n}");
    REQUIRE(problem);
    CHECK(problem->line == 3);
    CHECK(problem->column == 13);
    CHECK_THAT(problem->what, Catch::Contains("trailing comma"));
}

TEST_CASE("a missing comma between members is located", "[json]") {
    auto problem = findJsonSyntaxProblem("{\"a\": 1\n \"b\": 2}");
    REQUIRE(problem);
    CHECK(problem->line == 2);
    CHECK_THAT(problem->what, Catch::Contains("comma missing"));
}

TEST_CASE("a key written twice in one object is a problem Poco would hide", "[json]") {
    auto problem = findJsonSyntaxProblem("{\"code\": \"A\",\n \"code\": \"B\"}");
    REQUIRE(problem);
    CHECK(problem->line == 2);
    CHECK_THAT(problem->what, Catch::Contains("\"code\" appears twice"));
    CHECK_FALSE(
        findJsonSyntaxProblem(R"([{"code": "A"}, {"code": "B"}])").has_value()); // other objects are fine
}

TEST_CASE("unterminated strings, bad escapes, bare words and trailing text are problems", "[json]") {
    CHECK(findJsonSyntaxProblem("{\"a\": \"x}"));
    CHECK(findJsonSyntaxProblem("{\"a\": \"x\ny\"}"));
    CHECK(findJsonSyntaxProblem(R"({"a": "\q"})"));
    CHECK(findJsonSyntaxProblem(R"({"a": yes})"));
    CHECK(findJsonSyntaxProblem(R"({"a": 01})"));
    CHECK(findJsonSyntaxProblem(R"({} {})"));
    CHECK(findJsonSyntaxProblem(""));
    CHECK(
        findJsonSyntaxProblem(std::string(1000, '['))); // too deep, refused rather than overflowing the stack
}
