#include "core/centre_config.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {

std::string centreWith(const std::string& extra) {
    return R"({
  "format": "ywtb-centre",
  "format_version": 1,
  "code": "310104",
  "name": "上海市徐汇区行政服务中心",
  "short_name": "徐汇",)" +
           extra + R"(
  "windows": [ { "id": "W01", "name": "1号综合窗口", "type": "universal" } ],
  "document_numbers": {
    "acceptance_notice": "沪徐汇受〔{year}〕{seq:6}号", "receipt": "沪徐汇收〔{year}〕{seq:6}号",
    "correction_notice": "沪徐汇补〔{year}〕{seq:6}号", "supplement_notice": "沪徐汇容〔{year}〕{seq:6}号",
    "refusal_notice": "沪徐汇不受〔{year}〕{seq:6}号", "approval_decision": "沪徐汇准〔{year}〕{seq:6}号",
    "denial_decision": "沪徐汇不准〔{year}〕{seq:6}号", "delivery_receipt": "沪徐汇送〔{year}〕{seq:6}号"
  }
}
)";
}

} // namespace

TEST_CASE("centre: the progress address and the seal image are optional and checked when given", "[centre]") {
    auto plain = parseCentreConfig(centreWith(""), "centre.json");
    REQUIRE(plain.ok());
    CHECK(progressUrlOf(plain.config, "310104-W01-20260928-0001").empty());
    CHECK(plain.config.sealImage.empty());

    auto configured = parseCentreConfig(centreWith(R"(
  "progress_url": "https://zwdt.example.gov.cn/progress?case={case}", "seal_image": "seal.png",)"),
                                        "centre.json");
    REQUIRE(configured.ok());
    CHECK(progressUrlOf(configured.config, "310104-W01-20260928-0001") ==
          "https://zwdt.example.gov.cn/progress?case=310104-W01-20260928-0001");
    CHECK(configured.config.sealImage == "seal.png");

    auto bad = parseCentreConfig(centreWith(R"(
  "progress_url": "http://zwdt.example.gov.cn/progress", "seal_image": "seal.jpg",)"),
                                 "centre.json");
    REQUIRE(bad.errors.size() == 2);
    CHECK(bad.errors[0].code == "centre.progress_url");
    CHECK_THAT(bad.errors[0].str(), Catch::Contains("centre.json:7") && Catch::Contains("{case}"));
    CHECK(bad.errors[1].code == "centre.seal_image");
}

TEST_CASE("centre: the case number is found in what the scanner typed from a QR code", "[centre]") {
    CHECK(caseNumberIn("310104-W01-20261128-0007") == "310104-W01-20261128-0007");
    CHECK(caseNumberIn("https://zwdt.example.gov.cn/progress?case=310104-W01-20261128-0007") ==
          "310104-W01-20261128-0007");
    CHECK(caseNumberIn("https://x.example/310104-P01-20261128-12345/status") == "310104-P01-20261128-12345");
    CHECK_FALSE(caseNumberIn("沪徐汇受〔2026〕000123号").has_value());
    CHECK_FALSE(caseNumberIn("310104-W01-2026112-0007").has_value());   // a date of 7 digits
    CHECK_FALSE(caseNumberIn("310104-w01-20261128-0007").has_value());  // window ids are capitals
    CHECK_FALSE(caseNumberIn("1310104-W01-20261128-0007").has_value()); // seven digits before the window
    CHECK_FALSE(caseNumberIn("").has_value());
}
