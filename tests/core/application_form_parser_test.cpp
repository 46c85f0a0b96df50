// Application form definitions (forms/application): the shipped ones load, and a malformed one is refused
// with the file, the line, the field and the fix.

#include "core/application_form.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace ywtb::core;

namespace {

// A definition with `fields` spliced in; the fields start on line 7.
std::string formWith(const std::string& fields) {
    return "{\n  \"format\": \"ywtb-application-form\",\n  \"format_version\": 1,\n  \"item\": "
           "\"SCJG-XK-001\",\n"
           "  \"version\": 1,\n  \"title\": \"食品经营许可申请书\",\n  \"fields\": [\n" +
           fields + "\n  ]\n}\n";
}

ApplicationFormFileResult parse(const std::string& fields) {
    return parseApplicationForm(formWith(fields), "SCJG-XK-001.json");
}

// The one error of a definition, as the administrator reads it.
std::string onlyError(const std::string& fields) {
    auto result = parse(fields);
    REQUIRE(result.errors.size() == 1);
    return result.errors[0].str();
}

const char* kChoice = R"(    { "id": "business_form", "type": "choice", "label": "主体业态", "options": [
      { "value": "food_sales", "label": "食品销售经营者" }, { "value": "catering", "label": "餐饮服务经营者" } ] },)";

} // namespace

TEST_CASE("every shipped application form loads, one per item, named after its code", "[form]") {
    std::size_t count = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(ywtb::testing::sourceDir() / "forms/application")) {
        const auto file = entry.path().filename().string();
        auto result = parseApplicationForm(ywtb::testing::readFile(entry.path()), file);
        INFO(file);
        for (const auto& e : result.errors)
            INFO(e.str());
        REQUIRE(result.ok());
        CHECK(result.form->item + ".json" == file);
        CHECK(result.form->version >= 1);
        CHECK_FALSE(result.form->fields.empty());
        CHECK(result.form->json.find("$schema") == std::string::npos);
        ++count;
    }
    CHECK(count >= 10);
}

TEST_CASE("a form keeps its fields in the order of the paper form, with labels, help, types and rules",
          "[form]") {
    auto result = parseApplicationForm(
        ywtb::testing::readFile(ywtb::testing::sourceDir() / "forms/application/SCJG-XK-001.json"),
        "SCJG-XK-001.json");
    REQUIRE(result.ok());
    const auto& form = *result.form;
    CHECK(form.title == "食品经营许可申请书");
    REQUIRE(form.fields.size() == 17);
    CHECK(form.fields[0].id == "business_name");
    CHECK(form.fields[0].defaultFrom == "applicant.name");
    CHECK(form.fields[0].onNotice);
    const auto* area = form.field("premises_area");
    REQUIRE(area);
    CHECK(area->type == FieldType::Number);
    CHECK(area->unit == "平方米");
    CHECK(area->decimals == 2);
    CHECK(area->min == 1.0);
    const auto* special = form.field("special_food_kinds");
    REQUIRE(special);
    REQUIRE(special->relevant);
    CHECK(special->relevant->kind == Condition::Kind::Contains);
    CHECK(special->relevant->field == "categories");
    CHECK(special->relevant->literal == "special_food");
    CHECK(form.field("online_platform")->relevant->kind == Condition::Kind::Answered);
}

TEST_CASE("a definition that is not valid JSON is refused with the line and column", "[form]") {
    auto result = parseApplicationForm("{\n  \"format\": \"ywtb-application-form\",,\n}", "bad.json");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == "json.syntax");
    CHECK(result.errors[0].where == "bad.json:2:37");
    CHECK_FALSE(result.form);
}

TEST_CASE("an unknown field type is refused, naming the types there are", "[form]") {
    const auto message = onlyError(R"(    { "id": "notes", "type": "textarea", "label": "备注" })");
    CHECK(message == "SCJG-XK-001.json:8 $.fields[0].type: \"type\" is \"textarea\", which is not one of "
                     "\"text\", \"number\", \"date\", "
                     "\"choice\", \"multi_choice\", \"address\", \"phone\", \"id_number\", \"credit_code\", "
                     "\"money\", \"yes_no\", \"group\" — "
                     "use one of the listed values exactly as written");
}

TEST_CASE("a condition naming an unknown field is an error at load, with the closest field suggested",
          "[form]") {
    const auto message = onlyError(std::string(kChoice) + R"(
    { "id": "canteen_kind", "type": "text", "label": "食堂类别", "relevant": "busines_form = 'catering'" })");
    CHECK(message == "SCJG-XK-001.json:10 $.fields[1].relevant: the condition \"busines_form = 'catering'\" "
                     "names \"busines_form\", which is "
                     "not a field defined before this one — did you mean \"business_form\"?");
}

TEST_CASE("a condition may look back, never ahead", "[form]") {
    auto result = parse(R"(    { "id": "platform", "type": "text", "label": "平台", "relevant": "online" },
    { "id": "online", "type": "yes_no", "label": "网络经营" })");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == "form.condition_field");
    CHECK(result.errors[0].fix.str() ==
          "use the id of a field above this one (a condition may look back, never ahead)");
}

TEST_CASE("a condition that cannot be read or can never hold is refused", "[form]") {
    SECTION("a comparison without its value") {
        auto result = parse(std::string(kChoice) + R"(
    { "id": "x", "type": "text", "label": "X", "relevant": "business_form = " })");
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].str() == "SCJG-XK-001.json:10 $.fields[1].relevant: the condition "
                                        "\"business_form = \" tests \"business_form\" (choice) "
                                        "in a way that can never hold — a choice field is compared with = or "
                                        "!= and an option value in quotes");
    }
    SECTION("a word where a field is expected") {
        auto result = parse(R"(    { "id": "online", "type": "yes_no", "label": "网络经营" },
    { "id": "x", "type": "text", "label": "X", "relevant": "online and and online" })");
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].str() == "SCJG-XK-001.json:9 $.fields[1].relevant: the condition \"online and "
                                        "and online\" cannot be read at "
                                        "character 12 (\"and\"): a field name is expected here — write "
                                        "conditions as in forms/README.md 8.4, "
                                        "e.g. business_type = 'catering' and not has_licence");
    }
    SECTION("an unclosed parenthesis") {
        auto result = parse(R"(    { "id": "online", "type": "yes_no", "label": "网络经营" },
    { "id": "x", "type": "text", "label": "X", "relevant": "(online" })");
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].code == "form.condition_syntax");
        CHECK(result.errors[0].what.str() == "the condition \"(online\" cannot be read at character 1 "
                                             "(\"(\"): a \"(\" is not closed by \")\"");
    }
    SECTION("an option the choice does not have") {
        const auto message = onlyError(std::string(kChoice) + R"(
    { "id": "x", "type": "text", "label": "X", "relevant": "business_form = 'canteen'" })");
        CHECK(
            message ==
            "SCJG-XK-001.json:10 $.fields[1].relevant: the condition \"business_form = 'canteen'\" names the "
            "option 'canteen', "
            "which \"business_form\" does not have — use one of the option values: 'food_sales', 'catering'");
    }
    SECTION("a number compared with text") {
        const auto message =
            onlyError(R"(    { "id": "area", "type": "number", "unit": "平方米", "label": "面积" },
    { "id": "x", "type": "text", "label": "X", "relevant": "area > 'big'" })");
        CHECK(message == "SCJG-XK-001.json:9 $.fields[1].relevant: the condition \"area > 'big'\" tests "
                         "\"area\" (number) in a way that can "
                         "never hold — a number field is compared with a number, e.g. > 100");
    }
    SECTION("contains on a single choice") {
        auto result = parse(std::string(kChoice) + R"(
    { "id": "x", "type": "text", "label": "X", "relevant": "business_form contains 'catering'" })");
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].fix.str() == "\"contains\" works only on a multiple choice field");
    }
}

TEST_CASE("a pattern that is not a regular expression is refused at load", "[form]") {
    auto result = parse(
        R"(    { "id": "postal_code", "type": "text", "label": "邮政编码", "pattern": "^[0-9{6}$", "pattern_hint": "6位数字" })");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == "form.pattern");
    CHECK(result.errors[0].where == "SCJG-XK-001.json:8 $.fields[0].pattern");
    CHECK(result.errors[0].what.str().starts_with("the pattern is not a valid regular expression: "));
    CHECK(result.errors[0].fix.str() ==
          "correct the pattern; forms/README.md 8.3 shows examples such as ^[0-9]{6}$");
}

TEST_CASE("a pattern needs the hint the clerk is shown when an answer does not match", "[form]") {
    CHECK(
        onlyError(
            R"(    { "id": "postal_code", "type": "text", "label": "邮政编码", "pattern": "^[0-9]{6}$" })") ==
        "SCJG-XK-001.json:8 $.fields[0].pattern: a field with a \"pattern\" needs a \"pattern_hint\" — add "
        "\"pattern_hint\": what the clerk "
        "must type, e.g. \"6位数字\"");
}

TEST_CASE("other mistakes of a definition are each named with the fix", "[form]") {
    SECTION("a misspelt key") {
        CHECK(onlyError(R"(    { "id": "name", "type": "text", "lable": "名称", "label": "名称" })") ==
              "SCJG-XK-001.json:8 $.fields[0].lable: unknown field \"lable\" — remove it, or check its "
              "spelling against forms/README.md");
        auto result = parse(R"(    { "id": "name", "type": "text", "lable": "名称" })");
        REQUIRE(result.errors.size() == 2);
        CHECK(result.errors[1].str() ==
              "SCJG-XK-001.json:8 $.fields[0].lable: unknown field \"lable\" — did you mean \"label\"?");
    }
    SECTION("an id used twice") {
        CHECK(onlyError(R"(    { "id": "name", "type": "text", "label": "名称" },
    { "id": "name", "type": "address", "label": "地址" })") ==
              "SCJG-XK-001.json:9 $.fields[1].id: the field id \"name\" is used twice — give each field its "
              "own id");
    }
    SECTION("a key of another type") {
        CHECK(onlyError(R"(    { "id": "name", "type": "text", "label": "名称", "unit": "米" })") ==
              "SCJG-XK-001.json:8 $.fields[0].unit: \"unit\" does not apply to a field of type \"text\" — "
              "remove it, or change the type; "
              "forms/README.md 8.3 lists the keys of each type");
    }
    SECTION("a number without its unit") {
        CHECK(onlyError(R"(    { "id": "area", "type": "number", "label": "面积" })") ==
              "SCJG-XK-001.json:8 $.fields[0].unit: the required field \"unit\" is missing — add \"unit\" to "
              "this entry; forms/README.md says what it holds");
    }
    SECTION("an unknown default source, and one of the wrong kind") {
        CHECK(
            onlyError(
                R"(    { "id": "name", "type": "text", "label": "名称", "default_from": "applicant.nickname" })")
                .find("\"applicant.nickname\" is not a source of default values — use one of: "
                      "applicant.name, ") != std::string::npos);
        CHECK(
            onlyError(
                R"(    { "id": "id", "type": "id_number", "label": "身份证", "default_from": "applicant.phone" })") ==
            "SCJG-XK-001.json:8 $.fields[0].default_from: \"applicant.phone\" cannot fill a field of type "
            "\"ID number\" — fill it from a source "
            "of the right kind; forms/README.md 8.5 lists them");
    }
    SECTION("a group inside a group") {
        auto result = parse(R"(    { "id": "rows", "type": "group", "label": "行", "fields": [
      { "id": "inner", "type": "group", "label": "内", "fields": [ { "id": "a", "type": "text", "label": "A" } ] } ] })");
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].code == "form.nested_group");
    }
    SECTION("an option listed twice, and a choice with one option") {
        auto result = parse(
            R"(    { "id": "kind", "type": "choice", "label": "类别", "options": [ { "value": "a", "label": "甲" }, { "value": "a", "label": "乙" } ] },
    { "id": "one", "type": "choice", "label": "一", "options": [ { "value": "a", "label": "甲" } ] })");
        REQUIRE(result.errors.size() == 2);
        CHECK(result.errors[0].str() == "SCJG-XK-001.json:8 $.fields[0].options[1].value: the option value "
                                        "\"a\" is listed twice — give each option its own value");
        CHECK(result.errors[1].str() == "SCJG-XK-001.json:9 $.fields[1].options: \"options\" needs at least "
                                        "2 entries — add the missing entries");
    }
    SECTION("min above max") {
        CHECK(
            onlyError(
                R"(    { "id": "n", "type": "number", "unit": "人", "label": "人数", "min": 10, "max": 1 })") ==
            "SCJG-XK-001.json:8 $.fields[0].min: \"min\" is greater than \"max\" — swap them, or correct one "
            "of them");
    }
    SECTION("every problem of the file at once") {
        auto result = parse(R"(    { "id": "Name", "type": "text", "label": "" },
    { "id": "x", "type": "colour", "label": "X", "relevant": "nope" })");
        CHECK(result.errors.size() == 4);
    }
}

TEST_CASE("the header says what the file is", "[form]") {
    auto result = parseApplicationForm(
        R"({"format": "ywtb-catalogue", "format_version": 1, "item": "SCJG-XK-001", "version": 1,
        "title": "表", "fields": [ { "id": "a", "type": "text", "label": "A" } ] })",
        "x.json");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].str() == "x.json:1 $.format: \"format\" is \"ywtb-catalogue\", but an application "
                                    "form says \"ywtb-application-form\" — "
                                    "check that the file is an application form");
}
