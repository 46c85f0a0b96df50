#include "core/catalogue.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {

Item item(std::string code, std::string name, std::string department,
          std::vector<std::string> keywords = {}) {
    Item i;
    i.code = std::move(code);
    i.name = std::move(name);
    i.department = std::move(department);
    i.keywords = std::move(keywords);
    i.materials.push_back(
        Material{"M01", "申请书", MaterialRequirement::Required, MaterialForm::Original, 1, "签字", "", ""});
    return i;
}

Catalogue sample() {
    return Catalogue({item("SCJG-XK-001", "食品经营许可（新办）", "区市场监管局", {"餐饮", "开饭店"}),
                      item("SCJG-XK-002", "食品经营许可（变更）", "区市场监管局"),
                      item("WSJK-XK-001", "公共场所卫生许可", "区卫生健康委"),
                      item("JSGL-XK-001", "建筑工程施工许可证核发", "区建设管理委"),
                      item("MZJ-QR-001", "内地居民结婚登记", "区民政局")});
}

std::vector<std::string> codes(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits)
        out.push_back(h.item->code);
    return out;
}

} // namespace

TEST_CASE("pinyin initials find the food business items", "[search]") {
    const auto catalogue = sample();
    auto hits = catalogue.search("spjy");
    CHECK(codes(hits) == std::vector<std::string>{"SCJG-XK-001", "SCJG-XK-002"});
}

TEST_CASE("an exact code comes first, in any case", "[search]") {
    const auto catalogue = sample();
    auto hits = catalogue.search("wsjk-xk-001");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].item->code == "WSJK-XK-001");
    CHECK(catalogue.find("scjg-xk-002")->name == "食品经营许可（变更）");
    CHECK(catalogue.find("NOPE-XK-001") == nullptr);
}

TEST_CASE("Chinese text matches names, and names that start with it rank first", "[search]") {
    auto catalogue = sample();
    CHECK(codes(catalogue.search("许可")) ==
          std::vector<std::string>{"JSGL-XK-001", "SCJG-XK-001", "SCJG-XK-002", "WSJK-XK-001"});
    CHECK(catalogue.search("食品").at(0).score > catalogue.search("许可").at(0).score);
    CHECK(codes(catalogue.search("结婚")) == std::vector<std::string>{"MZJ-QR-001"});
    CHECK(catalogue.search("施工许可").at(0).item->code == "JSGL-XK-001");
}

TEST_CASE("keywords and departments find items too", "[search]") {
    auto catalogue = sample();
    CHECK(codes(catalogue.search("开饭店")) == std::vector<std::string>{"SCJG-XK-001"});
    CHECK(codes(catalogue.search("民政")) == std::vector<std::string>{"MZJ-QR-001"});
}

TEST_CASE("every word of the query must match", "[search]") {
    auto catalogue = sample();
    CHECK(codes(catalogue.search("spjy 变更")) == std::vector<std::string>{"SCJG-XK-002"});
    CHECK(catalogue.search("spjy 结婚").empty());
    CHECK(catalogue.search("   ").empty());
    CHECK(catalogue.search("zzzz").empty());
}

TEST_CASE("the summary counts items, departments and materials", "[search]") {
    auto s = sample().summary();
    CHECK(s.items == 5);
    CHECK(s.materials == 5);
    CHECK(s.perDepartment.size() == 4);
    CHECK(s.perDepartment.at("区市场监管局") == 2);
}
