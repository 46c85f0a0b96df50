#include "core/error.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("messages fill placeholders after translating the pattern and the terms", "[message]") {
    Message m(N_("\"{field}\" must be {expected}"), {{"field", "code"}});
    m.term("expected", N_("a whole number"));
    CHECK(m.str() == "\"code\" must be a whole number");
    const Translator toChinese = [](const char* id) -> std::string {
        if (std::string(id) == "\"{field}\" must be {expected}")
            return "“{field}”必须是{expected}";
        if (std::string(id) == "a whole number")
            return "整数";
        return id;
    };
    CHECK(m.render(toChinese) == "“code”必须是整数");
}

TEST_CASE("an error reads as place, problem and fix", "[message]") {
    Error e{"x.y", Message(N_("{n} is wrong"), {{"n", "42"}}), "file.json $.a", Message(N_("use 7"))};
    CHECK(e.str() == "file.json $.a: 42 is wrong — use 7");
    CHECK(fillPlaceholders("{a}{b}{missing}", {{"a", "1"}, {"b", "2"}}) == "12{missing}");
}

TEST_CASE("taking the value of a failed result is a programming error, not a crash", "[message]") {
    Expected<int> failed(Error{"x", Message(N_("no")), {}, {}});
    CHECK_THROWS_AS(failed.value(), BadExpectedAccess);
}
