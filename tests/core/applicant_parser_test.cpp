#include "core/applicant_parser.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {
const CivilDate kToday = *CivilDate::parse("2026-09-28");

std::vector<Error> problemsOf(const std::string& json) {
    std::vector<Error> all;
    (void)parseApplicant(json, "applicant.json", kToday, &all);
    return all;
}

bool has(const std::vector<Error>& errors, const std::string& code, const std::string& where) {
    for (const auto& e : errors)
        if (e.code == code && ywtb::testing::withoutLine(e.where) == where)
            return true;
    return false;
}
} // namespace

TEST_CASE("a person is read with a checked ID number and a normalised phone", "[applicant]") {
    auto a = parseApplicant(
        R"({"name": "张三", "id_number": "11010519491231002x", "phone": "+86 138 1234 5678", "address": "北京"})",
        "a.json", kToday);
    REQUIRE(a.ok());
    CHECK(a->kind == ApplicantKind::Person);
    CHECK(a->idNumber == "11010519491231002X");
    CHECK(a->phone == "13812345678");
}

TEST_CASE("an organisation is read with its credit code and legal representative", "[applicant]") {
    auto a = parseApplicant(
        R"({"name": "某公司", "credit_code": "91350100m000100y43", "legal_representative": "李四", "phone": "021-64871234"})",
        "a.json", kToday);
    REQUIRE(a.ok());
    CHECK(a->kind == ApplicantKind::Organisation);
    CHECK(a->creditCode == "91350100M000100Y43");
    CHECK(a->legalRepresentative == "李四");
}

TEST_CASE("every problem of an applicant file is reported with its JSON path", "[applicant]") {
    auto errors = problemsOf(
        R"({"id_number": "11010519491231002Y", "phone": "1381234567", "legal_representative": "李四", "age": 40})");
    CHECK(has(errors, "json.missing", "applicant.json $.name"));
    CHECK(has(errors, "id.check_digit", "applicant.json $.id_number"));
    CHECK(has(errors, "phone.mobile", "applicant.json $.phone"));
    CHECK(has(errors, "applicant.legal_representative", "applicant.json $.legal_representative"));
    CHECK(has(errors, "json.unknown_field", "applicant.json $.age"));
    for (const auto& e : errors)
        CHECK_THAT(e.str(), !Catch::Contains("11010519491231002Y"));
}

TEST_CASE("an applicant has an ID number or a credit code, never both or neither", "[applicant]") {
    CHECK(has(problemsOf(R"({"name": "x", "phone": "13812345678"})"), "applicant.identity",
              "applicant.json $"));
    CHECK(has(problemsOf(R"({"name": "x", "phone": "13812345678", "id_number": "11010519491231002X",
                             "credit_code": "91350100M000100Y43"})"),
              "applicant.identity", "applicant.json $"));
}

TEST_CASE("an agent needs an ID number and the authorisation shown", "[applicant]") {
    auto agent = parseAgent(
        R"({"name": "王五", "id_number": "440524188001010014", "phone": "13812345678", "authorisation": "授权委托书"})",
        "agent.json", kToday);
    REQUIRE(agent.ok());
    CHECK(agent->authorisation == "授权委托书");
    std::vector<Error> all;
    (void)parseAgent(R"({"name": "王五", "phone": "13812345678"})", "agent.json", kToday, &all);
    CHECK(has(all, "json.missing", "agent.json $.id_number"));
    CHECK(has(all, "json.missing", "agent.json $.authorisation"));
}
