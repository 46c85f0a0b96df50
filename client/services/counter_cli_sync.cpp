// Counter: the commands that talk to the central server from the CLI (login, sync once|run, numbers pull,
// case fetch, queue) and the outbox they drain (sync status|poisoned|retry|discard, outbox). The server
// options come from the command's --server: the session `login` kept for it, or a password.

#include "core/clock.h"
#include "services/counter.h"
#include "services/counter_cli.h"
#include "services/outbox_supervision.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/migrations.h"
#include "store/sync_state.h"
#include "sync/sync_engine.h"

#include <fstream>
#include <set>
#include <thread>

namespace ywtb::services {

namespace {

/// The error of the first part (store, centre, calendar) an intake needs that cannot be loaded.
std::optional<core::Error> intakeParts(Counter& counter) {
    auto opened = storeOf(counter);
    if (!opened)
        return opened.error();
    std::vector<core::Error> errors; // each of the two adds its problems when it cannot be loaded
    if (counter.needCentre(errors) && counter.needCalendar(errors))
        return std::nullopt;
    return errors.front();
}

void forgetOn(store::Database& db, const SyncOptions& server, const std::string& errorCode) {
    if (server.token.empty() || errorCode != "sync.sign_in_needed")
        return;
    store::Transaction tx(db);
    store::forgetSession(tx, server.serverUrl, server.window);
    tx.commit();
}

} // namespace

core::Expected<SyncOptions> Counter::serverSession(const ServerAccess& server,
                                                   const PasswordSource& password) {
    SyncOptions options;
    options.serverUrl = sync::serverBase(server.url);
    options.staff = m_actor.staff;
    options.window = m_actor.window;
    options.http.caFile = server.caFile;
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    if (password.file.empty()) {
        if (auto kept =
                store::keptSession((*opened)->db(), options.serverUrl, options.window, core::utcNow())) {
            options.staff = kept->staff;
            options.token = kept->token;
            return options;
        }
    }
    std::optional<std::string> given;
    if (!password.file.empty()) {
        std::ifstream in(password.file);
        if (std::string line; in && std::getline(in, line))
            given = line;
    } else if (password.ask) {
        given = password.ask();
    }
    if (!given || given->empty())
        return core::Error{
            "sync.no_password",
            core::Message(N_("no password was given and no sign-in is kept for this server and window")),
            password.file.empty() ? options.serverUrl : password.file,
            core::Message(N_(
                "sign in with: ywtb-counter-cli login --server URL --user STAFF; or put the password on the "
                "first line of --password-file, or type it on standard input"))};
    options.password = *given;
    return options;
}

void Counter::forgetRefusedSession(const SyncOptions& server, const std::string& errorCode) {
    if (server.token.empty() || errorCode != "sync.sign_in_needed")
        return;
    if (auto opened = storeOf(*this))
        forgetOn((*opened)->db(), server, errorCode);
}

core::Expected<StaffSignInResult> Counter::logIn(const ServerAccess& server, const std::string& staff,
                                                 const std::string& password) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    sync::HttpOptions http;
    http.caFile = server.caFile;
    StaffSignIn signIn((*opened)->db(), server.url, http);
    return signIn.signIn(staff, password, m_actor.window);
}

core::Expected<SyncPass> Counter::syncOnce(const SyncOptions& server) {
    if (auto missing = intakeParts(*this))
        return *missing;
    SyncSession session(*m_store, intake(), *m_clock, m_actor, server);
    auto result = session.engine().syncOnce();
    if (!result) {
        forgetRefusedSession(server, result.error().code);
        return result.error();
    }
    SyncPass pass;
    pass.report = std::move(result).value();
    pass.applied = session.decisions(ServerStatusOutcome::Applied);
    pass.alreadyThere = session.decisions(ServerStatusOutcome::AlreadyThere);
    pass.notHeld = session.decisions(ServerStatusOutcome::NotHeld);
    pass.conflicts = session.decisions(ServerStatusOutcome::Conflict);
    pass.outbox = store::outboxCounts(m_store->db());
    return pass;
}

core::Expected<SyncRunEnd>
Counter::syncRun(const SyncOptions& server, const std::function<bool()>& keepGoing,
                 const std::function<void(const SyncStatus&, std::int64_t applied)>& watch) {
    if (auto missing = intakeParts(*this))
        return *missing;
    SyncSession session(*m_store, intake(), *m_clock, m_actor, server);
    // The engine has the store's connection to itself until it stops; this thread reads only its status.
    std::jthread worker([&](std::stop_token stop) { session.engine().run(stop); });
    std::string refused;
    while (keepGoing() && refused.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto now = session.engine().status();
        watch(now, session.decisions(ServerStatusOutcome::Applied));
        // Without a password that the server takes, nothing will ever go: stop.
        if (now.lastErrorCode == "sync.refused_sign_in" || now.lastErrorCode == "sync.sign_in_needed")
            refused = now.lastErrorCode;
    }
    worker.request_stop();
    worker.join();
    if (refused.empty())
        return SyncRunEnd::Stopped;
    forgetRefusedSession(server, refused);
    return SyncRunEnd::SignInRefused;
}

core::Expected<OutboxCounts> Counter::outboxCounts() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return store::outboxCounts((*opened)->db());
}

core::Expected<SyncNotes> Counter::syncNotes() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    auto& db = (*opened)->db();
    return SyncNotes{store::syncNote(db, "last_success_at"), store::syncNote(db, "last_error")};
}

core::Expected<std::vector<OutboxEntry>> Counter::waitingOutbox() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    auto& db = (*opened)->db();
    std::set<std::int64_t> setAside;
    for (const auto& p : store::poisonedOutbox(db))
        setAside.insert(p.entry.seq);
    std::vector<OutboxEntry> entries;
    for (auto& e : store::pendingOutbox(db, 1000000))
        if (!setAside.count(e.seq))
            entries.push_back(std::move(e));
    return entries;
}

core::Expected<std::vector<PoisonedEntry>> Counter::setAsideEntries() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return services::setAsideEntries(**opened);
}

core::Expected<OutboxEntry> Counter::retrySetAside(const std::string& seqOrUuid) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return services::retrySetAside(**opened, seqOrUuid, m_actor, *m_clock);
}

core::Expected<OutboxEntry> Counter::discardSetAside(const std::string& seqOrUuid) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return services::discardSetAside(**opened, seqOrUuid, m_actor, *m_clock);
}

core::Expected<core::Case> Counter::fetchFromServer(const std::string& caseNumber,
                                                    const SyncOptions& server) {
    std::vector<core::Error> errors;
    if (!needCentre(errors) || !needCalendar(errors))
        return errors.front();
    auto opened = store::LocalStore::open(m_dataDir);
    if (!opened)
        return opened.error();
    auto& own = **opened;
    sync::SyncEngine engine(own.db(), server);
    auto fetched = engine.fetchCase(caseNumber);
    if (!fetched) {
        forgetOn(own.db(), server, fetched.error().code);
        return fetched.error();
    }
    IntakeService intake(own, *m_centre, *m_calendar, *m_clock, m_actor);
    intake.useApplicationForms(&needApplicationForms());
    return intake.adoptServerCase(caseNumber, fetched->caseJson, fetched->status);
}

std::unique_ptr<HallQueue> Counter::hallQueue(const SyncOptions& server) {
    return std::make_unique<HallQueue>(server);
}

int Counter::storeSchemaVersion() {
    return store::latestSchemaVersion();
}

int Counter::guarded(const std::function<int()>& command,
                     const std::function<int(const core::Error&)>& failed) {
    try {
        return command();
    } catch (const store::StoreFailure& failure) {
        return failed(failure.error());
    }
}

} // namespace ywtb::services
