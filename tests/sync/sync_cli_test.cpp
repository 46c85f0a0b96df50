// The CLI's login, sync run and numbers pull against the real ywtb-counter-server on loopback.

#include "server/server_process.h"
#include "services/intake_fixture.h"
#include "services/reference_data.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/sync_state.h"
#include "support/cli_runner.h"
#include "sync/cli_process.h"
#include "sync/sync_fixture.h"

#include <catch2/catch.hpp>
#include <signal.h>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

CliRun login(const std::string& dataDir, const std::string& url, const std::string& user,
             const std::string& password) {
    return runCliWithInput(YWTB_CLI, {"--data-dir", dataDir, "login", "--server", url, "--user", user},
                           password + "\n");
}

} // namespace

TEST_CASE(
    "cli login: online keeps the sign-in for sync once, offline checks this PC's record, refusals are final",
    "[sync][cli][signin]") {
    TempDir dir;
    Counter counter;
    REQUIRE(counter.at().open(counter.item("SCJG-XK-001"), company(), std::nullopt).ok());
    const auto dataDir = counter.store->dataDir().string();
    auto server = std::make_unique<ServerProcess>(dir.path() / "server");
    const auto url = "http://127.0.0.1:" + std::to_string(server->port());

    auto run = login(dataDir, url, "S001", "not-the-password");
    INFO(run.out << run.err);
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("auth.invalid_credentials") != std::string::npos);
    // The password is never taken from the command line.
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "login", "--server", url, "--user", "S001",
                            "--password-file", "/dev/null"})
              .exitCode == 2);
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "login", "--server", url, "--user", "S001"}).exitCode ==
          1); // nothing on stdin

    run = login(dataDir, url, "S001", "s001-demo-pass");
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("signed in online as S001 (Demo Clerk One) at window W01") != std::string::npos);

    // sync once needs no password while the kept sign-in is valid (standard input is empty here).
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "once", "--server", url});
    CHECK(run.exitCode == 0);
    CHECK(serverCount(*server, "SELECT count(*) FROM change") ==
          counter.store->db().queryInteger("SELECT count(*) FROM outbox"));
    CHECK(run.out.find(store::keptSession(counter.store->db(), url, "W01", "2000-01-01T00:00:00Z")->token) ==
          std::string::npos);

    // A refused token is forgotten: the next sync asks for a password again.
    server->stop();
    server = std::make_unique<ServerProcess>(dir.path() / "server2");
    const auto url2 = "http://127.0.0.1:" + std::to_string(server->port());
    {
        store::Transaction tx(counter.store->db());
        auto kept = store::keptSession(counter.store->db(), url, "W01", "2000-01-01T00:00:00Z").value();
        kept.serverUrl = url2; // a token the new server never issued
        store::keepSession(tx, kept);
        tx.commit();
    }
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "once", "--server", url2});
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("login") != std::string::npos);
    CHECK_FALSE(store::keptSession(counter.store->db(), url2, "W01", "2000-01-01T00:00:00Z").has_value());

    // The server is away: offline against the verifier, saying why.
    server->stop();
    run = login(dataDir, url, "S001", "s001-demo-pass");
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("signed in offline as S001 at window W01 (server unreachable:") != std::string::npos);
    run = login(dataDir, url, "S001", "s001-demo-pas");
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("does not match the last online sign-in") != std::string::npos);
    run = login(dataDir, url, "S007", "s007-demo-pass");
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("sign in once online on this PC first") != std::string::npos);
}

TEST_CASE("cli sync run: drains the outbox, keeps draining new cases, and stops cleanly on SIGTERM",
          "[sync][cli][run]") {
    TempDir dir;
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    for (int i = 0; i < 3; ++i)
        REQUIRE(intake.open(item, company(), std::nullopt).ok());
    const auto dataDir = counter.store->dataDir().string();
    ServerProcess server(dir.path() / "server");
    const auto url = "http://127.0.0.1:" + std::to_string(server.port());

    // Neither a kept sign-in nor a password: refused at once, nothing started.
    auto refused = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "run", "--server", url});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("no password was given") != std::string::npos);

    REQUIRE(login(dataDir, url, "S001", "s001-demo-pass").exitCode == 0);
    CliProcess running(YWTB_CLI, {"--data-dir", dataDir, "sync", "run", "--server", url});
    INFO(running.out() << running.err());
    const auto drained = [&] {
        return "outbox drained: " +
               std::to_string(counter.store->db().queryInteger("SELECT count(*) FROM outbox")) +
               " changes sent";
    };
    REQUIRE(running.waitForOutput(drained(), std::chrono::seconds(60)));
    CHECK(running.out().find("online") != std::string::npos);
    CHECK(serverCount(server, "SELECT count(*) FROM change") ==
          counter.store->db().queryInteger("SELECT count(*) FROM outbox"));

    REQUIRE(intake.open(item, company(), std::nullopt).ok());
    CHECK(running.waitForOutput(drained(), std::chrono::seconds(60)));
    CHECK(serverCount(server, "SELECT count(*) FROM change") ==
          counter.store->db().queryInteger("SELECT count(*) FROM outbox"));

    running.signal(SIGTERM);
    CHECK(running.wait(std::chrono::seconds(40)) == 0);
    CHECK(running.out().find("sync stopped") != std::string::npos);
    CHECK(running.out().find("0 waiting") != std::string::npos);
}

TEST_CASE("cli numbers pull: a block from the server recorded like numbers reserve, and a repeat after a "
          "lost answer wastes nothing",
          "[sync][cli][numbers]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    const auto url = "http://127.0.0.1:" + std::to_string(server.port());
    const auto dataDir = (dir / "counter").string();
    REQUIRE(runCliWithInput(
                YWTB_CLI,
                {"--data-dir", dataDir, "--window", "W02", "login", "--server", url, "--user", "S001"},
                "s001-demo-pass\n")
                .exitCode == 0);

    // A first pull whose answer was lost: the server reserved the block under the request id kept here.
    std::string requestId;
    {
        auto local = store::LocalStore::open(dataDir).value();
        store::Transaction tx(local->db());
        requestId = store::numberBlockRequestId(tx, "W02", "acceptance_notice", 2026, 100);
        tx.commit();
    }
    ApiClient other(server.port());
    other.signIn("S007", "s007-demo-pass", "W03");
    REQUIRE(
        other
            .postJson("/api/v1/number-blocks", R"({"request_id":")" + newUuid() +
                                                   R"(","kind":"acceptance_notice","year":2026,"size":50})")
            .status == 201);
    other.signIn("S001", "s001-demo-pass", "W02");
    REQUIRE(
        other
            .postJson("/api/v1/number-blocks", R"({"request_id":")" + requestId +
                                                   R"(","kind":"acceptance_notice","year":2026,"size":100})")
            .status == 201);

    const std::vector<std::string> pull{"--data-dir", dataDir,    "--window", "W02",    "numbers",
                                        "pull",       "--server", url,        "--kind", "acceptance_notice",
                                        "--year",     "2026",     "--count",  "100"};
    auto run = runCli(YWTB_CLI, pull);
    INFO(run.out << run.err);
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("window W02 holds acceptance_notice numbers 51 to 150 of 2026") != std::string::npos);
    CHECK(serverCount(server, "SELECT count(*) FROM number_block") == 2); // the same block, not a new one

    // Pulled again: the next block, recorded beside the first.
    run = runCli(YWTB_CLI, pull);
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("numbers 151 to 250 of 2026") != std::string::npos);
    CHECK(serverCount(server, "SELECT count(*) FROM number_block") == 3);
    {
        auto local = store::LocalStore::open(dataDir).value();
        const auto blocks = store::documentBlocks(local->db(), "W02");
        REQUIRE(blocks.size() == 2);
        CHECK(blocks[0].first == 51);
        CHECK(blocks[0].last == 150);
        CHECK(blocks[1].first == 151);
        CHECK(local->db().queryInteger("SELECT count(*) FROM audit_log WHERE action = 'numbers.pull'") == 2);
        CHECK(local->db().queryInteger("SELECT count(*) FROM sync_note WHERE key LIKE 'number_request %'") ==
              0);
        // Numbers are drawn from it as from a block reserved by hand.
        store::Transaction tx(local->db());
        CHECK(store::drawDocumentNumber(tx, "acceptance_notice", 2026, "W02").value() == 51);
    }

    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--window", "W02", "numbers", "pull", "--server", url,
                            "--kind", "nonsense", "--year", "2026", "--count", "10"});
    CHECK(run.exitCode == 2);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--window", "W02", "numbers", "pull", "--server", url,
                            "--kind", "acceptance_notice", "--year", "2026", "--count", "0"});
    CHECK(run.exitCode == 2);
}

TEST_CASE(
    "cli case fetch: a case taken in at one counter PC is fetched from the server and handed out at another",
    "[sync][cli][pickup]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    const auto url = "http://127.0.0.1:" + std::to_string(server.port());
    const auto password = dir.write("password", "s007-demo-pass\n");
    auto admin = [&](std::vector<std::string> args) {
        args.insert(args.begin(), "admin");
        args.push_back("--data-dir");
        args.push_back(server.dataDir().string());
        return runCli(serverBinary(), args);
    };

    // Counter PC A takes two cases in at W01 and syncs; the department approves both. A applies the first
    // decision before anyone fetches it; the second reaches A's feed only later.
    Counter a;
    auto intakeA = a.at();
    const auto& item = a.item("SCJG-XK-001");
    auto first = completeFoodCase(intakeA, item);
    REQUIRE(intakeA.decide(first.number, decision(core::DecisionKind::Accept)).ok());
    const auto dataA = a.store->dataDir().string();
    REQUIRE(login(dataA, url, "S001", "s001-demo-pass").exitCode == 0);
    REQUIRE(runCli(YWTB_CLI, {"--data-dir", dataA, "sync", "once", "--server", url}).exitCode == 0);
    REQUIRE(admin({"approve", first.number}).exitCode == 0);
    REQUIRE(runCli(YWTB_CLI, {"--data-dir", dataA, "sync", "once", "--server", url}).exitCode == 0);
    CHECK(intakeA.find(first.number)->status == core::CaseStatus::Approved);
    auto second = completeFoodCase(intakeA, item);
    REQUIRE(intakeA.decide(second.number, decision(core::DecisionKind::Accept)).ok());
    REQUIRE(runCli(YWTB_CLI, {"--data-dir", dataA, "sync", "once", "--server", url}).exitCode == 0);
    REQUIRE(admin({"approve", second.number}).exitCode == 0);

    // Counter PC B, the pickup window of another hall: it has never seen either case.
    Counter b;
    {
        store::Transaction tx(b.store->db());
        for (const auto& kind : core::numberedDocumentKinds())
            REQUIRE(store::reserveDocumentBlock(tx, {kind, 2026, "W02", 501, 1000, 501}).ok());
        tx.commit();
    }
    const auto dataB = b.store->dataDir().string();
    auto atB = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--data-dir", dataB, "--window", "W02", "--staff", "S007"});
        return runCli(YWTB_CLI, args);
    };
    CHECK(atB({"case", "show", first.number}).exitCode == 1);
    auto run =
        atB({"--json", "case", "fetch", first.number, "--server", url, "--password-file", password.string()});
    INFO(run.out << run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("\"status\": \"approved\"") != std::string::npos);
    auto& dbB = b.store->db();
    CHECK(dbB.queryInteger("SELECT count(*) FROM audit_log WHERE action = 'case.adopt' AND subject = '" +
                           first.number + "'") == 1);
    CHECK(dbB.queryInteger("SELECT count(*) FROM outbox") ==
          0); // decided at A already: nothing new to tell the server
    // The applicant's personal data is not in what the CLI logged.
    CHECK(run.err.find(first.applicant.creditCode) == std::string::npos);

    // The second one is decided on the server but not yet at A: B applies the decision as A's feed would.
    run = atB(
        {"--json", "case", "fetch", second.number, "--server", url, "--password-file", password.string()});
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("\"status\": \"approved\"") != std::string::npos);
    CHECK(dbB.queryInteger("SELECT count(*) FROM outbox WHERE kind = 'case.approve'") == 1);

    // Handed out at B; the release reaches the server without a conflict.
    for (const auto& number : {first.number, second.number}) {
        REQUIRE(atB({"case", "review", number, "ready"}).exitCode == 0);
        run = atB({"case", "release", number, "--method", "window", "--receiver", "王小明"});
        CHECK(run.exitCode == 0);
    }
    run = atB({"sync", "once", "--server", url, "--password-file", password.string()});
    CHECK(run.exitCode == 0);
    for (const auto& number : {first.number, second.number})
        CHECK(serverCount(server, "SELECT count(*) FROM server_case WHERE number = '" + number +
                                      "' AND status = 'released'") == 1);
    CHECK(serverCount(server, "SELECT count(*) FROM change WHERE conflict = 1") == 0);

    // Held now: fetched again without asking the server (it is away); an unknown number says so.
    server.stop();
    CHECK(atB({"case", "fetch", first.number, "--server", url}).exitCode == 0);
    ServerProcess again(dir.path() / "server");
    const auto url2 = "http://127.0.0.1:" + std::to_string(again.port());
    run = atB({"case", "fetch", "310101-W01-20260928-9999", "--server", url2, "--password-file",
               password.string()});
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("the central server has no case 310101-W01-20260928-9999") != std::string::npos);
}

TEST_CASE(
    "cli sync once: the reference data the centre publishes is checked, installed, used, and pulled once",
    "[sync][cli][reference]") {
    namespace fs = std::filesystem;
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    const auto url = "http://127.0.0.1:" + std::to_string(server.port());
    Counter counter;
    const auto dataDir = counter.store->dataDir().string();
    REQUIRE(login(dataDir, url, "S001", "s001-demo-pass").exitCode == 0);
    auto syncOnce = [&] {
        return runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "once", "--server", url});
    };
    auto publish = [&](const std::string& name, const fs::path& path) {
        return runCli(serverBinary(),
                      {"admin", "publish", name, path.string(), "--data-dir", server.dataDir().string()});
    };
    const auto deadline = [&] {
        return runCli(YWTB_CLI, {"--data-dir", dataDir, "deadline", "--from", "2026-11-13", "--days", "1"})
            .out.substr(0, 10);
    };

    // Nothing published: the shipped files stay in use.
    auto run = syncOnce();
    INFO(run.out << run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("reference data installed") == std::string::npos);
    CHECK_FALSE(fs::exists(counter.store->dataDir() / "reference" / "calendars"));
    CHECK(deadline() == "2026-11-16");

    // The centre publishes: a calendar with an extra closing day, a catalogue with a renamed item, the
    // templates, and an indicator set of its own.
    const auto calendars = dir.path() / "calendars";
    fs::create_directories(calendars);
    auto calendar = readFile(sourceDir() / "forms" / "calendar" / "2026.json");
    const std::string nationalDay = R"({ "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07" })";
    REQUIRE(calendar.find(nationalDay) != std::string::npos);
    calendar.replace(calendar.find(nationalDay), nationalDay.size(), nationalDay + R"(,
    { "name": "中心停电检修（测试）", "from": "2026-11-16", "to": "2026-11-16" })");
    dir.write("calendars/2026.json", calendar);
    const auto catalogue = dir.path() / "catalogue";
    fs::create_directories(catalogue);
    auto gaj = readFile(sourceDir() / "forms" / "catalogue" / "gaj.json");
    const auto namePos = gaj.find("\"name\": \"", gaj.find("\"code\": \"GAJ-XK-001\""));
    REQUIRE(namePos != std::string::npos);
    gaj.insert(namePos + 9, "新版");
    dir.write("catalogue/gaj.json", gaj);
    const auto indicators = dir.write("indicators.json", R"({"format": "ywtb-indicators", "format_version": 1,
        "version": "GB/T 39735-2020 线下 2（测试）", "primary": "整体满意度",
        "indicators": [{"code": 1, "name": "服务效率"}, {"code": 2, "name": "服务水平"}, {"code": 3, "name": "服务态度"},
                       {"code": 4, "name": "服务环境"}]})");
    REQUIRE(publish("calendars", calendars).exitCode == 0);
    REQUIRE(publish("catalogue", catalogue).exitCode == 0);
    REQUIRE(publish("templates", sourceDir() / "templates").exitCode == 0);
    REQUIRE(publish("indicators", indicators).exitCode == 0);
    CHECK(publish("indicators", calendars).exitCode == 1); // one file, not a folder
    CHECK(publish("calendars", dir.write("not-json.json", "{nope")).exitCode == 1);

    run = syncOnce();
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("reference data installed: calendars: 1 files (2026.json)") != std::string::npos);
    CHECK(run.out.find("reference data installed: catalogue: ") != std::string::npos);
    CHECK(run.out.find("reference data installed: templates: ") != std::string::npos);
    CHECK(
        run.out.find("reference data installed: indicators: GB/T 39735-2020 线下 2（测试）, 4 indicators") !=
        std::string::npos);
    CHECK(deadline() == "2026-11-17");
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "catalogue", "show", "GAJ-XK-001"}).out.find("新版") !=
          std::string::npos);
    const auto set = services::loadIndicatorSet(counter.store->dataDir());
    REQUIRE(set.ok());
    CHECK(set->indicators.size() == 4);
    CHECK(counter.store->db().queryInteger(
              "SELECT count(*) FROM audit_log WHERE action = 'reference.install'") == 4);

    // Pulled again: the server answers 304 for each, nothing is installed twice.
    run = syncOnce();
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("reference data installed") == std::string::npos);
    CHECK(counter.store->db().queryInteger(
              "SELECT count(*) FROM audit_log WHERE action = 'reference.install'") == 4);

    // A template the counter cannot print from is refused whole, saying which file; the one in use stays.
    const auto templates = dir.path() / "templates";
    fs::create_directories(templates);
    for (const auto& entry : fs::directory_iterator(sourceDir() / "templates"))
        if (entry.path().extension() == ".json")
            fs::copy_file(entry.path(), templates / entry.path().filename());
    auto receipt = readFile(templates / "receipt.json");
    receipt.replace(receipt.find("\"kind\": \"receipt\""), 17, "\"kind\": \"nonsense\"");
    dir.write("templates/receipt.json", receipt);
    REQUIRE(publish("templates", templates).exitCode == 0);
    run = syncOnce();
    CHECK(run.exitCode == 0); // the outbox and the rest are not held up
    CHECK(run.err.find("reference data refused, the one in use stays") != std::string::npos);
    CHECK(run.err.find("receipt.json") != std::string::npos);
    CHECK(readFile(counter.store->dataDir() / "reference" / "templates" / "receipt.json")
              .find("\"kind\": \"receipt\"") != std::string::npos);
    // Not taken, so asked for again next time (and refused again until the centre fixes it).
    run = syncOnce();
    CHECK(run.err.find("reference data refused") != std::string::npos);
}

TEST_CASE("cli queue: appointments first, recall, transfer to another window, no-show, done — each said as "
          "the clerk needs it",
          "[sync][cli][queue]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    const auto url = "http://127.0.0.1:" + std::to_string(server.port());
    Counter counter;
    const auto dataDir = counter.store->dataDir().string();
    REQUIRE(login(dataDir, url, "S001", "s001-demo-pass").exitCode == 0);
    const auto password = dir.write("password", "s007-demo-pass\n");
    auto queue = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--data-dir", dataDir, "queue"});
        args.insert(args.end(), {"--server", url});
        return runCli(YWTB_CLI, args);
    };
    const auto idOf = [](const CliRun& run) {
        const auto at = run.out.find("(id ");
        REQUIRE(at != std::string::npos);
        return run.out.substr(at + 4, run.out.find(')', at) - at - 4);
    };

    CHECK(queue({"next"}).out == "nobody is waiting\n");
    REQUIRE(queue({"issue", "walk_in"}).exitCode == 0);
    REQUIRE(queue({"issue", "appointment", "--item", "SCJG-XK-001"}).exitCode == 0);
    REQUIRE(queue({"issue", "walk_in"}).exitCode == 0);
    auto run = queue({"list"});
    INFO(run.out << run.err);
    CHECK(run.out.find("B001") <
          run.out.find("A001")); // an appointment goes before walk-ins (DB31/T 862 9.1.2)
    CHECK(run.out.find("3 waiting") != std::string::npos);

    run = queue({"next"});
    CHECK(run.out.find("B001") == 0);
    CHECK(run.out.find("appointment  SCJG-XK-001  called by W01, 1 calls") != std::string::npos);
    const auto b001 = idOf(run);
    CHECK(queue({"recall", b001}).out.find("called by W01, 2 calls") != std::string::npos);
    CHECK(queue({"transfer", b001, "--to", "W02"}).out.find("waiting for window W02") != std::string::npos);
    CHECK(queue({"transfer", b001, "--to", "W02"}).exitCode == 1); // no longer called by this window
    CHECK(queue({"transfer", "999", "--to", "W02"}).err.find("ticket.unknown") != std::string::npos);

    run = queue({"next"});
    CHECK(run.out.find("A001") == 0);
    const auto a001 = idOf(run);
    CHECK(queue({"skip", a001}).out.find("skipped") != std::string::npos);
    run = queue({"done", a001});
    CHECK(run.exitCode == 1);
    CHECK(run.err.find("ticket.wrong_state") != std::string::npos);

    // Window W02 calls the ticket transferred to it before its own walk-ins.
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--window", "W02", "--staff", "S007", "queue", "next",
                            "--server", url, "--password-file", password.string()});
    CHECK(run.out.find("B001") == 0);
    CHECK(run.out.find("called by W02") != std::string::npos);
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "--window", "W02", "--staff", "S007", "queue", "done",
                            idOf(run), "--server", url, "--password-file", password.string()})
              .out.find("served") != std::string::npos);

    run = queue({"next"});
    CHECK(run.out.find("A002") == 0);
    CHECK(queue({"done", idOf(run)}).exitCode == 0);
    CHECK(queue({"next"}).out == "nobody is waiting\n");
    CHECK(queue({"list"}).out == "0 waiting\n");

    CHECK(queue({"recall"}).exitCode == 2);
    CHECK(queue({"transfer", b001}).exitCode == 2);
    CHECK(queue({"issue", "vip"}).exitCode == 2);
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "queue", "next"}).exitCode == 2);
}
