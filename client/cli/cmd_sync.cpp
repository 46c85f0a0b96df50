// ywtb-counter-cli sync (once|run --server URL [--password-file F] [--ca FILE] | status | poisoned | retry ID | discard ID)

#include "cli/case_commands.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "cli/server_session.h"
#include "services/outbox_supervision.h"
#include "services/reference_data.h"
#include "store/audit_log.h"
#include "store/local_store.h"
#include "store/sync_state.h"
#include "sync/sync_engine.h"

#include <Poco/JSON/Array.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <ostream>
#include <set>
#include <thread>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

Poco::JSON::Object::Ptr countsJson(const store::OutboxCounts& counts) {
    Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    doc->set("pending", counts.pending);
    doc->set("poisoned", counts.poisoned);
    doc->set("sent", counts.sent);
    doc->set("conflicts", counts.conflicts);
    doc->set("discarded", counts.discarded);
    return doc;
}

void printCounts(Context& context, const store::OutboxCounts& counts) {
    context.out() << fillPlaceholders(tr(N_("outbox: {pending} waiting, {poisoned} set aside, {sent} sent ({conflicts} conflicts), {discarded} discarded")),
                                      {{"pending", std::to_string(counts.pending)}, {"poisoned", std::to_string(counts.poisoned)},
                                       {"sent", std::to_string(counts.sent)}, {"conflicts", std::to_string(counts.conflicts)},
                                       {"discarded", std::to_string(counts.discarded)}})
                  << "\n";
}

using Outcomes = std::array<std::atomic<std::int64_t>, 4>;

/// The options of `sync once` / `sync run`; null after printing the usage or the error, with the exit code set.
std::optional<sync::SyncOptions> syncOptions(Context& context, Arguments& args, const char* action, int& exitCode) {
    std::string problem;
    const auto given = takeServerArguments(args, problem);
    if (!problem.empty() || !args.empty() || given.server.empty()) {
        exitCode = context.usage(problem.empty() ? fillPlaceholders(tr(N_("sync {action} needs --server URL")), {{"action", action}}) : problem,
                                 "sync");
        return std::nullopt;
    }
    exitCode = kExitFailure;
    return serverOptions(context, given);
}

/// Blobs from the store, and what the departments decided on the server applied to the cases held here.
void connect(sync::SyncEngine& engine, store::LocalStore& store, services::IntakeService& intake, Outcomes& outcomes, Context& context) {
    engine.setBlobStore(&store.blobs());
    // The centre's published catalogue, calendars, templates and indicator set replace the shipped ones.
    engine.setReferenceSink(
        [&store, &context](const sync::ReferenceDocument& document) {
            return services::installReference(store, document.name, document.body, context.actor, *context.clock);
        },
        services::referenceNames());
    engine.setStatusSink([&](const sync::StatusChange& change) -> core::Expected<core::Done> {
        auto outcome = intake.applyServerStatus(change.caseNumber, change.status, change.note);
        if (!outcome)
            return outcome.error();
        ++outcomes[static_cast<std::size_t>(*outcome)];
        return core::Done{};
    });
}

int once(Context& context, Arguments& args) {
    int exitCode = kExitOk;
    const auto options = syncOptions(context, args, "once", exitCode);
    if (!options)
        return exitCode;
    auto* store = context.store();
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    sync::SyncEngine engine(store->db(), *options);
    Outcomes outcomes{};
    connect(engine, *store, *intake, outcomes, context);
    auto result = engine.syncOnce();
    const auto counts = store::outboxCounts(store->db());
    using Outcome = services::ServerStatusOutcome;
    const auto outcomeCount = [&](Outcome o) { return outcomes[static_cast<std::size_t>(o)].load(); };
    if (!result) {
        forgetRefusedSession(context, *options, result.error().code);
        if (!context.json)
            printCounts(context, counts);
        return context.fail(result.error());
    }
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("sent", result->sent);
        doc->set("poisoned", result->poisoned);
        doc->set("conflicts", result->conflicts);
        doc->set("batches", result->batches);
        Poco::JSON::Object::Ptr pulled = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        pulled->set("changes", result->statusChanges);
        pulled->set("applied", outcomeCount(Outcome::Applied));
        pulled->set("already", outcomeCount(Outcome::AlreadyThere));
        pulled->set("not_held", outcomeCount(Outcome::NotHeld));
        pulled->set("conflicts", outcomeCount(Outcome::Conflict));
        doc->set("status_feed", pulled);
        Poco::JSON::Object::Ptr references = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr installed = new Poco::JSON::Array;
        for (const auto& line : result->referencesInstalled)
            installed->add(line);
        Poco::JSON::Array::Ptr refused = new Poco::JSON::Array;
        for (const auto& e : result->referencesRefused)
            refused->add(context.text(e));
        references->set("installed", installed);
        references->set("refused", refused);
        doc->set("reference_data", references);
        doc->set("outbox", countsJson(counts));
        context.printJson(doc);
        return kExitOk;
    }
    context.out() << fillPlaceholders(tr(N_("sent {sent} changes in {batches} batches; {poisoned} set aside, {conflicts} conflicts")),
                                      {{"sent", std::to_string(result->sent)}, {"batches", std::to_string(result->batches)},
                                       {"poisoned", std::to_string(result->poisoned)}, {"conflicts", std::to_string(result->conflicts)}})
                  << "\n";
    context.out() << fillPlaceholders(tr(N_("server decisions: {changes} pulled; {applied} applied, {already} already there, "
                                            "{not_held} for cases not held here, {conflicts} contradicting the case (see audit recent)")),
                                      {{"changes", std::to_string(result->statusChanges)},
                                       {"applied", std::to_string(outcomeCount(Outcome::Applied))},
                                       {"already", std::to_string(outcomeCount(Outcome::AlreadyThere))},
                                       {"not_held", std::to_string(outcomeCount(Outcome::NotHeld))},
                                       {"conflicts", std::to_string(outcomeCount(Outcome::Conflict))}})
                  << "\n";
    for (const auto& line : result->referencesInstalled)
        context.out() << tr(N_("reference data installed")) << ": " << line << "\n";
    for (const auto& e : result->referencesRefused)
        context.err() << tr(N_("reference data refused, the one in use stays")) << ": " << context.text(e) << "\n";
    printCounts(context, counts);
    return kExitOk;
}

volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void onStopSignal(int signal) { g_stopSignal = signal; }

/// What `sync run` printed last, so that it prints a line only when something changed.
struct RunWatch {
    sync::Reachability state = sync::Reachability::Unknown;
    std::string lastError;
    std::int64_t poisoned = -1;
    std::int64_t sent = -1;
    std::int64_t applied = 0;
    std::int64_t references = 0;
    std::string referenceProblem;
};

void printChanges(Context& context, const sync::SyncStatus& now, std::int64_t applied, RunWatch& seen) {
    auto& out = context.out();
    if (now.state != seen.state && now.state != sync::Reachability::Unknown)
        out << (now.state == sync::Reachability::Online ? tr(N_("online")) : tr(N_("offline"))) << "\n";
    if (!now.lastError.empty() && now.lastError != seen.lastError)
        out << tr(N_("last error")) << ": " << now.lastError << "\n";
    if (now.poisoned != seen.poisoned && now.poisoned > 0)
        out << fillPlaceholders(tr(N_("{count} outbox entries set aside (see sync poisoned)")), {{"count", std::to_string(now.poisoned)}}) << "\n";
    if (now.state == sync::Reachability::Online && now.outboxDepth == 0 && now.lastError.empty() && now.sentThisRun != seen.sent) {
        out << fillPlaceholders(tr(N_("outbox drained: {sent} changes sent since the start")), {{"sent", std::to_string(now.sentThisRun)}}) << "\n";
        seen.sent = now.sentThisRun;
    }
    if (now.referencesInstalled != seen.references)
        out << fillPlaceholders(tr(N_("reference data installed: {count} documents since the start (they take effect when the counter starts next)")),
                                {{"count", std::to_string(now.referencesInstalled)}})
            << "\n";
    if (!now.referenceProblem.empty() && now.referenceProblem != seen.referenceProblem)
        out << tr(N_("reference data refused, the one in use stays")) << ": " << now.referenceProblem << "\n";
    if (applied != seen.applied)
        out << fillPlaceholders(tr(N_("server decisions applied to cases here: {count}")), {{"count", std::to_string(applied)}}) << "\n";
    out.flush();
    seen.state = now.state == sync::Reachability::Unknown ? seen.state : now.state;
    seen.lastError = now.lastError;
    seen.poisoned = now.poisoned;
    seen.applied = applied;
    seen.references = now.referencesInstalled;
    seen.referenceProblem = now.referenceProblem;
}

/// Keeps the outbox drained until SIGINT or SIGTERM, printing a line whenever the state changes.
int run(Context& context, Arguments& args) {
    int exitCode = kExitOk;
    const auto options = syncOptions(context, args, "run", exitCode);
    if (!options)
        return exitCode;
    auto* store = context.store();
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    sync::SyncEngine engine(store->db(), *options);
    Outcomes outcomes{};
    connect(engine, *store, *intake, outcomes, context);
    g_stopSignal = 0;
    const auto previousInt = std::signal(SIGINT, onStopSignal);
    const auto previousTerm = std::signal(SIGTERM, onStopSignal);
    // The engine has the store's connection to itself until it stops; this thread reads only its status.
    std::jthread worker([&](std::stop_token stop) { engine.run(stop); });
    RunWatch seen;
    std::string refused;
    while (!g_stopSignal && refused.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto now = engine.status();
        printChanges(context, now, outcomes[static_cast<std::size_t>(services::ServerStatusOutcome::Applied)].load(), seen);
        // Without a password that the server takes, nothing will ever go: say so and stop.
        if (now.lastErrorCode == "sync.refused_sign_in" || now.lastErrorCode == "sync.sign_in_needed")
            refused = now.lastErrorCode;
    }
    worker.request_stop();
    worker.join();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (!refused.empty()) {
        forgetRefusedSession(context, *options, refused);
        context.err() << tr(N_("sync stopped: the server does not take this sign-in")) << "\n";
        return kExitFailure;
    }
    context.out() << tr(N_("sync stopped")) << "\n";
    printCounts(context, store::outboxCounts(store->db()));
    return kExitOk;
}

int status(Context& context) {
    auto* store = context.store();
    if (!store)
        return kExitFailure;
    const auto counts = store::outboxCounts(store->db());
    const auto lastSuccess = store::syncNote(store->db(), "last_success_at");
    const auto lastError = store::syncNote(store->db(), "last_error");
    if (context.json) {
        auto doc = countsJson(counts);
        doc->set("last_success_at", lastSuccess);
        doc->set("last_error", lastError);
        context.printJson(doc);
        return kExitOk;
    }
    printCounts(context, counts);
    context.out() << tr(N_("last successful sync")) << ": " << (lastSuccess.empty() ? tr(N_("never")) : lastSuccess) << "\n";
    if (!lastError.empty())
        context.out() << tr(N_("last error")) << ": " << lastError << "\n";
    return kExitOk;
}

int poisoned(Context& context) {
    auto* store = context.store();
    if (!store)
        return kExitFailure;
    const auto entries = store::poisonedOutbox(store->db());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& p : entries) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("id", p.entry.seq);
            row->set("uuid", p.entry.uuid);
            row->set("case", p.entry.caseNumber);
            row->set("kind", p.entry.kind);
            row->set("attempts", p.attempts);
            row->set("error", p.lastError);
            row->set("at", p.lastAttemptAt);
            rows->add(row);
        }
        doc->set("poisoned", rows);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& p : entries)
        context.out() << p.entry.seq << "  " << p.entry.uuid << "  " << p.entry.caseNumber << "  " << p.entry.kind << "\n    "
                      << p.lastError << "\n";
    if (entries.empty())
        context.out() << tr(N_("no outbox entry is set aside")) << "\n";
    return kExitOk;
}

int decide(Context& context, Arguments& args, bool retry) {
    const auto id = args.next();
    if (id.empty() || !args.empty())
        return context.usage(tr(N_("give the id or UUID of one set-aside entry (see sync poisoned)")), "sync");
    auto* store = context.store();
    if (!store)
        return kExitFailure;
    auto entry = retry ? services::retrySetAside(*store, id, context.actor, *context.clock)
                       : services::discardSetAside(*store, id, context.actor, *context.clock);
    if (!entry)
        return context.fail(entry.error());
    context.out() << fillPlaceholders(tr(retry ? N_("entry {id} of case {case} goes out with the next sync")
                                               : N_("entry {id} of case {case} is discarded and will not be sent")),
                                      {{"id", std::to_string(entry->seq)}, {"case", entry->caseNumber}})
                  << "\n";
    return kExitOk;
}

} // namespace

/// The entries waiting to be sent, oldest first (set-aside and discarded ones are not waiting).
int waiting(Context& context) {
    auto* store = context.store();
    if (!store)
        return kExitFailure;
    std::set<std::int64_t> setAside;
    for (const auto& p : store::poisonedOutbox(store->db()))
        setAside.insert(p.entry.seq);
    const auto counts = store::outboxCounts(store->db());
    std::vector<store::OutboxEntry> entries;
    for (auto& e : store::pendingOutbox(store->db(), 1000000))
        if (!setAside.count(e.seq))
            entries.push_back(std::move(e));
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& e : entries) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("id", e.seq);
            row->set("uuid", e.uuid);
            row->set("case", e.caseNumber);
            row->set("kind", e.kind);
            row->set("created_at", e.createdAt);
            rows->add(row);
        }
        doc->set("waiting", rows);
        doc->set("counts", countsJson(counts));
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& e : entries)
        context.out() << e.seq << "  " << e.createdAt << "  " << e.caseNumber << "  " << e.kind << "\n";
    printCounts(context, counts);
    return kExitOk;
}

/// ywtb-counter-cli outbox [--failed] | outbox retry ID | outbox discard ID: the outbox as issue 7 names it.
int runOutbox(Context& context, Arguments& args) {
    const bool failed = args.flag("--failed");
    const auto action = args.next();
    if (action.empty() && args.empty())
        return failed ? poisoned(context) : waiting(context);
    if (!failed && action == "retry")
        return decide(context, args, true);
    if (!failed && action == "discard")
        return decide(context, args, false);
    return context.usage(tr(N_("outbox lists what waits (--failed: what the server refused); outbox retry ID or discard ID decides on a refused one")),
                         "outbox");
}

int runSync(Context& context, Arguments& args) {
    const auto action = args.next();
    if (action == "once")
        return once(context, args);
    if (action == "run")
        return run(context, args);
    if (action == "status" && args.empty())
        return status(context);
    if (action == "poisoned" && args.empty())
        return poisoned(context);
    if (action == "retry")
        return decide(context, args, true);
    if (action == "discard")
        return decide(context, args, false);
    return context.usage(tr(N_("sync needs once, run, status, poisoned, retry or discard")), "sync");
}

} // namespace ywtb::cli
