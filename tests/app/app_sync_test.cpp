// The counter window with a central server (docs/gui.md): the sync in the status bar, sign-in at the server
// or offline, a case fetched for pickup at another PC, the hall queue, and the supervisor's set-aside entries
// — each against the real ywtb-counter-server on a loopback port, through the real widgets.

#include "app/app_i18n.h"
#include "app/decision_panel.h"
#include "app/document_preview.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "app/item_search_panel.h"
#include "app/pickup_panel.h"
#include "app/queue_panel.h"
#include "app/set_aside_dialog.h"
#include "core/case_lifecycle.h"
#include "server/server_process.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/sync_state.h"
#include "support/cli_runner.h"

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/gauge.h>
#include <wx/textctrl.h>

using namespace ywtb;
using ywtb::testing::GuiCounter;
using ywtb::testing::openFoodCase;

namespace {

/// The food business of the demo data, as the intake service takes it.
core::Applicant foodCompany() {
    core::Applicant applicant;
    applicant.kind = core::ApplicantKind::Organisation;
    applicant.name = "上海某某餐饮有限公司";
    applicant.creditCode = "91350100M000100Y43";
    return applicant;
}

} // namespace

TEST_CASE("with a central server the status bar shows online and the outbox draining, then offline and why",
          "[app][sync]") {
    GuiCounter counter;
    CHECK(counter.frame->statusText(app::MainFrame::kSyncField) ==
          wxGetTranslation("offline — no server configured"));
    const auto applicant = foodCompany();
    auto intake = counter.session->intake();
    REQUIRE(intake.open(*counter.session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt).ok());
    REQUIRE(counter.session->outboxDepth() > 0);

    testing::TempDir serverDir;
    auto server = std::make_unique<testing::ServerProcess>(serverDir.path() / "server");
    sync::SyncOptions options;
    options.serverUrl = "http://127.0.0.1:" + std::to_string(server->port());
    options.password = "s001-demo-pass";
    options.firstBackoff = std::chrono::milliseconds(20);
    options.maxBackoff = std::chrono::milliseconds(200);
    options.http.totalTimeoutMs = 2000;
    counter.session->startSync(options);
    const auto syncField = [&] {
        counter.frame->refreshSync();
        return counter.frame->statusText(app::MainFrame::kSyncField).utf8_string();
    };
    CHECK(testing::waitUntil([&] {
        return syncField().find("在线") != std::string::npos && counter.session->outboxDepth() == 0;
    }));
    CHECK(counter.frame->statusText(app::MainFrame::kOutboxField).utf8_string().find('0') !=
          std::string::npos);
    CHECK_FALSE(counter.frame->syncProgress()->IsShown()); // nothing left to send: no bar
    testing::screenshot(counter.frame, "sync-online");

    server.reset();
    REQUIRE(intake.open(*counter.session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt).ok());
    CHECK(testing::waitUntil([&] { return syncField().find("离线") != std::string::npos; }));
    CHECK(counter.session->outboxDepth() > 0);
    CHECK_FALSE(counter.frame->syncProgress()->IsShown()); // waiting for the server is not progress
}

TEST_CASE("the status bar's sync bar fills while a backlog is sent, and goes once it is", "[app][sync]") {
    GuiCounter counter;
    const auto applicant = foodCompany();
    auto intake = counter.session->intake();
    for (int i = 0; i < 30; ++i) // taken in while the server was away
        REQUIRE(intake.open(*counter.session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt).ok());
    const auto backlog = static_cast<int>(counter.session->outboxDepth());
    REQUIRE(backlog >= 30);

    testing::TempDir serverDir;
    testing::ServerProcess server(serverDir.path() / "server");
    sync::SyncOptions options;
    options.serverUrl = "http://127.0.0.1:" + std::to_string(server.port());
    options.password = "s001-demo-pass";
    options.batchSize = 1; // a round trip (and a server commit) per change: the backlog takes a while
    counter.session->startSync(options);
    int shownWithProgress = 0;
    REQUIRE(testing::waitUntil(
        [&] {
            counter.frame->refreshSync();
            auto* bar = counter.frame->syncProgress();
            if (bar->IsShown()) {
                CHECK(bar->GetRange() <=
                      backlog); // the most seen waiting: the engine may have sent some before the first look
                CHECK(bar->GetValue() <= bar->GetRange());
                if (bar->GetValue() > 0 && bar->GetValue() < bar->GetRange())
                    ++shownWithProgress;
            }
            return counter.session->outboxDepth() == 0;
        },
        60));
    CHECK(shownWithProgress > 0);
    counter.frame->refreshSync();
    CHECK_FALSE(counter.frame->syncProgress()->IsShown());
}

TEST_CASE("sign-in at the central server: a refusal is final, online keeps the token the sync uses, offline "
          "checks this PC's record",
          "[app][sync][signin]") {
    testing::TempDir dir;
    const auto open = [&] { return testing::openSession(dir / "data"); };
    auto server = std::make_unique<testing::ServerProcess>(dir.path() / "server");
    const services::ServerAccess access{"http://127.0.0.1:" + std::to_string(server->port()), ""};
    const auto serverSessions = [&] {
        store::Database db((dir.path() / "server" / "server.sqlite").string(),
                           store::Database::Mode::ReadOnly);
        return db.queryInteger("SELECT count(*) FROM session");
    };
    {
        auto session = open();
        auto refused = session->signInAt(access, "S001", "not-the-password", "W01");
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "sync.refused_sign_in");
        CHECK_FALSE(session->signedIn());
        CHECK_FALSE(
            session->signInAt(access, "S001", "s001-demo-pass", "W77").ok()); // not a window of centre.json

        auto online = session->signInAt(access, "S001", "s001-demo-pass", "W01");
        REQUIRE(online.ok());
        CHECK(online->route == services::SignInRoute::Online);
        CHECK_FALSE(session->signedInOffline());
        CHECK(serverSessions() == 1);
        // The sync goes on with the token of that sign-in: the server opens no second session.
        core::Applicant applicant;
        applicant.kind = core::ApplicantKind::Organisation;
        applicant.name = "上海某某餐饮有限公司";
        applicant.creditCode = "91350100M000100Y43";
        REQUIRE(
            session->intake().open(*session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt).ok());
        session->startServerSync();
        CHECK(testing::waitUntil([&] {
            const auto status = session->syncStatus();
            return status && status->state == sync::Reachability::Online && session->outboxDepth() == 0;
        }));
        CHECK(serverSessions() == 1);
    }

    // The server is away: the same password is checked against this PC's record, and the status bar says so.
    server.reset();
    auto session = open();
    CHECK_FALSE(session->signInAt(access, "S001", "s001-demo-pas", "W01").ok());
    auto offline = session->signInAt(access, "S001", "s001-demo-pass", "W01");
    REQUIRE(offline.ok());
    CHECK(offline->route == services::SignInRoute::Offline);
    CHECK(offline->unreachable.code.rfind("http.", 0) == 0);
    CHECK(session->signedInOffline());
    testing::ShownFrame frame(*session);
    CHECK(frame->statusText(app::MainFrame::kStaffField).Contains(wxGetTranslation("signed in offline")));
    testing::screenshot(frame.frame, "signed-in-offline");
}

TEST_CASE("the pickup window of another counter PC fetches a case from the central server and releases it",
          "[app][sync][pickup]") {
    testing::TempDir dir;
    testing::ServerProcess server(dir.path() / "server");
    const services::ServerAccess access{"http://127.0.0.1:" + std::to_string(server.port()), ""};

    // Counter PC A takes the case in and syncs it; the department approves it on the server.
    GuiCounter a;
    auto* intake = a.frame->intake();
    const auto number = openFoodCase(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    sync::SyncOptions options;
    options.serverUrl = access.url;
    options.password = "s001-demo-pass";
    options.firstBackoff = std::chrono::milliseconds(20);
    a.session->startSync(options);
    REQUIRE(testing::waitUntil([&] { return a.session->outboxDepth() == 0; }));
    REQUIRE(testing::runCli(testing::serverBinary(),
                            {"admin", "approve", number, "--data-dir", server.dataDir().string()})
                .exitCode == 0);

    // Counter PC B, the pickup window, has never seen it.
    auto session = testing::openSession(dir / "b", "2026-09-28T05:00:00Z");
    REQUIRE(session->signInAt(access, "S007", "s007-demo-pass", "W02").ok());
    REQUIRE(session->reserveDemoNumberBlocks().ok());
    testing::ShownFrame frame(*session);
    frame->showPickup();
    auto* pickup = frame->pickup();
    testing::type(pickup->scanField(), wxString::FromUTF8(core::progressUrlOf(session->centre(), number)));
    testing::pressEnter(pickup->scanField());
    // Asked in the background: the window answers meanwhile.
    REQUIRE(testing::waitUntil([&] { return pickup->pending() == 0 && pickup->currentCase().has_value(); }));
    CHECK(pickup->currentCase()->number == number);
    CHECK(pickup->currentCase()->status == core::CaseStatus::Approved); // the server's decision applied here
    CHECK(frame->statusText(app::MainFrame::kMessageField).Contains(wxString::FromUTF8(number)));
    testing::screenshot(frame.frame, "pickup-fetched-from-server");

    auto service = session->intake();
    REQUIRE(service.markReady(number).ok());
    testing::pressEnter(pickup->scanField()); // found on this PC now, at once
    REQUIRE(pickup->currentCase());
    CHECK(pickup->pending() == 0);
    INFO(pickup->releaseButton()->GetToolTipText().utf8_string());
    testing::click(pickup->releaseButton());
    CHECK(service.find(number)->status == core::CaseStatus::Released);
    REQUIRE(testing::waitUntil([&] { return pickup->preview()->pending() == 0; }));
    session->startServerSync();
    CHECK(testing::waitUntil([&] { return session->outboxDepth() == 0; }));
    store::Database serverDb((server.dataDir() / "server.sqlite").string(), store::Database::Mode::ReadOnly);
    CHECK(serverDb.queryInteger("SELECT count(*) FROM server_case WHERE number = '" + number +
                                "' AND status = 'released'") == 1);

    // An unknown number is said plainly.
    testing::type(pickup->scanField(), "310104-W01-20260928-9999");
    testing::pressEnter(pickup->scanField());
    REQUIRE(testing::waitUntil([&] { return pickup->pending() == 0; }));
    CHECK_FALSE(pickup->currentCase());
    CHECK(frame->statusText(app::MainFrame::kMessageField).Contains("310104-W01-20260928-9999"));
}

TEST_CASE("the hall queue: call the next ticket (appointments first) with its item looked up, recall, done, "
          "no-show",
          "[app][sync][queue]") {
    testing::TempDir dir;
    testing::ServerProcess server(dir.path() / "server");
    const services::ServerAccess access{"http://127.0.0.1:" + std::to_string(server.port()), ""};
    // The hall's ticket machine and the appointment system.
    testing::ApiClient machine(server.port());
    machine.signIn("S007", "s007-demo-pass", "W02");
    REQUIRE(machine.postJson("/api/v1/queue/tickets", R"({"kind": "walk_in"})").status == 201);
    REQUIRE(
        machine.postJson("/api/v1/queue/tickets", R"({"kind": "appointment", "item_code": "SCJG-XK-001"})")
            .status == 201);

    {
        GuiCounter offline; // no central server: no queue, said so, nothing to press
        CHECK_FALSE(offline.frame->queue()->callButton()->IsEnabled());
        CHECK(offline.frame->queue()->ticketText() ==
              wxGetTranslation("No hall queue: this counter works without a central server"));
    }

    auto session = testing::openSession(dir / "data");
    REQUIRE(session->signInAt(access, "S001", "s001-demo-pass", "W01").ok());
    testing::ShownFrame frame(*session);
    auto* queue = frame->queue();
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    CHECK(queue->waitingText() == app::fill(wxGetTranslation("{count} waiting"), {{"count", "2"}}));
    CHECK(queue->ticketText() == wxGetTranslation("No ticket called"));
    CHECK_FALSE(queue->doneButton()->IsEnabled());

    testing::click(queue->callButton());
    CHECK_FALSE(queue->callButton()->IsEnabled()); // one request at a time
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    REQUIRE(queue->current());
    CHECK(queue->current()->number == "B001"); // the appointment first (DB31/T 862 9.1.2)
    CHECK(queue->ticketText().Contains("B001"));
    // The intake page is ready for that applicant, the booked item already looked up.
    REQUIRE(frame->intake()->itemSearch()->selected());
    CHECK(frame->intake()->itemSearch()->selected()->code == "SCJG-XK-001");
    CHECK_FALSE(queue->callButton()->IsEnabled()); // the one being served is finished first
    testing::screenshot(frame.frame, "queue-called");

    testing::click(queue->recallButton());
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    CHECK(queue->current()->callCount == 2);
    testing::click(queue->doneButton());
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    CHECK_FALSE(queue->current());

    testing::click(queue->callButton());
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    REQUIRE(queue->current());
    CHECK(queue->current()->number == "A001");
    testing::click(queue->skipButton());
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    CHECK_FALSE(queue->current());
    CHECK(frame->statusText(app::MainFrame::kMessageField).Contains("A001"));

    testing::click(queue->callButton());
    REQUIRE(testing::waitUntil([&] { return queue->pending() == 0; }));
    CHECK_FALSE(queue->current());
    CHECK(frame->statusText(app::MainFrame::kMessageField) == wxGetTranslation("Nobody is waiting"));
    CHECK(queue->waitingText() == app::fill(wxGetTranslation("{count} waiting"), {{"count", "0"}}));
}

TEST_CASE("the set-aside sync entries: listed with the server's reason, retried or discarded, each audited",
          "[app][sync]") {
    GuiCounter counter;
    const auto applicant = foodCompany();
    auto intake = counter.session->intake();
    const auto first =
        intake.open(*counter.session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt).value();
    const auto second =
        intake.open(*counter.session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt).value();
    auto& db = counter.session->store().db();
    {
        // What the sync engine does with a 409 / 422 from the server (tests/sync: the real server's answers).
        store::Transaction tx(db);
        for (const auto& entry : store::pendingOutbox(db, 10))
            store::markOutboxPoisoned(tx, entry.seq,
                                      "change.uuid_reused: this UUID was used with another body",
                                      "2026-09-28T02:00:00Z");
        tx.commit();
    }
    app::SetAsideDialog dialog(counter.frame, *counter.session);
    REQUIRE(dialog.entries().size() == 2);
    CHECK(dialog.list()->GetItemCount() == 2);
    CHECK(dialog.list()->GetTextValue(0, 4).Contains("change.uuid_reused"));
    CHECK(dialog.entries()[0].entry.caseNumber == first.number);
    CHECK(dialog.retryButton()->IsEnabled());
    dialog.Show();
    testing::pump();
    testing::screenshot(&dialog, "set-aside");

    dialog.retrySelected();
    REQUIRE(dialog.entries().size() == 1);
    CHECK(dialog.message().Contains(wxString::FromUTF8(first.number)));
    CHECK(store::outboxCounts(db).pending == 1);
    dialog.discardSelected(false);
    CHECK(dialog.entries().empty());
    CHECK_FALSE(dialog.retryButton()->IsEnabled());
    CHECK(store::outboxCounts(db).discarded == 1);
    CHECK(db.queryInteger("SELECT count(*) FROM audit_log WHERE action = 'outbox.retry' AND subject = '" +
                          first.number + "' AND staff = 'S001'") == 1);
    CHECK(db.queryInteger("SELECT count(*) FROM audit_log WHERE action = 'outbox.discard' AND subject = '" +
                          second.number + "'") == 1);
    dialog.Hide();
}
