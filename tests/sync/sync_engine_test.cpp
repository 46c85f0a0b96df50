// The sync engine against the real ywtb-counter-server on loopback (no mocks): nothing lost, nothing doubled.

#include "server/case_bodies.h"
#include "server/server_process.h"
#include "services/intake_fixture.h"
#include "services/sync_runner.h"
#include "store/blob_store.h"
#include "store/database.h"
#include "store/sync_state.h"
#include "support/cli_runner.h"
#include "sync/sync_engine.h"
#include "sync/sync_fixture.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

/// `n` cases opened at the counter; every third one also completed and accepted (several entries per case).
void intakeCases(Counter& counter, int n) {
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    for (int i = 0; i < n; ++i) {
        if (i % 3 == 0) {
            auto c = completeFoodCase(intake, item);
            REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());
        } else {
            REQUIRE(intake.open(item, company(), std::nullopt).ok());
        }
    }
}

/// Every outbox entry is on the server exactly once, every case too, and nothing else is there.
void requireExactlyOnce(Counter& counter, const ServerProcess& server) {
    auto& db = counter.store->db();
    const auto local = strings(db, "SELECT uuid FROM outbox");
    const auto remote = serverStrings(server, "SELECT uuid FROM change");
    CHECK(remote == local);
    CHECK(serverCount(server, "SELECT count(*) FROM change") == static_cast<std::int64_t>(local.size()));
    CHECK(serverStrings(server, "SELECT number FROM server_case") ==
          strings(db, "SELECT DISTINCT case_number FROM outbox"));
    CHECK(store::pendingOutbox(db, 100000).empty());
    CHECK(store::outboxCounts(db).pending == 0);
}

} // namespace

TEST_CASE("sync: cases made at the counter reach the server exactly once, and a second sync sends nothing",
          "[sync]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    Counter counter;
    intakeCases(counter, 12);
    const auto entries = static_cast<std::int64_t>(store::pendingOutbox(counter.store->db(), 100000).size());
    REQUIRE(entries > 12);

    sync::SyncEngine engine(counter.store->db(), optionsFor(server.port()));
    CHECK(engine.status().outboxDepth == entries);
    auto report = engine.syncOnce();
    REQUIRE(report.ok());
    CHECK(report->sent == entries);
    CHECK(report->poisoned == 0);
    requireExactlyOnce(counter, server);
    const auto status = engine.status();
    CHECK(status.state == sync::Reachability::Online);
    CHECK(status.outboxDepth == 0);
    CHECK(status.lastError.empty());
    CHECK_FALSE(status.lastSuccessAt.empty());

    auto again = engine.syncOnce();
    REQUIRE(again.ok());
    CHECK(again->sent == 0);
    CHECK(again->batches == 0);
    CHECK(serverCount(server, "SELECT count(*) FROM change") == entries);
    // Every entry keeps the server's first answer.
    CHECK(counter.store->db().queryInteger(
              "SELECT count(*) FROM outbox_sync WHERE server_answer LIKE '%\"applied\"%'") == entries);
}

TEST_CASE("sync: the server stopped mid-sync and started again: the rest arrives, nothing doubled",
          "[sync][restart]") {
    TempDir dir;
    Counter counter;
    intakeCases(counter, 120);
    const auto dbPath = counter.store->databasePath().string();
    const auto total = counter.store->db().queryInteger("SELECT count(*) FROM outbox");
    {
        ServerProcess server(dir.path() / "server");
        auto options = optionsFor(server.port());
        options.batchSize = 2;
        options.onceAttempts = 3;
        std::atomic<bool> finished{false};
        core::Expected<sync::SyncReport> first = core::Error{};
        std::thread syncing([&] {
            store::Database own(dbPath);
            sync::SyncEngine engine(own, options);
            first = engine.syncOnce();
            finished = true;
        });
        store::Database watcher(dbPath, store::Database::Mode::ReadOnly);
        while (!finished &&
               watcher.queryInteger("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL") < total / 4)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        CHECK(server.stop() == 0);
        syncing.join();
        CHECK_FALSE(first.ok()); // the server went away under it
    }
    const auto sentBefore =
        counter.store->db().queryInteger("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL");
    CHECK(sentBefore > 0);
    CHECK(sentBefore < total);

    {
        sync::SyncEngine offline(counter.store->db(), optionsFor(1));
        CHECK(offline.status().outboxDepth == total - sentBefore);
    }
    ServerProcess restarted(dir.path() / "server");
    sync::SyncEngine engine(counter.store->db(), optionsFor(restarted.port()));
    auto rest = engine.syncOnce();
    REQUIRE(rest.ok());
    CHECK(rest->sent == total - sentBefore);
    requireExactlyOnce(counter, restarted);
}

TEST_CASE("sync: 503s, dropped answers, garbled answers and answers slower than the timeout: everything "
          "arrives once",
          "[sync][faults]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server",
                         {"--seed-demo", "--inject-faults", "error=3,drop=5,garble=7,slow=11:1200"});
    Counter counter;
    intakeCases(counter, 30);
    auto options = optionsFor(server.port());
    options.batchSize = 4;
    options.http.totalTimeoutMs = 600;
    options.onceAttempts = 100;
    sync::SyncEngine engine(counter.store->db(), options);
    auto report = engine.syncOnce();
    REQUIRE(report.ok());
    CHECK(report->poisoned == 0);
    requireExactlyOnce(counter, server);
    CHECK(counter.store->db().queryInteger("SELECT count(*) FROM outbox_sync WHERE attempts > 1") ==
          0); // a retry is not an attempt counted twice on success
}

TEST_CASE("sync: an entry the server refuses (409) is set aside, other cases flow, the rest of its case "
          "waits, then retry and discard",
          "[sync][poisoned]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    Counter counter;
    auto& db = counter.store->db();
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    const auto a = intake.open(item, company(), std::nullopt)->number;
    sync::SyncEngine engine(db, optionsFor(server.port()));
    REQUIRE(engine.syncOnce().ok());

    // The same UUID now carries another body: the server answers 409 change.uuid_reused.
    const auto seqA = db.queryInteger("SELECT seq FROM outbox WHERE case_number = '" + a + "'");
    const auto original = store::findOutboxEntry(db, std::to_string(seqA))->payload;
    db.exec("UPDATE outbox SET sent_at = NULL, payload = '{\"tampered\": true}' WHERE seq = " +
            std::to_string(seqA));
    const auto material = item.materials.front().id;
    REQUIRE(intake.recordMaterial(a, material, core::MaterialStatus::Original, "", "")
                .ok()); // waits behind the poisoned one
    const auto b = intake.open(item, company(), std::nullopt)->number;
    const auto c = intake.open(item, company(), std::nullopt)->number;

    auto report = engine.syncOnce();
    REQUIRE(report.ok());
    CHECK(report->poisoned == 1);
    CHECK(report->sent == 2);
    auto poisoned = store::poisonedOutbox(db);
    REQUIRE(poisoned.size() == 1);
    CHECK(poisoned[0].entry.seq == seqA);
    CHECK(poisoned[0].lastError.find("change.uuid_reused") != std::string::npos);
    CHECK(serverStrings(server, "SELECT number FROM server_case") == std::set<std::string>{a, b, c});
    CHECK(serverCount(server, "SELECT count(*) FROM change WHERE case_number = '" + a + "'") ==
          1); // the later one waited
    auto status = engine.status();
    CHECK(status.poisoned == 1);
    CHECK(status.outboxDepth == 1);

    // Retried unchanged: refused again. Retried after the payload is put right: a replay, and the case flows
    // again.
    {
        store::Transaction tx(db);
        CHECK(store::retryPoisoned(tx, seqA));
        tx.commit();
    }
    REQUIRE(engine.syncOnce().ok());
    REQUIRE(store::poisonedOutbox(db).size() == 1);
    CHECK(store::poisonedOutbox(db)[0].attempts == 3);
    {
        store::Statement fix(db, "UPDATE outbox SET payload = ? WHERE seq = ?");
        fix.bind(1, original).bind(2, seqA).run();
        store::Transaction tx(db);
        CHECK(store::retryPoisoned(tx, seqA));
        CHECK_FALSE(store::retryPoisoned(tx, seqA)); // not poisoned any more
        tx.commit();
    }
    report = engine.syncOnce();
    REQUIRE(report.ok());
    CHECK(report->sent == 2);
    requireExactlyOnce(counter, server);

    // Discard: the supervisor gives up on one entry; the case's later entries go.
    const auto seqB = db.queryInteger("SELECT seq FROM outbox WHERE case_number = '" + b + "'");
    db.exec("UPDATE outbox SET sent_at = NULL, payload = '{\"tampered\": 2}' WHERE seq = " +
            std::to_string(seqB));
    REQUIRE(intake.recordMaterial(b, material, core::MaterialStatus::Original, "", "").ok());
    REQUIRE(engine.syncOnce()->poisoned == 1);
    {
        store::Transaction tx(db);
        CHECK(store::discardPoisoned(tx, seqB, "2026-11-29T00:00:00Z"));
        tx.commit();
    }
    report = engine.syncOnce();
    REQUIRE(report.ok());
    CHECK(report->sent == 1);
    const auto counts = store::outboxCounts(db);
    CHECK(counts.pending == 0);
    CHECK(counts.poisoned == 0);
    CHECK(counts.discarded == 1);
    CHECK(serverCount(server, "SELECT count(*) FROM change WHERE case_number = '" + b + "'") == 2);
}

TEST_CASE("sync: with the server down the state is offline, the outbox depth and the error are reported",
          "[sync][offline]") {
    TempDir dir;
    Counter counter;
    intakeCases(counter, 3);
    const auto depth = static_cast<std::int64_t>(store::pendingOutbox(counter.store->db(), 1000).size());
    int port = 0;
    {
        ServerProcess server(dir.path() / "server");
        port = server.port();
    } // stopped: nothing listens on the port now
    auto options = optionsFor(port);
    options.onceAttempts = 2;
    sync::SyncEngine engine(counter.store->db(), options);
    auto result = engine.syncOnce();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "http.unreachable");
    const auto status = engine.status();
    CHECK(status.state == sync::Reachability::Offline);
    CHECK(status.outboxDepth == depth);
    CHECK_FALSE(status.lastError.empty());
    CHECK(store::syncNote(counter.store->db(), "last_error").find("cannot be reached") != std::string::npos);

    // A wrong password is refused at once, not retried for ever.
    ServerProcess server(dir.path() / "server");
    auto wrong = optionsFor(server.port());
    wrong.password = "not-the-password";
    sync::SyncEngine refused(counter.store->db(), wrong);
    auto answer = refused.syncOnce();
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().code == "sync.refused_sign_in");
}

TEST_CASE("sync: the CLI sends the outbox, reports status, lists, retries and discards set-aside entries",
          "[sync][cli]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    Counter counter;
    intakeCases(counter, 2);
    const auto dataDir = counter.store->dataDir().string();
    const auto passwordFile = (dir.path() / "password").string();
    std::ofstream(passwordFile) << "s001-demo-pass\n";
    const auto url = "http://127.0.0.1:" + std::to_string(server.port());

    auto run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--staff", "S001", "sync", "once", "--server", url,
                                 "--password-file", passwordFile});
    INFO(run.out << run.err);
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("0 waiting") != std::string::npos);
    requireExactlyOnce(counter, server);

    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--json", "sync", "status"});
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("\"pending\": 0") != std::string::npos);

    auto& db = counter.store->db();
    const auto seq = db.queryInteger("SELECT min(seq) FROM outbox");
    db.exec("UPDATE outbox SET sent_at = NULL, payload = '{\"x\": 1}' WHERE seq = " + std::to_string(seq));
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--staff", "S001", "sync", "once", "--server", url,
                            "--password-file", passwordFile});
    CHECK(run.exitCode == 0);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "poisoned"});
    CHECK(run.out.find("change.uuid_reused") != std::string::npos);
    // The same as the issue names it: outbox --failed, outbox (the waiting ones: none, the refused one is
    // aside).
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "outbox", "--failed"}).out == run.out);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "outbox"});
    CHECK(run.out.find("outbox: 0 waiting, 1 set aside") != std::string::npos);
    const auto entries = db.queryInteger("SELECT count(*) FROM outbox");
    intakeCases(counter, 1);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--json", "outbox"});
    CHECK(run.out.find("\"case.open\"") != std::string::npos);
    CHECK(run.out.find("\"id\": " + std::to_string(entries + 1)) != std::string::npos);
    CHECK(runCli(YWTB_CLI, {"--data-dir", dataDir, "outbox", "--failed", "retry", "1"}).exitCode == 2);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "outbox", "retry", std::to_string(seq)});
    CHECK(run.exitCode == 0);
    CHECK(store::poisonedOutbox(db).empty());
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "--staff", "S001", "sync", "once", "--server", url,
                            "--password-file", passwordFile});
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "discard", std::to_string(seq)});
    CHECK(run.exitCode == 0);
    CHECK(store::outboxCounts(db).discarded == 1);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "discard", std::to_string(seq)});
    CHECK(run.exitCode == 1);
    run = runCli(YWTB_CLI, {"--data-dir", dataDir, "sync", "once"});
    CHECK(run.exitCode == 2);
}

TEST_CASE(
    "sync: run() keeps the outbox drained while the counter works, and turns offline when the server goes",
    "[sync][run]") {
    TempDir dir;
    auto server = std::make_unique<ServerProcess>(dir.path() / "server");
    Counter counter;
    const auto dbPath = counter.store->databasePath().string();
    auto options = optionsFor(server->port());
    options.onceAttempts = 1000; // run() ignores it: it never gives up
    store::Database own(dbPath);
    sync::SyncEngine engine(own, options);
    std::jthread loop([&](std::stop_token stop) { engine.run(stop, std::chrono::milliseconds(50)); });

    intakeCases(counter, 6);
    const auto waitFor = [](const std::function<bool()>& done) {
        for (int i = 0; i < 400 && !done(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return done();
    };
    const auto local = counter.store->db().queryInteger("SELECT count(*) FROM outbox");
    CHECK(waitFor([&] { return serverCount(*server, "SELECT count(*) FROM change") == local; }));
    CHECK(waitFor([&] {
        return engine.status().state == sync::Reachability::Online && engine.status().outboxDepth == 0;
    }));
    requireExactlyOnce(counter, *server);

    CHECK(server->stop() == 0);
    REQUIRE(counter.at().open(counter.item("SCJG-XK-001"), company(), std::nullopt).ok());
    CHECK(waitFor([&] { return engine.status().state == sync::Reachability::Offline; }));
    CHECK(waitFor([&] { return engine.status().outboxDepth == 1; }));
    CHECK_FALSE(engine.status().lastError.empty());
    loop.request_stop();
}

TEST_CASE(
    "sync: the blobs an entry names are uploaded first, in chunks, once, and verify by hash on the server",
    "[sync][blobs]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server", {"--seed-demo", "--inject-faults", "error=4,drop=6"});
    Counter counter;
    intakeCases(counter, 2);
    std::string scan(3 * 1024 * 1024 + 123, '\0');
    unsigned x = 7;
    for (auto& b : scan) {
        x = x * 1103515245u + 12345u;
        b = static_cast<char>(x >> 16);
    }
    const auto sha = counter.store->blobs().put(scan).value();
    const auto number = store::pendingOutbox(counter.store->db(), 1).at(0).caseNumber;
    {
        store::Transaction tx(counter.store->db());
        store::appendOutbox(tx, {0, newUuid(), number, "scan.attach",
                                 "{\"page\": 1, \"scan_sha256\": \"" + sha + "\"}", "2026-09-28T01:00:00Z"});
        store::appendOutbox(tx, {0, newUuid(), number, "scan.attach",
                                 "{\"page\": 2, \"again\": [\"" + sha + "\"]}", "2026-09-28T01:00:01Z"});
        tx.commit();
    }
    auto options = optionsFor(server.port());
    options.blobChunkBytes = 512 * 1024;
    options.onceAttempts = 100;
    sync::SyncEngine engine(counter.store->db(), options);
    engine.setBlobStore(&counter.store->blobs());
    REQUIRE(engine.syncOnce().ok());
    requireExactlyOnce(counter, server);
    CHECK(serverCount(server, "SELECT count(*) FROM blob") == 1);
    CHECK(serverCount(server, "SELECT count(*) FROM blob WHERE sha256 = '" + sha +
                                  "' AND size = " + std::to_string(scan.size())) == 1);
    const auto onServer = server.dataDir() / "blobs" / sha.substr(0, 2) / sha;
    REQUIRE(std::filesystem::exists(onServer));
    CHECK(store::sha256Hex(readFile(onServer)) == sha);
}

TEST_CASE("sync: over HTTPS the client verifies the certificate chain and refuses the wrong CA with a reason",
          "[sync][tls]") {
    const std::string tls = YWTB_SOURCE_DIR "/tests/server/tls/";
    TempDir dir;
    ServerProcess server(dir.path() / "server", {"--seed-demo", "--tls-cert", tls + "server-cert.pem",
                                                 "--tls-key", tls + "server-key.pem"});
    Counter counter;
    intakeCases(counter, 2);
    auto options = optionsFor(server.port());
    options.onceAttempts = 1;

    SECTION("the wrong CA") {
        options.serverUrl = "https://127.0.0.1:" + std::to_string(server.port());
        options.http.caFile = tls + "other-ca.pem";
        sync::SyncEngine engine(counter.store->db(), options);
        auto result = engine.syncOnce();
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "http.tls");
        CHECK(engine.status().state == sync::Reachability::Offline);
        CHECK(serverCount(server, "SELECT count(*) FROM change") == 0);
    }
    SECTION("the right CA and name") {
        options.serverUrl = "https://localhost:" + std::to_string(server.port());
        options.http.caFile = tls + "server-cert.pem";
        sync::SyncEngine engine(counter.store->db(), options);
        REQUIRE(engine.syncOnce().ok());
        requireExactlyOnce(counter, server);
    }
}

TEST_CASE("sync: decisions made on the server reach the counter's cases once; handing the result over is no "
          "conflict",
          "[sync][status-feed]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    const std::string data = (dir.path() / "server").string();
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    std::vector<std::string> accepted;
    for (int i = 0; i < 3; ++i) {
        auto c = completeFoodCase(intake, item);
        REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());
        accepted.push_back(c.number);
    }
    const auto draft = intake.open(item, company(), std::nullopt).value().number;
    REQUIRE(intake.startReview(accepted[2]).ok()); // already under review here

    std::map<services::ServerStatusOutcome, int> outcomes;
    sync::SyncEngine engine(counter.store->db(), optionsFor(server.port()));
    engine.setStatusSink([&](const sync::StatusChange& change) -> core::Expected<core::Done> {
        auto outcome = intake.applyServerStatus(change.caseNumber, change.status, change.note);
        if (!outcome)
            return outcome.error();
        ++outcomes[*outcome];
        return core::Done{};
    });
    auto first = engine.syncOnce();
    REQUIRE(first.ok());
    CHECK(first->statusChanges == 0);

    // A case taken at another counter PC, then the department's decisions.
    ApiClient other(server.port());
    other.signIn("S007", "s007-demo-pass", "W09"); // a case is opened at the window its number names
    const std::string elsewhere = "310104-W09-20260928-0001";
    REQUIRE(other
                .postJson("/api/v1/changes",
                          R"({"changes":[{"uuid":"0b0e7a52-6c2a-4c3e-9d7e-3f1f0c9a1d01","case_number":")" +
                              elsewhere + R"(","kind":"case.open","body":)" +
                              caseBody(elsewhere, core::CaseStatus::Draft) +
                              R"(},{"uuid":"0b0e7a52-6c2a-4c3e-9d7e-3f1f0c9a1d02","case_number":")" +
                              elsewhere + R"(","kind":"case.accept","body":)" +
                              caseBody(elsewhere, core::CaseStatus::Accepted) + "}]}")
                .status == 200);
    auto admin = [&](std::vector<std::string> args) {
        args.push_back("--data-dir");
        args.push_back(data);
        args.insert(args.begin(), "admin");
        return runCli(YWTB_SERVER, args);
    };
    REQUIRE(admin({"approve", accepted[0]}).exitCode == 0);
    REQUIRE(admin({"deny", accepted[1], "--note", "场所不符合卫生要求"}).exitCode == 0);
    REQUIRE(admin({"approve", accepted[2]}).exitCode == 0);
    REQUIRE(admin({"approve", draft}).exitCode == 0);
    REQUIRE(admin({"approve", "310104-W09-20260928-0001"}).exitCode == 0);

    auto second = engine.syncOnce();
    REQUIRE(second.ok());
    CHECK(second->statusChanges == 5);
    CHECK(outcomes[services::ServerStatusOutcome::Applied] == 3);
    CHECK(outcomes[services::ServerStatusOutcome::NotHeld] == 1);
    CHECK(outcomes[services::ServerStatusOutcome::Conflict] == 1);
    CHECK(intake.find(accepted[0])->status == core::CaseStatus::Approved);
    const auto denied = intake.find(accepted[1]).value();
    CHECK(denied.status == core::CaseStatus::Denied);
    CHECK(denied.decisionReason == "场所不符合卫生要求");
    CHECK(intake.find(accepted[2])->status == core::CaseStatus::Approved);
    CHECK(intake.find(draft)->status == core::CaseStatus::Draft);
    auto& db = counter.store->db();
    CHECK(db.queryInteger(
              "SELECT count(*) FROM audit_log WHERE action = 'case.server_status_conflict' AND subject = '" +
              draft + "'") == 1);
    // The decision document is numbered here as for a decision at the counter.
    const auto approved = intake.find(accepted[0]).value();
    CHECK(std::any_of(approved.documents.begin(), approved.documents.end(),
                      [](const core::IssuedDocument& d) { return d.kind == "approval_decision"; }));

    // The counter's own record of the decisions goes back to the server: the same status, not a conflict.
    auto third = engine.syncOnce();
    REQUIRE(third.ok());
    CHECK(third->sent >= 3);
    CHECK(third->conflicts == 0);
    CHECK(third->statusChanges == 0);

    // The result handed over at the pickup window follows the server's decision.
    REQUIRE(intake.markReady(accepted[0]).ok());
    core::Release release;
    release.method = core::ReleaseMethod::Window;
    release.receiverName = "王小明";
    REQUIRE(intake.release(accepted[0], release).ok());
    auto fourth = engine.syncOnce();
    REQUIRE(fourth.ok());
    CHECK(fourth->conflicts == 0);
    CHECK(serverCount(server, "SELECT count(*) FROM server_case WHERE number = '" + accepted[0] +
                                  "' AND status = 'released'") == 1);

    // A crash after applying but before keeping the cursor: the feed comes again and changes nothing.
    const auto outboxBefore = db.queryInteger("SELECT count(*) FROM outbox");
    {
        store::Transaction tx(db);
        store::setSyncNote(tx, "status_cursor", "0");
        tx.commit();
    }
    outcomes.clear();
    auto again = engine.syncOnce();
    REQUIRE(again.ok());
    CHECK(again->statusChanges == 5);
    CHECK(outcomes[services::ServerStatusOutcome::Applied] == 0);
    CHECK(outcomes[services::ServerStatusOutcome::AlreadyThere] == 3);
    CHECK(db.queryInteger("SELECT count(*) FROM outbox") == outboxBefore);
    CHECK(intake.find(accepted[0])->status == core::CaseStatus::Released);
}

TEST_CASE("sync: the runner keeps the outbox drained on its own thread, applies the server's decisions, and "
          "reports offline while the server is away",
          "[sync][runner]") {
    TempDir dir;
    auto server = std::make_unique<ServerProcess>(dir.path() / "server");
    const std::string data = (dir.path() / "server").string();
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());

    services::SyncSetup setup;
    setup.dataDir = counter.store->dataDir();
    setup.centre = &counter.config;
    setup.calendar = &demoCalendar();
    setup.clock = &counter.clock;
    setup.actor = {"S001", "W01"};
    setup.options = optionsFor(server->port());
    setup.idlePoll = std::chrono::milliseconds(100);
    auto waitFor = [](const std::function<bool()>& done) {
        for (int i = 0; i < 300 && !done(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return done();
    };
    services::SyncRunner runner(setup);
    CHECK(waitFor([&] {
        return runner.status().state == sync::Reachability::Online && runner.status().outboxDepth == 0;
    }));
    CHECK(waitFor([&] { return store::outboxCounts(counter.store->db()).pending == 0; }));

    // A decision on the server reaches the case while the counter works on.
    REQUIRE(runCli(YWTB_SERVER, {"admin", "approve", c.number, "--data-dir", data}).exitCode == 0);
    CHECK(waitFor([&] { return runner.decisionsApplied() == 1; }));
    CHECK(intake.find(c.number)->status == core::CaseStatus::Approved);

    // The server goes away: offline, and cases taken meanwhile wait in the outbox.
    server.reset();
    REQUIRE(intake.open(item, company(), std::nullopt).ok());
    CHECK(waitFor([&] { return runner.status().state == sync::Reachability::Offline; }));
    CHECK_FALSE(runner.status().lastError.empty());
    CHECK(store::outboxCounts(counter.store->db()).pending > 0);
}
