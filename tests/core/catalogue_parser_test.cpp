#include "core/catalogue_parser.h"
#include "core/item_json.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Stringifier.h>
#include <catch2/catch.hpp>
#include <sstream>

using namespace ywtb::core;

namespace {

// One item as a centre would write it; tests change one thing at a time.
std::string itemJson(const std::string& replaceFrom = "", const std::string& replaceTo = "") {
    std::string item = R"({
      "code": "SCJG-XK-001",
      "name": "食品经营许可（新办）",
      "department": "徐汇区市场监督管理局",
      "type": "licence",
      "legal_basis": ["《中华人民共和国食品安全法》第三十五条"],
      "time_limits": {"statutory": 10, "promised": 5},
      "special_steps": [{"name": "现场核查", "counts_in_limit": false, "max_days": 10}],
      "conditions": ["有与经营的食品品种、数量相适应的经营场所"],
      "fee": {"free": true},
      "windows": ["universal", "domain"],
      "visits": 1,
      "result": {"document": "食品经营许可证", "delivery": ["window", "mail"]},
      "keywords": ["餐饮", "开饭店"],
      "materials": [
        {"id": "M01", "name": "食品经营许可申请书", "requirement": "required", "form": "original", "copies": 1,
         "standard": "申请人签字或盖章"},
        {"id": "M02", "name": "营业执照", "requirement": "required", "form": "copy", "copies": 1,
         "standard": "在有效期内", "elicence": "营业执照"},
        {"id": "M03", "name": "经营场所平面图", "requirement": "secondary", "form": "copy", "copies": 1,
         "standard": "标明面积和布局", "applies_when": "设有加工操作区的"}
      ]
    })";
    if (!replaceFrom.empty()) {
        const auto at = item.find(replaceFrom);
        REQUIRE(at != std::string::npos);
        item.replace(at, replaceFrom.size(), replaceTo);
    }
    return item;
}

std::string catalogueJson(const std::string& items) {
    return R"({"$schema": "../catalogue.schema.json", "format": "ywtb-catalogue", "format_version": 1, "items": [)" +
           items + "]}";
}

CatalogueFileResult parse(const std::string& items) {
    return parseCatalogueFile(catalogueJson(items), "scjg.json");
}

bool hasError(const CatalogueFileResult& r, const std::string& code, const std::string& where) {
    for (const auto& e : r.errors)
        if (e.code == code && ywtb::testing::withoutLine(e.where) == where)
            return true;
    return false;
}

} // namespace

TEST_CASE("a complete item is read with every part of its guide", "[catalogue]") {
    auto result = parse(itemJson());
    REQUIRE(result.ok());
    REQUIRE(result.items.size() == 1);
    const auto& item = result.items[0].item;
    CHECK(item.code == "SCJG-XK-001");
    CHECK(item.type == ItemType::Licence);
    CHECK(item.limits.statutory == 10);
    CHECK(item.limits.promised == 5);
    CHECK(item.specialSteps.at(0).maxDays == 10);
    CHECK_FALSE(item.specialSteps.at(0).countsInLimit);
    CHECK(item.allowsWindow(WindowType::Domain));
    CHECK_FALSE(item.allowsWindow(WindowType::CrossProvince));
    CHECK(item.materials.size() == 3);
    CHECK(item.material("M02")->elicence == "营业执照");
    CHECK(item.material("M03")->requirement == MaterialRequirement::Secondary);
    CHECK(item.result->delivery.size() == 2);
}

TEST_CASE("a missing field is named with the file and its JSON path", "[catalogue]") {
    auto result = parse(itemJson(R"("name": "营业执照", )", ""));
    REQUIRE_FALSE(result.ok());
    CHECK(result.items.empty());
    CHECK(hasError(result, "json.missing", "scjg.json $.items[0].materials[1].name"));
    CHECK_THAT(result.errors[0].fix.str(), Catch::Contains("add \"name\""));
}

TEST_CASE("every problem of a file is reported at once", "[catalogue]") {
    std::string broken = itemJson(R"("visits": 1)", R"("visits": 5)");
    broken.replace(broken.find(R"("type": "licence")"), 17, R"("type": "permit")");
    broken.replace(broken.find(R"("copies": 1,
         "standard": "在有效期内")"),
                   12, R"("copies": "1",)");
    auto result = parse(broken);
    CHECK(hasError(result, "json.range", "scjg.json $.items[0].visits"));
    CHECK(hasError(result, "json.choice", "scjg.json $.items[0].type"));
    CHECK(hasError(result, "json.type", "scjg.json $.items[0].materials[1].copies"));
    CHECK(result.errors.size() == 3);
}

TEST_CASE("a misspelt field is refused with the field it was probably meant to be", "[catalogue]") {
    auto result = parse(itemJson(R"("department")", R"("departmnet")"));
    CHECK(hasError(result, "json.unknown_field", "scjg.json $.items[0].departmnet"));
    CHECK(hasError(result, "json.missing", "scjg.json $.items[0].department"));
    bool suggested = false;
    for (const auto& e : result.errors)
        suggested = suggested || e.fix.str().find("did you mean \"department\"") != std::string::npos;
    CHECK(suggested);
}

TEST_CASE("a promised limit longer than the statutory one is refused", "[catalogue]") {
    auto result = parse(itemJson(R"("promised": 5)", R"("promised": 15)"));
    CHECK(hasError(result, "catalogue.promised_over_statutory", "scjg.json $.items[0].time_limits.promised"));
}

TEST_CASE("a statutory limit of zero requires the item to be decided on the spot", "[catalogue]") {
    auto zero = itemJson(R"("statutory": 10, "promised": 5)", R"("statutory": 0, "promised": 0)");
    CHECK(hasError(parse(zero), "catalogue.zero_limit", "scjg.json $.items[0].time_limits"));
    auto onTheSpot = zero;
    onTheSpot.replace(onTheSpot.find(R"("visits": 1)"), 11, R"("visits": 1, "on_the_spot": true)");
    CHECK(parse(onTheSpot).ok());
}

TEST_CASE("material ids and item codes must be unique", "[catalogue]") {
    auto twice = parse(itemJson(R"("id": "M03")", R"("id": "M01")"));
    CHECK(hasError(twice, "catalogue.duplicate_material", "scjg.json $.items[0].materials[2].id"));
    auto sameCode = parse(itemJson() + "," + itemJson());
    CHECK(hasError(sameCode, "catalogue.duplicate_code", "scjg.json $.items[1].code"));
}

TEST_CASE("item codes and material ids follow their patterns", "[catalogue]") {
    for (const char* bad :
         {"scjg-xk-001", "SCJG XK 001", "-SCJG-XK", "SCJG1", "SCJG-XK-001-SCJG-XK-001-SCJG-XK-001-SCJG-X"}) {
        INFO(bad);
        CHECK(hasError(parse(itemJson(R"("SCJG-XK-001")", std::string("\"") + bad + "\"")), "catalogue.code",
                       "scjg.json $.items[0].code"));
    }
    CHECK(hasError(parse(itemJson(R"("id": "M01")", R"("id": "M 01")")), "catalogue.material_id",
                   "scjg.json $.items[0].materials[0].id"));
}

TEST_CASE("amounts are yuan with at most two decimals", "[catalogue]") {
    const auto withAmount = [](const std::string& amount) {
        return parse(itemJson(R"("fee": {"free": true})",
                              R"("fee": {"free": false, "items": [{"name": "工本费", "amount": ")" + amount +
                                  R"(", "basis": "依据"}]})"));
    };
    for (const char* good : {"0", "10", "10.5", "120.00"})
        CHECK(withAmount(good).ok());
    for (const char* bad : {"10.", ".5", "1.234", "-1", "1,000", "１０"}) {
        INFO(bad);
        CHECK(hasError(withAmount(bad), "catalogue.amount", "scjg.json $.items[0].fee.items[0].amount"));
    }
}

TEST_CASE("fees: a free item lists no charges, a charged one names amount and legal basis", "[catalogue]") {
    auto freeWithItems = parse(itemJson(R"("fee": {"free": true})", R"("fee": {"free": true, "items": []})"));
    CHECK(hasError(freeWithItems, "catalogue.fee_items", "scjg.json $.items[0].fee.items"));
    auto charged = parse(itemJson(
        R"("fee": {"free": true})",
        R"("fee": {"free": false, "items": [{"name": "工本费", "amount": "10.5", "basis": "沪价费〔2017〕1号"}]})"));
    REQUIRE(charged.ok());
    CHECK(charged.items[0].item.fee.items.at(0).amount == "10.5");
    auto noBasis =
        parse(itemJson(R"("fee": {"free": true})",
                       R"("fee": {"free": false, "items": [{"name": "工本费", "amount": "ten"}]})"));
    CHECK(hasError(noBasis, "catalogue.amount", "scjg.json $.items[0].fee.items[0].amount"));
    CHECK(hasError(noBasis, "json.missing", "scjg.json $.items[0].fee.items[0].basis"));
    CHECK(hasError(parse(itemJson(R"("fee": {"free": true})", R"("fee": {"free": false})")), "json.missing",
                   "scjg.json $.items[0].fee.items"));
}

TEST_CASE("the file must say it is a catalogue of a format version this build reads", "[catalogue]") {
    auto calendar =
        parseCatalogueFile(R"({"format": "ywtb-calendar", "format_version": 1, "items": []})", "x.json");
    CHECK(hasError(calendar, "catalogue.format", "x.json $.format"));
    CHECK(hasError(calendar, "json.too_few", "x.json $.items"));
    auto future = parseCatalogueFile(
        R"({"format": "ywtb-catalogue", "format_version": 2, "items": [)" + itemJson() + "]}", "x.json");
    CHECK(hasError(future, "catalogue.format_version", "x.json $.format_version"));
}

TEST_CASE("every problem names the line an editor jumps to", "[catalogue]") {
    // itemJson() starts on line 1 of the file, "code" is on line 2, the second material opens on line 18.
    auto result = parse(itemJson(R"("SCJG-XK-001")", R"("scjg")"));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].where == "scjg.json:2 $.items[0].code");
    auto missing = parse(itemJson(R"("name": "营业执照", )", ""));
    CHECK(missing.errors.at(0).where ==
          "scjg.json:18 $.items[0].materials[1].name"); // a missing key: the line of its object
}

TEST_CASE("a syntax error is located by line and column in the file", "[catalogue]") {
    auto result = parseCatalogueFile("{\"format\": \"ywtb-catalogue\",\n \"items\": [,]}", "bad.json");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].code == "json.syntax");
    CHECK(result.errors[0].where == "bad.json:2:12");
    CHECK(parseCatalogueFile("[1, 2]", "list.json").errors.at(0).code == "json.not_object");
}

TEST_CASE("an item written out as JSON reads back equal", "[catalogue]") {
    auto first = parse(itemJson(
        R"("fee": {"free": true})",
        R"("fee": {"free": false, "items": [{"name": "工本费", "amount": "10", "unit": "每证", "basis": "依据"}]})"));
    REQUIRE(first.ok());
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(itemToJson(first.items[0].item), out);
    auto again = parseItemJson(out.str(), "roundtrip");
    REQUIRE(again.ok());
    std::ostringstream out2;
    Poco::JSON::Stringifier::stringify(itemToJson(*again), out2);
    CHECK(out.str() == out2.str());
    CHECK(again->fee.items.at(0).unit == "每证");
    CHECK(again->materials.at(2).appliesWhen == "设有加工操作区的");
}

TEST_CASE("the same code in two files is found across the import", "[catalogue]") {
    auto a = parse(itemJson());
    auto b = parse(itemJson());
    auto errors = findDuplicateCodes({{"a.json", &a.items}, {"b.json", &b.items}});
    REQUIRE(errors.size() == 1);
    CHECK(ywtb::testing::withoutLine(errors[0].where) == "b.json $.items[0].code");
    CHECK_THAT(errors[0].str(), Catch::Contains("a.json $.items[0]"));
}
