// The applicant-facing devices through the real CLI binary, against the device simulators (tools/devsim) on
// real pseudo-terminals: the ID card fills the applicant and is checked at release, the 好差评 rating and the
// pledge's signature are stored with the case, bound and queued for sync (docs/devices.md).

#include "cli/cli_counter.h"
#include "devices/support/simulated_device.h"
#include "server/server_process.h"
#include "support/cli_runner.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"
#include "tools/devsim/idcard_simulator.h"
#include "tools/devsim/rating_simulator.h"
#include "tools/devsim/signature_simulator.h"

#include <Poco/JSON/Object.h>
#include <catch2/catch.hpp>
#include <sqlite3.h>

using ywtb::testing::SimulatedDevice;

namespace {

struct DeviceCounter : ywtb::testing::CliCounter {
    SimulatedDevice reader{ywtb::devsim::makeIdCardReader()};
    SimulatedDevice keypad{ywtb::devsim::makeRatingKeypad()};
    SimulatedDevice pad{ywtb::devsim::makeSignaturePad()};

    DeviceCounter() {
        reserveNumbers({"acceptance_notice", "supplement_notice", "approval_decision", "delivery_receipt"});
    }
    std::string openFromCard() const {
        // 城镇污水排入排水管网许可: a universal-window item without an application form; M05 is secondary.
        const auto number = open("JSGL-XK-002", {"--from-idcard", "--idcard", reader.path()});
        setMaterials(number, {{"M01", "provided"},
                              {"M02", "copy"},
                              {"M03", "copy"},
                              {"M04", "provided"},
                              {"M05", "provided"},
                              {"M06", "not_applicable"}});
        return number;
    }
    /// One row of the counter's database, as text columns.
    std::vector<std::string> row(const std::string& sql) {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2((dir / "data" / "counter.sqlite3").c_str(), &db, SQLITE_OPEN_READONLY,
                                nullptr) == SQLITE_OK);
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
        std::vector<std::string> out;
        if (sqlite3_step(s) == SQLITE_ROW)
            for (int i = 0; i < sqlite3_column_count(s); ++i)
                out.emplace_back(sqlite3_column_text(s, i)
                                     ? reinterpret_cast<const char*>(sqlite3_column_text(s, i))
                                     : "");
        sqlite3_finalize(s);
        sqlite3_close(db);
        return out;
    }
};

} // namespace

TEST_CASE("cli: a card read fills the applicant, a 不满意 rating with a tag and the signed pledge are "
          "stored, bound and queued",
          "[cli][devices]") {
    DeviceCounter counter;
    auto listed = counter.ok({"devices", "--idcard", counter.reader.path(), "--rating", counter.keypad.path(),
                              "--signature", counter.pad.path()});
    CHECK_THAT(listed.out, Catch::Contains("idcard  " + counter.reader.path() + "  connected") &&
                               Catch::Contains("rating  " + counter.keypad.path() + "  connected") &&
                               Catch::Contains("signature  " + counter.pad.path() + "  connected"));

    counter.reader("present zhang");
    auto card = counter.ok({"idcard", "read", "--idcard", counter.reader.path()});
    CHECK_THAT(card.out, Catch::Contains("张三") && Catch::Contains("310101199003072313") &&
                             Catch::Contains("vendor's decoder"));
    const auto number = counter.openFromCard();
    auto shown = counter.ok({"--json", "case", "show", number});
    CHECK_THAT(shown.out, Catch::Contains("\"name\": \"张三\"") && Catch::Contains("310101199003072313") &&
                              Catch::Contains("人民大道200号"));

    // The applicant signs the pledge on the pad; the conditional acceptance then carries that signature.
    counter.ok({"case", "material", number, "M05", "--status", "missing"});
    counter.pad("sign-demo");
    counter.pad("confirm");
    auto signedPledge = counter.ok(
        {"sign", number, "--document", "pledge", "--signature", counter.pad.path(), "--wait", "10"});
    CHECK_THAT(signedPledge.out, Catch::Contains("kept for the pledge of case " + number));
    counter.ok({"case", "decide", number, "conditional", "--pledge-signed", "--supplement-by", "2026-09-30"});

    // 受理 is rated 不满意 with 服务态度; the staff never give the level.
    counter.keypad("press 2 3");
    auto rated =
        counter.ok({"rate", number, "--stage", "accept", "--rating", counter.keypad.path(), "--wait", "10"});
    CHECK_THAT(rated.out, Catch::Contains("2 dissatisfied") && Catch::Contains("服务态度") &&
                              Catch::Contains("contact by 2026-09-29") &&
                              Catch::Contains("simple fix by 2026-10-10"));
    auto again = counter.run({"rate", number, "--stage", "accept", "--rating", counter.keypad.path()});
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Catch::Contains("already has its rating"));

    const auto pdf = (counter.dir / "pledge.pdf").string();
    counter.ok({"render", "pledge", "--case", number, "--out", pdf});
    CHECK_THAT(ywtb::testing::runCommand("pdfimages -list " + ywtb::testing::shellQuoted(pdf)).output,
               Catch::Contains("  600   200  gray"));

    // Stored: the rating as pressed, unchangeable; the signature's strokes and image, bound to the issued
    // PDF.
    auto rating = counter.row(
        "SELECT level, tags, stage, item_code, window_id, staff, device FROM rating WHERE case_number = '" +
        number + "'");
    REQUIRE(rating.size() == 7);
    CHECK(rating[0] == "2");
    CHECK(rating[1] == R"([{"code":3,"name":"服务态度"}])");
    CHECK(rating[2] == "accept");
    CHECK(rating[3] == "JSGL-XK-002");
    CHECK(rating[6] == counter.keypad.path());
    auto signature = counter.row("SELECT s.document_kind, s.strokes_sha256, s.png_sha256, s.document_sha256, "
                                 "d.pdf_sha256 FROM signature s "
                                 "JOIN issued_document d ON d.id = s.document_id WHERE s.case_number = '" +
                                 number + "'");
    REQUIRE(signature.size() == 5);
    CHECK(signature[0] == "pledge");
    CHECK(signature[1].size() == 64);
    CHECK(signature[3] == signature[4]);
    const auto blobs = counter.dir / "data" / "blobs";
    CHECK(std::filesystem::exists(blobs / signature[1].substr(0, 2) / signature[1]));
    for (const char* kind : {"rating.record", "signature.capture"})
        CHECK(counter.row("SELECT count(*) FROM outbox WHERE case_number = '" + number + "' AND kind = '" +
                          kind + "'") == std::vector<std::string>{"1"});
    // The decision issued its two papers (the supplement notice and the signed pledge), each once: rendering
    // the pledge again gave the stored one.
    CHECK(counter.row("SELECT count(*) FROM outbox WHERE case_number = '" + number +
                      "' AND kind = 'document.issue'") == std::vector<std::string>{"2"});
    CHECK(counter.row(
              "SELECT group_concat(kind, ',') FROM (SELECT kind FROM issued_document WHERE case_number = '" +
              number + "' ORDER BY id)") == std::vector<std::string>{"supplement,pledge"});
    CHECK(counter.row("SELECT payload FROM outbox WHERE kind = 'signature.capture'")[0].find(signature[2]) !=
          std::string::npos);

    // Synced: the server holds the rating, the signature and its two blobs (strokes, image), each once.
    {
        ywtb::testing::ServerProcess server(counter.dir / "server");
        const auto password = counter.dir.write("password", "s007-demo-pass\n").string();
        counter.ok({"sync", "once", "--server", "http://127.0.0.1:" + std::to_string(server.port()),
                    "--password-file", password});
        auto held = [&](const std::string& sql) {
            sqlite3* db = nullptr;
            REQUIRE(sqlite3_open_v2((server.dataDir() / "server.sqlite").c_str(), &db, SQLITE_OPEN_READONLY,
                                    nullptr) == SQLITE_OK);
            sqlite3_stmt* st = nullptr;
            REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
            REQUIRE(sqlite3_step(st) == SQLITE_ROW);
            const auto count = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
            sqlite3_close(db);
            return count;
        };
        CHECK(held("SELECT count(*) FROM change WHERE kind IN ('rating.record', 'signature.capture') AND "
                   "case_number = '" +
                   number + "'") == 2);
        CHECK(held("SELECT count(*) FROM blob WHERE sha256 IN ('" + signature[1] + "', '" + signature[2] +
                   "')") == 2);
    }

    // The issued pledge cannot take another signature, and an unsigned document kind is refused.
    counter.pad("sign-demo");
    counter.pad("confirm");
    auto late = counter.run(
        {"sign", number, "--document", "pledge", "--signature", counter.pad.path(), "--wait", "5"});
    CHECK(late.exitCode == 1);
    CHECK_THAT(late.err, Catch::Contains("already issued"));
    auto wrongKind =
        counter.run({"sign", number, "--document", "acceptance", "--signature", counter.pad.path()});
    CHECK(wrongKind.exitCode == 1);
    CHECK_THAT(wrongKind.err, Catch::Contains("not signed by the applicant"));
}

TEST_CASE("cli: bad ratings stay on the list until answered, and show as overdue after their contact day",
          "[cli][devices]") {
    DeviceCounter counter;
    counter.reader("present li");
    const auto number = counter.openFromCard();
    counter.ok({"case", "decide", number, "accept"});
    counter.keypad("press 1 1 2");
    counter.ok({"rate", number, "--stage", "accept", "--rating", counter.keypad.path(), "--wait", "10"});
    CHECK_THAT(counter.ok({"ratings", "--bad"}).out,
               Catch::Contains("very dissatisfied") && Catch::Contains("服务效率、服务水平"));
    CHECK_THAT(counter.ok({"ratings", "--overdue"}).out, Catch::Contains("no ratings"));
    counter.setDate("2026-09-30");
    auto list = counter.json({"ratings", "--overdue"})->getArray("ratings");
    REQUIRE(list->size() == 1);
    const auto id = std::to_string(list->getObject(0)->getValue<int>("id"));
    CHECK(list->getObject(0)->getValue<std::string>("contact_due") == "2026-09-29");
    auto empty = counter.run({"rating", "answer", id, "--text", "  "});
    CHECK(empty.exitCode == 1);
    auto answered = counter.ok({"rating", "answer", id, "--text", "9月30日电话回访，已解释并改进叫号提示"});
    CHECK_THAT(answered.out, Catch::Contains("answered") && Catch::Contains("S007"));
    CHECK_THAT(counter.ok({"ratings", "--overdue"}).out, Catch::Contains("no ratings"));
    CHECK(counter.run({"rating", "answer", id, "--text", "again"}).exitCode == 1);
    CHECK(counter.row("SELECT count(*) FROM outbox WHERE kind = 'rating.answer'") ==
          std::vector<std::string>{"1"});
}

TEST_CASE("cli: at release the card read must be the applicant's; a mismatch hands nothing over",
          "[cli][devices]") {
    DeviceCounter counter;
    counter.reader("present zhang");
    const auto number = counter.openFromCard();
    counter.ok({"case", "decide", number, "accept"});
    counter.ok({"case", "review", number, "start"});
    counter.ok({"case", "review", number, "approve"});
    counter.ok({"case", "review", number, "ready"});
    counter.reader("present li");
    auto refused = counter.run({"case", "release", number, "--method", "window", "--receiver", "李四",
                                "--check-idcard", "--idcard", counter.reader.path()});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err,
               Catch::Contains("is not the applicant's") && Catch::Contains("李*") && Catch::Contains("张*"));
    CHECK_THAT(refused.err, !Catch::Contains("310104198511124823"));
    CHECK_THAT(counter.ok({"case", "show", number}).out, Catch::Contains("awaiting release"));
    counter.reader("present zhang");
    counter.pad("sign-demo");
    counter.pad("confirm");
    counter.ok({"sign", number, "--document", "delivery-receipt", "--signature", counter.pad.path(), "--wait",
                "10"});
    counter.ok({"case", "release", number, "--method", "window", "--receiver", "张三", "--check-idcard",
                "--idcard", counter.reader.path()});
    counter.keypad("press 5");
    auto rated =
        counter.ok({"rate", number, "--stage", "release", "--rating", counter.keypad.path(), "--wait", "10"});
    CHECK_THAT(rated.out, Catch::Contains("5 very satisfied"));
    CHECK_THAT(rated.out, !Catch::Contains("open:"));
    const auto pdf = (counter.dir / "receipt.pdf").string();
    counter.ok({"render", "delivery-receipt", "--case", number, "--out", pdf});
    CHECK_THAT(ywtb::testing::runCommand("pdfimages -list " + ywtb::testing::shellQuoted(pdf)).output,
               Catch::Contains("  600   200  gray"));
}

TEST_CASE(
    "cli: the networked kinds — the rating device and the 签批屏 service over WebSocket — work the same way",
    "[cli][devices]") {
    DeviceCounter counter;
    ywtb::testing::SimulatedService rater{ywtb::devsim::makeRatingWebSocketDevice()};
    ywtb::testing::SimulatedService signer{ywtb::devsim::makeSignatureWebSocketService()};
    auto listed = counter.ok({"devices", "--rating", rater.url(), "--signature", signer.url()});
    CHECK_THAT(listed.out, Catch::Contains("rating  " + rater.url() + "  connected") &&
                               Catch::Contains("signature  " + signer.url() + "  connected") &&
                               Catch::Contains("idcard  -  not configured"));

    counter.reader("present wang");
    const auto number = counter.openFromCard();
    counter.ok({"case", "material", number, "M05", "--status", "missing"});
    signer("sign-demo");
    signer("confirm");
    counter.ok({"sign", number, "--document", "pledge", "--signature", signer.url(), "--wait", "10"});
    counter.ok({"case", "decide", number, "conditional", "--pledge-signed", "--supplement-by", "2026-09-30"});
    rater("press 4 1");
    auto rated = counter.ok({"rate", number, "--stage", "accept", "--rating", rater.url(), "--wait", "10"});
    CHECK_THAT(rated.out, Catch::Contains("4 satisfied") && Catch::Contains("服务效率"));
    CHECK_THAT(rated.out, !Catch::Contains("open:"));
    const auto pdf = (counter.dir / "pledge.pdf").string();
    counter.ok({"render", "pledge", "--case", number, "--out", pdf});
    CHECK_THAT(ywtb::testing::runCommand("pdfimages -list " + ywtb::testing::shellQuoted(pdf)).output,
               Catch::Contains("  600   200  gray"));
    CHECK(counter.row("SELECT device FROM rating WHERE case_number = '" + number + "'") ==
          std::vector<std::string>{rater.url()});

    // A serial-only device at a ws:// address, and an address that is neither, are refused with the fix.
    auto wrongKind = counter.run({"idcard", "read", "--idcard", rater.url()});
    CHECK(wrongKind.exitCode == 1);
    CHECK_THAT(wrongKind.err, Catch::Contains("serial device"));
    auto nonsense = counter.run({"rate", number, "--stage", "receive", "--rating", "usb0"});
    CHECK(nonsense.exitCode == 1);
    CHECK_THAT(nonsense.err, Catch::Contains("neither a serial port nor a ws:// address"));
}
