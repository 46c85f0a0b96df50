// Runs the real ywtb-counter-cli binary, as a clerk or an administrator would, and checks what it prints.

#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>
#include <cstdlib>

using ywtb::testing::TempDir;

namespace {

using Run = ywtb::testing::CliRun;

Run runCli(const std::vector<std::string>& args, const std::string& lang = "en_US.UTF-8") {
    return ywtb::testing::runCli(YWTB_CLI, args, lang);
}

std::string quoted(const std::string& word) {
    return ywtb::testing::shellQuoted(word);
}

std::string fixture(const std::string& name) {
    return (ywtb::testing::fixturesDir() / "catalogue" / name).string();
}

} // namespace

TEST_CASE("cli: validate id exits 0 for the standard's example", "[cli]") {
    auto run = runCli({"validate", "id", "11010519491231002X"});
    CHECK(run.exitCode == 0);
    CHECK_THAT(run.out, Catch::Contains("1949-12-31"));
}

TEST_CASE("cli: validate id exits 1 and names the check digit", "[cli]") {
    auto run = runCli({"validate", "id", "11010519491231002Y"});
    CHECK(run.exitCode == 1);
    CHECK_THAT(run.err, Catch::Contains("check digit"));
    CHECK_THAT(run.err, !Catch::Contains("11010519491231002Y")); // masked
}

TEST_CASE("cli: validate uscc and phone, text and JSON", "[cli]") {
    CHECK(runCli({"validate", "uscc", "91350100M000100Y43"}).exitCode == 0);
    auto bad = runCli({"--json", "validate", "uscc", "91350100M000100Y44"});
    CHECK(bad.exitCode == 1);
    // Parsed, not matched as text: the document's layout is not the contract.
    const auto document = Poco::JSON::Parser().parse(bad.out).extract<Poco::JSON::Object::Ptr>();
    CHECK_FALSE(document->getValue<bool>("ok"));
    REQUIRE(document->getArray("errors")->size() == 1);
    CHECK(document->getArray("errors")->getObject(0)->getValue<std::string>("code") == "uscc.check_digit");
    auto phone = runCli({"--json", "validate", "phone", "021 6487 1234 转 806"});
    CHECK(phone.exitCode == 0);
    CHECK_THAT(phone.out, Catch::Contains("021-64871234-806"));
}

TEST_CASE("cli: --json catalogue search spjy lists the food business item", "[cli][catalogue]") {
    TempDir data;
    auto run = runCli({"--data-dir", data.path().string(), "--json", "catalogue", "search", "spjy"});
    REQUIRE(run.exitCode == 0);
    CHECK_THAT(run.out, Catch::Contains("食品经营许可"));
    CHECK_THAT(run.out, Catch::Contains("SCJG-XK-001"));
}

TEST_CASE("cli: catalogue summary, list and show read the seeded catalogue", "[cli][catalogue]") {
    TempDir data;
    const auto dir = data.path().string();
    auto summary = runCli({"--data-dir", dir, "catalogue", "summary"});
    REQUIRE(summary.exitCode == 0);
    CHECK_THAT(summary.out, Catch::Contains("Item catalogue:") && Catch::Contains("市场监督管理局"));
    auto list = runCli({"--data-dir", dir, "catalogue", "list"});
    CHECK(std::count(list.out.begin(), list.out.end(), '\n') >= 30);
    auto show = runCli({"--data-dir", dir, "catalogue", "show", "SCJG-XK-001"});
    REQUIRE(show.exitCode == 0);
    CHECK_THAT(show.out, Catch::Contains("Materials:") && Catch::Contains("Legal basis:") &&
                             Catch::Contains("statutory"));
    auto unknown = runCli({"--data-dir", dir, "catalogue", "show", "NOPE-XK-999"});
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("NOPE-XK-999"));
}

TEST_CASE("cli: deadline counts working days across National Day", "[cli][calendar]") {
    auto run = runCli({"deadline", "--from", "2026-09-28", "--days", "5"});
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.substr(0, 11) == "2026-10-10\n");
    auto json = runCli({"--json", "deadline", "--from=2026-09-28", "--days=5"});
    CHECK_THAT(json.out, Catch::Contains("2026-10-10"));
}

TEST_CASE("cli: deadline for an item uses its promised or statutory limit", "[cli][calendar]") {
    TempDir data;
    // 食品经营许可: statutory 10, promised 5 working days in the shipped guide
    auto promised = runCli(
        {"--data-dir", data.path().string(), "deadline", "--from", "2026-09-28", "--item", "SCJG-XK-001"});
    REQUIRE(promised.exitCode == 0);
    CHECK(promised.out.substr(0, 10) == "2026-10-10");
    auto statutory = runCli({"--data-dir", data.path().string(), "deadline", "--from", "2026-09-28", "--item",
                             "SCJG-XK-001", "--kind", "statutory"});
    CHECK(statutory.out.substr(0, 10) == "2026-10-16");
}

TEST_CASE("cli: a date beyond the known calendars names the missing year", "[cli][calendar]") {
    // Years without a notice get a provisional calendar up to two years ahead (docs/intake.md); not further.
    auto run = runCli({"deadline", "--from", "2031-03-01", "--days", "5"});
    CHECK(run.exitCode == 1);
    CHECK_THAT(run.err, Catch::Contains("2031"));
}

TEST_CASE("cli: a catalogue file with a missing field is refused and the store is unchanged",
          "[cli][catalogue]") {
    TempDir data;
    const auto dir = data.path().string();
    auto before = runCli({"--data-dir", dir, "--json", "catalogue", "list"});
    REQUIRE(before.exitCode == 0);
    auto import = runCli({"--data-dir", dir, "catalogue", "import", fixture("missing_material_name.json")});
    CHECK(import.exitCode == 1);
    CHECK_THAT(import.err, Catch::Contains("missing_material_name.json") &&
                               Catch::Contains("$.items[0].materials[1].name"));
    auto after = runCli({"--data-dir", dir, "--json", "catalogue", "list"});
    CHECK(after.out == before.out);
}

TEST_CASE("cli: a good catalogue file imports and its items are found", "[cli][catalogue]") {
    TempDir data;
    const auto dir = data.path().string();
    auto import = runCli({"--data-dir", dir, "catalogue", "import", fixture("valid_two_items.json")});
    REQUIRE(import.exitCode == 0);
    CHECK_THAT(import.out, Catch::Contains("2 items"));
    CHECK_THAT(runCli({"--data-dir", dir, "catalogue", "search", "csxk"}).out,
               Catch::Contains("TEST-XK-001"));
    auto removed = runCli({"--data-dir", dir, "catalogue", "remove", "test-xk-001"});
    CHECK(removed.exitCode == 0);
    CHECK_THAT(removed.out, Catch::Contains("TEST-XK-001"));
    CHECK(runCli({"--data-dir", dir, "catalogue", "show", "TEST-XK-001"}).exitCode == 1);
    CHECK(runCli({"--data-dir", dir, "catalogue", "remove", "TEST-XK-001"}).exitCode == 1);
}

TEST_CASE("cli: unknown commands and bad arguments print usage and exit 2", "[cli]") {
    auto unknown = runCli({"frobnicate"});
    CHECK(unknown.exitCode == 2);
    CHECK_THAT(unknown.err, Catch::Contains("usage:"));
    CHECK(runCli({}).exitCode == 2);
    CHECK(runCli({"validate", "id"}).exitCode == 2);
    CHECK(runCli({"validate", "passport", "E12345678"}).exitCode == 2);
    CHECK(runCli({"deadline", "--from", "2026-09-28"}).exitCode == 2);
    CHECK(runCli({"deadline", "--from", "2026-09-28", "--days", "five"}).exitCode == 2);
    CHECK(runCli({"deadline", "--from", "28.09.2026", "--days", "5"}).exitCode == 2);
    CHECK(runCli({"catalogue", "fly"}).exitCode == 2);
    CHECK(runCli({"--data-dir"}).exitCode == 2);
    CHECK(runCli({"--help"}).exitCode == 0);
}

TEST_CASE("cli: --version prints the version and the store schema", "[cli]") {
    auto run = runCli({"--version"});
    CHECK(run.exitCode == 0);
    CHECK_THAT(run.out, Catch::StartsWith("ywtb-counter-cli 0."));
}

TEST_CASE("cli: speaks Chinese in a zh locale and English otherwise", "[cli][i18n]") {
    auto chinese = runCli({"validate", "id", "11010519491231002Y"}, "zh_CN.UTF-8");
    CHECK(chinese.exitCode == 1);
    CHECK_THAT(chinese.err, Catch::Contains("错误") && Catch::Contains("校验码"));
    auto taiwan = runCli({"validate", "id", "11010519491231002Y"}, "zh_TW.UTF-8");
    CHECK_THAT(taiwan.err, Catch::Contains("校验码"));
    auto english = runCli({"validate", "id", "11010519491231002Y"}, "en_GB.UTF-8");
    CHECK_THAT(english.err, Catch::Contains("error:") && !Catch::Contains("错误"));
}

TEST_CASE("cli: a database from a newer version is refused with exit 1", "[cli]") {
    TempDir data;
    REQUIRE(std::system(
                ("sqlite3 " + quoted((data / "counter.sqlite3").string()) + " 'PRAGMA user_version = 500;'")
                    .c_str()) == 0);
    auto run = runCli({"--data-dir", data.path().string(), "catalogue", "list"});
    CHECK(run.exitCode == 1);
    CHECK_THAT(run.err, Catch::Contains("newer"));
}
