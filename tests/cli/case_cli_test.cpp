// The intake flow through the real CLI binary, as a clerk at window W01 would drive it.

#include "cli/cli_counter.h"
#include "support/cli_runner.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>
#include <sqlite3.h>

namespace {

struct Counter : ywtb::testing::CliCounter {
    Counter() {
        reserveNumbers({"acceptance_notice", "receipt", "correction_notice", "supplement_notice",
                        "refusal_notice", "approval_decision", "denial_decision", "delivery_receipt"});
    }
    std::string open() const { return openFoodCase(); }
    void completeMaterials(const std::string& number) const {
        completeFoodMaterials(number);
        // The 食品经营许可申请书 (forms/application): acceptance waits for it (DB31/T 862 8.1.2).
        const auto form = dir.write(
            "food-form.json",
            R"({"legal_representative_id": "310104198511200048", "residence": "上海市徐汇区漕溪北路1号",
            "premises_address": "上海市徐汇区漕溪北路1号101室", "premises_area": "85.5", "business_form": "catering", "categories": ["hot_food"],
            "online_sales": false, "employees": 6, "safety_officer": "李华", "safety_officer_id": "310101197803150026"})");
        ok({"case", "form", number, "--file", form.string()});
    }
};

std::string databaseDump(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string dump;
    for (const char* table : {"intake_case", "audit_log", "outbox", "document_block", "case_sequence"}) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, (std::string("SELECT * FROM ") + table).c_str(), -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            for (int i = 0; i < sqlite3_column_count(s); ++i) {
                const auto* text = sqlite3_column_text(s, i);
                dump += text ? reinterpret_cast<const char*>(text) : "NULL";
                dump += '|';
            }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return dump;
}

} // namespace

TEST_CASE("cli: case new prints the case number, and a bad applicant file names each field",
          "[cli][intake]") {
    Counter counter;
    const auto number = counter.open();
    CHECK(number == "310104-W01-20260928-0001");
    auto bad = counter.dir.write(
        "bad.json", R"({"name": "王五", "id_number": "11010519491231002Y", "phone": "1381234567"})");
    auto r = counter.run({"case", "new", "--item", "SCJG-XK-001", "--applicant", bad.string()});
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("$.id_number") && Catch::Contains("check digit") &&
                          Catch::Contains("$.phone"));
    CHECK_THAT(r.err, !Catch::Contains("11010519491231002Y"));
}

TEST_CASE("cli: accept a complete case, and the notice is numbered from the window's block",
          "[cli][intake]") {
    Counter counter;
    const auto number = counter.open();
    counter.completeMaterials(number);
    auto accepted = counter.run({"--json", "case", "decide", number, "accept"});
    REQUIRE(accepted.exitCode == 0);
    // The JSON parsed and its fields compared, whatever the indentation or the key order of the printer.
    Poco::JSON::Parser parser;
    const auto decided = parser.parse(accepted.out).extract<Poco::JSON::Object::Ptr>();
    CHECK(decided->getValue<std::string>("number") == number);
    CHECK(decided->getValue<std::string>("status") == "accepted");
    const auto documents = decided->getArray("documents");
    REQUIRE(documents);
    REQUIRE(documents->size() == 1);
    const auto notice = documents->getObject(0);
    CHECK(notice->getValue<std::string>("kind") == "acceptance_notice");
    CHECK(notice->getValue<std::string>("number") == "沪徐汇受〔2026〕000001号");
    REQUIRE(decided->has("accepted_on"));
    REQUIRE(decided->has("due_promised"));
    // ISO dates: the promised date is after the day of acceptance.
    CHECK(decided->getValue<std::string>("due_promised") > decided->getValue<std::string>("accepted_on"));
    CHECK(counter.run({"audit", "verify"}).exitCode == 0);
}

TEST_CASE("cli: an illegal step exits 1 naming the state and the rule, and the store is unchanged",
          "[cli][intake][illegal]") {
    Counter counter;
    const auto number = counter.open();
    counter.completeMaterials(number);
    REQUIRE(counter.run({"case", "decide", number, "accept"}).exitCode == 0);
    const auto before = databaseDump(counter.dir / "data" / "counter.sqlite3");
    auto again = counter.run({"case", "decide", number, "correction"});
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err,
               Catch::Contains("(accepted)") && Catch::Contains("cannot be sent a correction notice"));
    auto material = counter.run({"case", "material", number, "M01", "--status", "missing"});
    CHECK(material.exitCode == 1);
    CHECK(counter.run({"case", "review", number, "ready"}).exitCode == 1);
    CHECK(databaseDump(counter.dir / "data" / "counter.sqlite3") == before);
}

TEST_CASE("cli: the whole road from correction to release", "[cli][intake]") {
    Counter counter;
    const auto number = counter.open();
    counter.completeMaterials(number);
    REQUIRE(counter.run({"case", "material", number, "M05", "--status", "missing"}).exitCode == 0);
    auto corrected = counter.run({"case", "decide", number, "correction"});
    REQUIRE(corrected.exitCode == 0);
    CHECK_THAT(corrected.out, Catch::Contains("Gaps notified: M05"));
    auto again = counter.run({"case", "resubmit", number});
    REQUIRE(again.exitCode == 0);
    const auto second = again.out.substr(0, again.out.find('\n'));
    REQUIRE(counter.run({"case", "material", second, "M05", "--status", "copy"}).exitCode == 0);
    REQUIRE(counter.run({"case", "decide", second, "accept"}).exitCode == 0);
    REQUIRE(counter.run({"case", "review", second, "start"}).exitCode == 0);
    CHECK(counter.run({"case", "review", second, "deny"}).exitCode == 1); // a denial needs a reason
    REQUIRE(counter.run({"case", "review", second, "approve"}).exitCode == 0);
    REQUIRE(counter.run({"case", "review", second, "ready"}).exitCode == 0);
    auto mailWithoutTracking =
        counter.run({"case", "release", second, "--method", "mail", "--receiver", "张三"});
    CHECK(mailWithoutTracking.exitCode == 1);
    CHECK_THAT(mailWithoutTracking.err, Catch::Contains("tracking"));
    auto released = counter.run({"case", "release", second, "--method", "window", "--receiver", "李四",
                                 "--proxy-id", "11010519491231002X"});
    REQUIRE(released.exitCode == 0);
    CHECK_THAT(released.out, Catch::Contains("Status: released") && Catch::Contains("delivery_receipt"));
    auto show = counter.run({"case", "show", number});
    CHECK_THAT(show.out, Catch::Contains("Resubmitted as: " + second));
    CHECK(counter.run({"audit", "verify"}).exitCode == 0);
}

TEST_CASE("cli: refusal needs its kind, reason and where to apply", "[cli][intake]") {
    Counter counter;
    const auto number = counter.open();
    auto bare = counter.run({"case", "decide", number, "refuse"});
    CHECK(bare.exitCode == 1);
    CHECK(counter.run({"case", "decide", number, "refuse", "--reason-kind", "nonsense", "--reason", "x"})
              .exitCode == 2);
    auto refused = counter.run({"case", "decide", number, "refuse", "--reason-kind", "not_our_power",
                                "--reason", "属于市级事权", "--apply-to", "上海市市场监督管理局"});
    REQUIRE(refused.exitCode == 0);
    CHECK_THAT(refused.out, Catch::Contains("上海市市场监督管理局") && Catch::Contains("沪徐汇不受"));
}

TEST_CASE("cli: the training date is announced on every run", "[cli]") {
    Counter counter;
    CHECK_THAT(counter.run({"case", "list"}).err, Catch::Contains("training date 2026-09-28"));
    auto bad =
        ywtb::testing::runCli(YWTB_CLI, {"--version"}, "en_US.UTF-8", {"YWTB_TRAINING_DATE=yesterday"});
    CHECK(bad.exitCode == 2);
}

TEST_CASE("cli: list and sweep", "[cli][intake]") {
    Counter counter;
    const auto number = counter.open();
    auto drafts = counter.run({"case", "list", "--status", "draft"});
    CHECK_THAT(drafts.out, Catch::Contains(number));
    CHECK(counter.run({"case", "list", "--status", "limbo"}).exitCode == 2);
    auto sweep = counter.run({"case", "sweep"});
    CHECK(sweep.exitCode == 0);
    CHECK_THAT(sweep.out, Catch::Contains("0 accepted, 0 withdrawn"));
}

TEST_CASE("cli: a credit-flagged applicant gets no conditional acceptance", "[cli][intake]") {
    Counter counter;
    REQUIRE(counter.run({"credit", "flag", "91350100M000100Y43", "--reason", "严重失信主体名单"}).exitCode ==
            0);
    auto badCode = counter.run({"credit", "flag", "91350100M000100Y44", "--reason", "x"});
    CHECK(badCode.exitCode == 1);
    CHECK_THAT(badCode.err, Catch::Contains("check character"));
    auto badId = counter.run({"credit", "flag", "11010519491231002Y", "--reason", "x"});
    CHECK(badId.exitCode == 1);
    CHECK_THAT(badId.err, Catch::Contains("check digit"));
    const auto number = counter.open();
    counter.completeMaterials(number);
    REQUIRE(counter.run({"case", "material", number, "M05", "--status", "missing"}).exitCode == 0);
    auto r = counter.run(
        {"case", "decide", number, "conditional", "--pledge-signed", "--supplement-by", "2026-09-30"});
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("credit"));
}

TEST_CASE("cli: numbers are reserved per window without overlap, and audit recent shows who did it",
          "[cli][numbering]") {
    Counter counter;
    auto overlap = counter.run(
        {"numbers", "reserve", "--kind", "receipt", "--year", "2026", "--from", "900", "--to", "1100"});
    CHECK(overlap.exitCode == 1);
    CHECK_THAT(overlap.err, Catch::Contains("overlap"));
    CHECK(
        counter.run({"numbers", "reserve", "--kind", "poster", "--year", "2026", "--from", "1", "--to", "2"})
            .exitCode == 2);
    CHECK_THAT(counter.run({"numbers", "list"}).out, Catch::Contains("receipt  2026  1–1000  1000 left"));
    CHECK_THAT(counter.run({"audit", "recent", "1"}).out, Catch::Contains("S007@W01  numbers.reserve"));
}

TEST_CASE("cli: render prints the paper of a decision, registers it and hands back the same bytes",
          "[cli][documents]") {
    Counter counter;
    const auto number = counter.open();
    counter.completeMaterials(number);
    REQUIRE(counter.run({"case", "material", number, "M05", "--status", "missing"}).exitCode == 0);
    REQUIRE(counter.run({"case", "decide", number, "correction"}).exitCode == 0);
    const auto pdf = (counter.dir / "correction.pdf").string();
    auto rendered = counter.run({"render", "correction", "--case", number, "--out", pdf});
    INFO(rendered.err);
    REQUIRE(rendered.exitCode == 0);
    CHECK_THAT(rendered.out, Catch::Contains("沪徐汇补〔2026〕000001号"));
    const auto text = ywtb::testing::pdfText(pdf);
    CHECK_THAT(text, Catch::Contains(number) && Catch::Contains("经营场所平面布局图") &&
                         Catch::Contains("上海某某餐饮有限公司"));
    const auto first = ywtb::testing::readFile(pdf);
    auto again = counter.run({"render", "correction", "--case", number, "--out", pdf});
    CHECK_THAT(again.out, Catch::Contains("issued earlier"));
    CHECK(ywtb::testing::readFile(pdf) == first);
    CHECK_THAT(counter.run({"documents", number}).out,
               Catch::Contains("correction  沪徐汇补〔2026〕000001号  v2  S007@W01"));
    auto notYet = counter.run({"render", "acceptance", "--case", number, "--out", pdf});
    CHECK(notYet.exitCode == 1);
    CHECK(counter.run({"render", "poster", "--case", number, "--out", pdf}).exitCode == 2);
}

TEST_CASE("cli: templates check validates the shipped templates and names a broken one's line and field",
          "[cli][documents]") {
    Counter counter;
    CHECK(counter.run({"templates", "check"}).exitCode == 0);
    const auto broken = counter.dir / "templates";
    std::filesystem::create_directories(broken);
    for (const auto& entry : std::filesystem::directory_iterator(ywtb::testing::sourceDir() / "templates"))
        if (entry.path().extension() == ".json")
            std::filesystem::copy_file(entry.path(), broken / entry.path().filename());
    auto text = ywtb::testing::readFile(broken / "refusal.json");
    const auto at = text.find("{{refusal.reason}}");
    REQUIRE(at != std::string::npos);
    text.replace(at, 18, "{{refusal.raeson}}");
    counter.dir.write("templates/refusal.json", text);
    auto r = ywtb::testing::runCli(YWTB_CLI, {"templates", "check"}, "en_US.UTF-8",
                                   {"YWTB_TEMPLATES_DIR=" + broken.string()});
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("refusal.json:") && Catch::Contains("refusal.raeson") &&
                          Catch::Contains("$.blocks["));
}

TEST_CASE("cli: case show finds the case from the QR code's progress address as the pickup scanner types it",
          "[cli][intake]") {
    Counter counter;
    const auto number = counter.open();
    auto shown = counter.run({"case", "show", "https://ywtb.demo.invalid/progress?case=" + number});
    INFO(shown.err);
    CHECK(shown.exitCode == 0);
    CHECK_THAT(shown.out, Catch::Contains(number));
}

TEST_CASE(
    "cli: the pledge signed on the pad carries the signature image; a file that is not a PNG is refused",
    "[cli][documents]") {
    Counter counter;
    const auto number = counter.open();
    counter.completeMaterials(number);
    REQUIRE(counter.run({"case", "material", number, "M05", "--status", "missing"}).exitCode == 0);
    const auto notPng = counter.dir.write("signature.jpg", "\xFF\xD8\xFF\xE0 not a png");
    auto refused = counter.run({"case", "decide", number, "conditional", "--pledge-signed", "--supplement-by",
                                "2026-09-30", "--signature", notPng.string()});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("signature.jpg") && Catch::Contains("PNG"));
    CHECK_THAT(counter.run({"case", "show", number}).out, Catch::Contains("draft"));

    const auto png = counter.dir.write(
        "signature.png",
        ywtb::testing::greyPng(200, 60, [](unsigned x, unsigned y) { return (x + y) % 17 < 2 ? 0 : 255; }));
    auto decided = counter.run({"case", "decide", number, "conditional", "--pledge-signed", "--supplement-by",
                                "2026-09-30", "--signature", png.string()});
    INFO(decided.err);
    REQUIRE(decided.exitCode == 0);
    const auto pdf = (counter.dir / "pledge.pdf").string();
    REQUIRE(counter.run({"render", "pledge", "--case", number, "--out", pdf}).exitCode == 0);
    const auto images =
        ywtb::testing::runCommand("pdfimages -list " + ywtb::testing::shellQuoted(pdf)).output;
    CHECK_THAT(images, Catch::Contains("  200    60  gray"));
}

TEST_CASE("cli: a received case past its correction deadline shows as accepted by operation of law, and "
          "不予受理 is refused for it",
          "[cli][intake][law]") {
    Counter counter;
    const auto number = counter.open();
    counter.completeMaterials(number);
    counter.ok({"case", "decide", number, "receive"});
    counter.setDate("2026-10-12"); // the correction notice was due by 2026-10-10
    auto shown = counter.json({"case", "show", number});
    CHECK(shown->getValue<std::string>("status") == "accepted");
    CHECK(shown->getValue<bool>("accepted_by_default"));
    CHECK(shown->getValue<std::string>("accepted_on") == "2026-09-28");
    const auto before = databaseDump(counter.dir / "data" / "counter.sqlite3");
    auto refused = counter.run({"case", "decide", number, "refuse", "--reason-kind", "not_our_power",
                                "--reason", "属于市级事权", "--apply-to", "上海市市场监督管理局"});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("2026-10-10"));
    CHECK(databaseDump(counter.dir / "data" / "counter.sqlite3") == before);
    auto accepted = counter.run({"case", "decide", number, "accept"});
    REQUIRE(accepted.exitCode == 0);
    CHECK_THAT(accepted.out, Catch::Contains("acceptance_notice"));
}

TEST_CASE("cli: 不予受理 on other grounds needs --basis", "[cli][intake][law]") {
    Counter counter;
    const auto number = counter.open();
    auto bare = counter.run(
        {"case", "decide", number, "refuse", "--reason-kind", "other", "--reason", "申请人不具备资格"});
    CHECK(bare.exitCode == 1);
    CHECK_THAT(bare.err, Catch::Contains("--basis"));
    auto refused = counter.run({"case", "decide", number, "refuse", "--reason-kind", "other", "--reason",
                                "申请人不具备资格", "--basis", "《上海市某某管理条例》第十二条"});
    CHECK(refused.exitCode == 0);
}

TEST_CASE(
    "cli: a limit running into a year without its notice is kept, marked provisional, and counted again "
    "when the notice arrives",
    "[cli][intake][law][calendar]") {
    Counter counter;
    const auto forms = counter.dir / "forms";
    std::filesystem::copy(ywtb::testing::sourceDir() / "forms", forms,
                          std::filesystem::copy_options::recursive);
    counter.environment.push_back("YWTB_FORMS_DIR=" + forms.string());
    counter.setDate("2026-12-21");
    CHECK_THAT(counter.ok({"calendar"}).out, Catch::Contains("2027  provisional"));
    const auto number = counter.open();
    counter.completeMaterials(number);
    auto accepted = counter.run({"case", "decide", number, "accept"});
    REQUIRE(accepted.exitCode == 0); // never refused for a missing calendar
    auto shown = counter.json({"case", "show", number});
    auto provisional = shown->getArray("provisional_dates");
    REQUIRE(provisional);
    CHECK(provisional->size() >= 1);
    const auto before = shown->getValue<std::string>("due_statutory");
    CHECK(before.substr(0, 4) == "2027");
    CHECK_THAT(counter.ok({"case", "show", number}).out,
               Catch::Contains("provisional: statutory holidays only"));

    // A notice for 2027 (a test one: 元旦 1–4 January) arrives: the date moves, and the clerk is told which.
    counter.dir.write("forms/calendar/2027.json",
                      R"({"format": "ywtb-calendar", "format_version": 1, "year": 2027,
                          "source": "test: a notice with 元旦 1–4 January",
                          "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"}],
                          "working_weekend_days": []})");
    counter.setDate("2026-12-22");
    auto recount = counter.ok({"calendar", "recount"});
    CHECK_THAT(recount.out, Catch::Contains(number) && Catch::Contains("due_statutory"));
    auto after = counter.json({"case", "show", number});
    CHECK(after->getValue<std::string>("due_statutory") != before);
    CHECK_THAT(counter.ok({"calendar"}).out, Catch::Contains("2027  from the State Council's notice"));
    CHECK_THAT(counter.ok({"calendar", "recount"}).out, Catch::Contains("0 dates"));
    CHECK(counter.run({"audit", "verify"}).exitCode == 0);
}

TEST_CASE(
    "cli: an item whose statute counts 日 gets its due date in calendar days, and the catalogue says so",
    "[cli][law]") {
    Counter counter;
    auto due =
        counter.json({"deadline", "--from", "2026-09-20", "--item", "GAJ-XK-002", "--kind", "statutory"});
    CHECK(due->getValue<std::string>("due") == "2026-10-08"); // 15 日, the 15th day in the holiday
    CHECK_THAT(counter.ok({"catalogue", "show", "GAJ-XK-002"}).out, Catch::Contains("calendar days"));
}

TEST_CASE("cli: 结婚登记 is applied for in person: an agent is refused and nothing is stored", "[cli][law]") {
    Counter counter;
    const auto person = counter.dir.write(
        "person.json", R"({"name": "王五", "id_number": "11010519491231002X", "phone": "13812345678"})");
    const auto agent = counter.dir.write("agent.json", R"({"name": "赵六", "id_number": "310104199001011233",
        "phone": "13900139000", "authorisation": "授权委托书"})");
    // At W05, a domain window the item is taken at.
    auto refused = ywtb::testing::runCli(YWTB_CLI,
                                         {"--data-dir", (counter.dir / "data").string(), "--staff", "S007",
                                          "--window", "W05", "case", "new", "--item", "MZJ-QR-001",
                                          "--applicant", person.string(), "--agent", agent.string()},
                                         "en_US.UTF-8", counter.environment);
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("in person"));
    CHECK_THAT(counter.ok({"case", "list"}).out, !Catch::Contains("MZJ-QR-001"));
}
