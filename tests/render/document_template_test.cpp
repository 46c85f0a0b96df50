#include "render/document_filler.h"
#include "render/document_template.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb;
using namespace ywtb::render;

namespace {

std::string templateWith(const std::string& blocks) {
    return "{\n  \"format\": \"ywtb-template\",\n  \"format_version\": 1,\n  \"kind\": \"acceptance\",\n  "
           "\"version\": 2,\n"
           "  \"title\": \"受理通知书\",\n  \"blocks\": [\n" +
           blocks + "\n  ]\n}\n";
}

TemplateResult parse(const std::string& blocks) {
    return parseDocumentTemplate(templateWith(blocks), "acceptance.json");
}

core::Case sampleCase() {
    core::Case c;
    c.number = "310104-W01-20260928-0001";
    c.item.code = "SCJG-XK-001";
    c.item.name = "食品经营许可（新办）";
    c.item.limits = {10, 5};
    c.item.materials = {{"M01", "申请书", core::MaterialRequirement::Required, core::MaterialForm::Original,
                         1, "签字", "", ""},
                        {"M02", "平面图", core::MaterialRequirement::Secondary, core::MaterialForm::Copy, 1,
                         "标明面积", "", ""}};
    c.materials = {{"M01", core::MaterialStatus::Original, "", "", {}},
                   {"M02", core::MaterialStatus::Missing, "", "", {}}};
    c.applicant = {
        core::ApplicantKind::Person, "张三 & 李四", "11010519491231002X", "", "", "13812345678", ""};
    c.window = "W01";
    c.createdOn = *core::CivilDate::parse("2026-09-28");
    c.acceptedOn = c.createdOn;
    c.duePromised = *core::CivilDate::parse("2026-10-10");
    return c;
}

} // namespace

TEST_CASE("templates: an unknown field is refused with the template, the line and the field", "[template]") {
    auto result = parse(R"(    { "type": "paragraph", "text": "{{applicant.nmae}}：" })");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == "template.unknown_field");
    CHECK(result.errors[0].where == "acceptance.json:8 $.blocks[0].text");
    CHECK_THAT(result.errors[0].str(), Catch::Contains("applicant.nmae"));
}

TEST_CASE("templates: unclosed and stray sections, lists printed as text, partials", "[template]") {
    CHECK(parse(R"({ "type": "paragraph", "text": "{{#has_gaps}}有缺" })").errors.at(0).code ==
          "template.unclosed_section");
    CHECK(parse(R"({ "type": "paragraph", "text": "x{{/has_gaps}}" })").errors.at(0).code ==
          "template.unexpected_close");
    CHECK(parse(R"({ "type": "paragraph", "text": "{{gaps}}" })").errors.at(0).code == "template.not_text");
    CHECK(parse(R"({ "type": "paragraph", "text": "{{> header}}" })").errors.at(0).code ==
          "template.unsupported_tag");
    CHECK(parse(R"({ "type": "paragraph", "text": "{{applicant.name" })").errors.at(0).code ==
          "template.unclosed_tag");
}

TEST_CASE("templates: table rows must name a list, and cells see the entry's fields", "[template]") {
    auto notList = parse(
        R"({ "type": "table", "rows": "applicant", "columns": [ { "header": "x", "cell": "{{name}}" } ] })");
    CHECK(notList.errors.at(0).code == "template.not_list");
    auto good = parse(
        R"({ "type": "table", "rows": "gaps", "columns": [ { "header": "材料", "width": 3, "cell": "{{index}}. {{name}}：{{problem}}（{{case.number}}）" } ] })");
    CHECK(good.ok());
    auto wrongScope = parse(R"({ "type": "paragraph", "text": "{{problem}}" })");
    CHECK(wrongScope.errors.at(0).code == "template.unknown_field");
}

TEST_CASE("templates: block types, when-fields and format are checked", "[template]") {
    CHECK(parse(R"({ "type": "poster", "text": "x" })").errors.at(0).code == "json.choice");
    CHECK(parse(R"({ "type": "paragraph", "when": "has_gap", "text": "x" })").errors.at(0).code ==
          "template.unknown_field");
    auto wrongFormat = parseDocumentTemplate(
        R"({"format": "ywtb-catalogue", "format_version": 1, "kind": "acceptance", "version": 1,
        "title": "x", "blocks": [{"type": "space", "mm": 3}]})",
        "t.json");
    CHECK(wrongFormat.errors.at(0).code == "template.format");
}

TEST_CASE("filling: fields, gaps, when-blocks and tables come from the case, text is not HTML-escaped",
          "[template]") {
    auto parsed = parse(
        R"(    { "type": "paragraph", "text": "{{applicant.name}}：{{item.name}}，承诺{{case.due_promised}}前办结。" },
    { "type": "paragraph", "when": "has_gaps", "text": "尚缺：{{#gaps}}{{name}}{{/gaps}}" },
    { "type": "paragraph", "when": "case.accepted_by_default", "text": "视为受理" },
    { "type": "table", "rows": "materials", "columns": [ { "header": "序号", "cell": "{{index}}" }, { "header": "状态", "cell": "{{status}}" } ] },
    { "type": "qr", "payload": "{{case.number}}" })");
    REQUIRE(parsed.ok());
    CHECK(parsed.value.version == 2);
    const auto c = sampleCase();
    core::CentreConfig centre;
    centre.name = "上海市徐汇区行政服务中心";
    const core::IssuedDocument number{"acceptance_notice", "沪徐汇受〔2026〕000001号", c.createdOn};
    DocumentInputs inputs;
    inputs.c = &c;
    inputs.centre = &centre;
    inputs.today = c.createdOn;
    inputs.document = &number;
    auto document = fillTemplate(parsed.value, inputs);
    REQUIRE(document.ok());
    CHECK(document->number == "沪徐汇受〔2026〕000001号");
    REQUIRE(document->blocks.size() == 4); // the accepted-by-default paragraph is left out
    CHECK(document->blocks[0].text == "张三 & 李四：食品经营许可（新办），承诺2026年10月10日前办结。");
    CHECK(document->blocks[1].text == "尚缺：平面图");
    CHECK(document->blocks[2].table.rows ==
          std::vector<std::vector<std::string>>{{"1", "已提供（原件）"}, {"2", "缺失"}});
    CHECK(document->blocks[3].qrPayload == c.number);
}

TEST_CASE("filling: list separators with last, the refusal's provision, the QR code's progress address",
          "[template]") {
    auto parsed = parse(
        R"(    { "type": "paragraph", "text": "材料：{{#materials}}{{name}}{{^last}}、{{/last}}{{/materials}}。" },
    { "type": "paragraph", "text": "{{#materials}}{{#first}}首项{{name}}{{/first}}{{/materials}}" },
    { "type": "paragraph", "text": "根据{{refusal.legal_basis}}" },
    { "type": "qr", "payload": "{{case.qr}}" })");
    REQUIRE(parsed.ok());
    auto c = sampleCase();
    c.refusal = core::Refusal{core::RefusalKind::NotOurPower, "不属于本机关职权", "上海市市场监督管理局", ""};
    core::CentreConfig centre;
    DocumentInputs inputs;
    inputs.c = &c;
    inputs.centre = &centre;
    inputs.today = c.createdOn;
    auto document = fillTemplate(parsed.value, inputs);
    REQUIRE(document.ok());
    CHECK(document->blocks[0].text == "材料：申请书、平面图。");
    CHECK(document->blocks[1].text == "首项申请书");
    CHECK(document->blocks[2].text == "根据《中华人民共和国行政许可法》第三十二条第一款第（二）项");
    CHECK(document->blocks[3].qrPayload == c.number); // no progress address configured: the number alone

    centre.progressUrl = "https://zwdt.example.gov.cn/progress?case={case}";
    c.refusal->kind = core::RefusalKind::NoApprovalNeeded;
    document = fillTemplate(parsed.value, inputs);
    REQUIRE(document.ok());
    CHECK(document->blocks[2].text == "根据《中华人民共和国行政许可法》第三十二条第一款第（一）项");
    CHECK(document->blocks[3].qrPayload ==
          "https://zwdt.example.gov.cn/progress?case=310104-W01-20260928-0001");
}
