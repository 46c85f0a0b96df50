// Application forms through the real CLI binary: form show, form check, case form with --file and --set, the
// acceptance that waits for a complete form, and the notice that prints it.

#include "cli/cli_counter.h"
#include "support/cli_runner.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

namespace {

struct Counter : ywtb::testing::CliCounter {
    std::string openFoodCase() const {
        reserveNumbers({"acceptance_notice"});
        const auto number = CliCounter::openFoodCase();
        completeFoodMaterials(number);
        return number;
    }
};

} // namespace

TEST_CASE("cli: form show prints an item's form in the order of the paper form", "[cli][form]") {
    Counter counter;
    auto shown = counter.run({"form", "show", "scjg-xk-001"});
    INFO(shown.err);
    REQUIRE(shown.exitCode == 0);
    CHECK_THAT(shown.out, Catch::StartsWith("食品经营许可申请书  SCJG-XK-001  v1\n"));
    CHECK_THAT(
        shown.out,
        Catch::Contains(
            "7. premises_area  经营场所使用面积  [number, required, 平方米, ≥1, ≤100000, 2 decimals]"));
    CHECK_THAT(shown.out, Catch::Contains("only when: categories contains 'special_food'"));
    CHECK_THAT(shown.out, Catch::Contains("filled from: applicant.name"));
    auto json = counter.run({"--json", "form", "show", "MZJ-JF-001"});
    REQUIRE(json.exitCode == 0);
    CHECK_THAT(json.out, Catch::Contains("\"members\""));
    auto none = counter.run({"form", "show", "GAJ-QR-002"});
    CHECK(none.exitCode == 1);
    CHECK_THAT(none.err, Catch::Contains("item GAJ-QR-002 has no application form"));
}

TEST_CASE("cli: form check validates every shipped form, and names a broken one's file, line and fix",
          "[cli][form]") {
    Counter counter;
    auto ok = counter.run({"form", "check"});
    INFO(ok.err);
    CHECK(ok.exitCode == 0);
    CHECK_THAT(ok.out, Catch::StartsWith("all 11 application forms in ") && Catch::Contains("are valid"));

    // A copy of forms/ with two mistakes in two files.
    const auto forms = counter.dir / "forms";
    std::filesystem::copy(ywtb::testing::sourceDir() / "forms", forms,
                          std::filesystem::copy_options::recursive);
    auto food = ywtb::testing::readFile(forms / "application/SCJG-XK-001.json");
    food.replace(food.find("\"type\": \"yes_no\""), 16, "\"type\": \"boolean\"");
    counter.dir.write("forms/application/SCJG-XK-001.json", food);
    auto shop = ywtb::testing::readFile(forms / "application/SCJG-XK-002.json");
    shop.replace(shop.find("^2[0-9]{5}$"), 11, "^2[0-9]{5$(");
    counter.dir.write("forms/application/SCJG-XK-002.json", shop);
    counter.environment.push_back("YWTB_FORMS_DIR=" + forms.string());
    auto broken = counter.run({"form", "check"});
    CHECK(broken.exitCode == 1);
    CHECK_THAT(broken.err, Catch::Contains("error: application/SCJG-XK-001.json:") &&
                               Catch::Contains("$.fields[11].type: \"type\" is \"boolean\""));
    CHECK_THAT(broken.err, Catch::Contains("error: application/SCJG-XK-002.json:") &&
                               Catch::Contains("$.fields[10].pattern: the pattern is not a valid "
                                               "regular expression"));
    CHECK_THAT(broken.err, Catch::Contains("2 problems found"));
}

TEST_CASE("cli: case form checks every answer, stores nothing when one is wrong, and acceptance waits for it",
          "[cli][form]") {
    Counter counter;
    const auto number = counter.openFoodCase();

    auto shown = counter.run({"case", "form", number});
    REQUIRE(shown.exitCode == 0);
    CHECK_THAT(shown.out, Catch::Contains("经营者名称 (business_name): 上海某某餐饮有限公司") &&
                              Catch::Contains("联系电话 (contact_phone): 021*****1234"));
    CHECK_THAT(shown.out, Catch::Contains("Still to answer before the case can be accepted: "
                                          "法定代表人（负责人）身份证号码 (legal_representative_id)"));

    auto refused = counter.run({"case", "decide", number, "accept"});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("the 食品经营许可申请书 is not complete; still to answer: ") &&
                                Catch::Contains("住所 (residence)") &&
                                Catch::Contains("fill them in: case form " + number + " --set FIELD=VALUE"));

    const auto auditBefore = counter.run({"audit", "recent", "100"}).out;
    auto wrong =
        counter.run({"case", "form", number, "--set", "premises_area=-3", "--set", "business_form=饭店",
                     "--set", "employes=6", "--set", "legal_representative_id=310104198511200048"});
    CHECK(wrong.exitCode == 1);
    CHECK_THAT(
        wrong.err,
        Catch::Contains(
            "error: employes: 食品经营许可申请书 has no field \"employes\" — did you mean \"employees\"?"));
    // The assignments are checked first; a wrong name stops there, before any value is judged.
    auto values = counter.run({"case", "form", number, "--set", "premises_area=-3", "--set",
                               "business_form=饭店", "--set", "legal_representative_id=310104198511200048"});
    CHECK(values.exitCode == 1);
    CHECK_THAT(
        values.err,
        Catch::Contains(
            "error: 经营场所使用面积 (premises_area): -3 平方米 is less than the least allowed, 1 平方米"));
    CHECK_THAT(values.err,
               Catch::Contains("error: 主体业态 (business_form): \"饭店\" is not one of the options"));
    CHECK_THAT(values.err, Catch::Contains("2 problems found"));
    CHECK(counter.run({"audit", "recent", "100"}).out == auditBefore);
    CHECK_THAT(counter.run({"case", "form", number}).out, !Catch::Contains("(legal_representative_id): "));

    const auto file = counter.dir.write(
        "food.json",
        R"({"legal_representative_id": "310104198511200048", "residence": "上海市徐汇区漕溪北路1号",
        "premises_address": "上海市徐汇区漕溪北路1号101室", "premises_area": 85.5, "business_form": "catering", "categories": ["hot_food"],
        "online_sales": "否", "employees": 6, "safety_officer": "李华"})");
    auto partly = counter.run({"case", "form", number, "--file", file.string()});
    INFO(partly.err);
    REQUIRE(partly.exitCode == 0);
    CHECK_THAT(partly.out, Catch::Contains("Still to answer before the case can be accepted: "
                                           "食品安全管理人员身份证号码 (safety_officer_id)"));
    CHECK_THAT(counter.run({"case", "decide", number, "accept"}).err,
               Catch::Contains("食品安全管理人员身份证号码 (safety_officer_id)"));

    auto complete =
        counter.run({"--json", "case", "form", number, "--set", "safety_officer_id=310101197803150026"});
    REQUIRE(complete.exitCode == 0);
    CHECK(Poco::JSON::Parser()
              .parse(complete.out)
              .extract<Poco::JSON::Object::Ptr>()
              ->getValue<bool>("complete"));
    auto accepted = counter.run({"case", "decide", number, "accept"});
    INFO(accepted.err);
    REQUIRE(accepted.exitCode == 0);
    CHECK_THAT(counter.run({"audit", "recent", "3"}).out, Catch::Contains("case.form"));

    const auto pdf = (counter.dir / "acceptance.pdf").string();
    auto rendered = counter.run({"render", "acceptance", "--case", number, "--out", pdf});
    INFO(rendered.err);
    REQUIRE(rendered.exitCode == 0);
    const auto text = ywtb::testing::pdfText(pdf);
    CHECK_THAT(text, Catch::Contains("食品经营许可申请书（主要内容）") &&
                         Catch::Contains("上海市徐汇区漕溪北路1号101室") &&
                         Catch::Contains("餐饮服务经营者") && Catch::Contains("热食类食品制售"));
}

TEST_CASE("cli: case form --file refuses a values file that is not JSON, naming the line", "[cli][form]") {
    Counter counter;
    const auto number = counter.openFoodCase();
    const auto file = counter.dir.write("bad.json", "{\n  \"employees\": 6,\n}\n");
    auto r = counter.run({"case", "form", number, "--file", file.string()});
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("bad.json:2:17: the file is not valid JSON: a comma before '}'"));
    CHECK(counter.run({"case", "form", number}).exitCode == 0);
    CHECK(counter.run({"case", "form"}).exitCode == 2);
}
