// ywtb-counter-cli sync (once|run --server URL [--password-file F] [--ca FILE] | status | poisoned | retry ID
// | discard ID)

#include "cli/case_commands.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "cli/server_session.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <csignal>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

Poco::JSON::Object::Ptr countsJson(const services::OutboxCounts& counts) {
    Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    doc->set("pending", counts.pending);
    doc->set("poisoned", counts.poisoned);
    doc->set("sent", counts.sent);
    doc->set("conflicts", counts.conflicts);
    doc->set("discarded", counts.discarded);
    return doc;
}

void printCounts(Context& context, const services::OutboxCounts& counts) {
    context.out() << fillPlaceholders(tr(N_("outbox: {pending} waiting, {poisoned} set aside, {sent} sent "
                                            "({conflicts} conflicts), {discarded} discarded")),
                                      {{"pending", std::to_string(counts.pending)},
                                       {"poisoned", std::to_string(counts.poisoned)},
                                       {"sent", std::to_string(counts.sent)},
                                       {"conflicts", std::to_string(counts.conflicts)},
                                       {"discarded", std::to_string(counts.discarded)}})
                  << "\n";
}

/// The options of `sync once` / `sync run`; null after printing the usage or the error, with the exit code
/// set.
std::optional<services::SyncOptions> syncOptions(Context& context, Arguments& args, const char* action,
                                                 int& exitCode) {
    std::string problem;
    const auto given = takeServerArguments(args, problem);
    if (!problem.empty() || !args.empty() || given.server.empty()) {
        exitCode =
            context.usage(problem.empty() ? fillPlaceholders(tr(N_("sync {action} needs --server URL")),
                                                             {{"action", action}})
                                          : problem,
                          "sync");
        return std::nullopt;
    }
    exitCode = kExitFailure;
    return serverOptions(context, given);
}

int once(Context& context, Arguments& args) {
    int exitCode = kExitOk;
    const auto options = syncOptions(context, args, "once", exitCode);
    if (!options)
        return exitCode;
    auto* counter = intakeCounter(context);
    if (!counter)
        return kExitFailure;
    auto pass = counter->syncOnce(*options);
    if (!pass) {
        if (!context.json)
            if (auto counts = counter->outboxCounts())
                printCounts(context, *counts);
        return context.fail(pass.error());
    }
    const auto* result = &pass->report;
    const auto& counts = pass->outbox;
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("sent", result->sent);
        doc->set("poisoned", result->poisoned);
        doc->set("conflicts", result->conflicts);
        doc->set("batches", result->batches);
        Poco::JSON::Object::Ptr pulled = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        pulled->set("changes", result->statusChanges);
        pulled->set("applied", pass->applied);
        pulled->set("already", pass->alreadyThere);
        pulled->set("not_held", pass->notHeld);
        pulled->set("conflicts", pass->conflicts);
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
    context.out()
        << fillPlaceholders(
               tr(N_(
                   "sent {sent} changes in {batches} batches; {poisoned} set aside, {conflicts} conflicts")),
               {{"sent", std::to_string(result->sent)},
                {"batches", std::to_string(result->batches)},
                {"poisoned", std::to_string(result->poisoned)},
                {"conflicts", std::to_string(result->conflicts)}})
        << "\n";
    context.out()
        << fillPlaceholders(
               tr(N_("server decisions: {changes} pulled; {applied} applied, {already} already there, "
                     "{not_held} for cases not held here, {conflicts} contradicting the case (see audit "
                     "recent)")),
               {{"changes", std::to_string(result->statusChanges)},
                {"applied", std::to_string(pass->applied)},
                {"already", std::to_string(pass->alreadyThere)},
                {"not_held", std::to_string(pass->notHeld)},
                {"conflicts", std::to_string(pass->conflicts)}})
        << "\n";
    for (const auto& line : result->referencesInstalled)
        context.out() << tr(N_("reference data installed")) << ": " << line << "\n";
    for (const auto& e : result->referencesRefused)
        context.err() << tr(N_("reference data refused, the one in use stays")) << ": " << context.text(e)
                      << "\n";
    printCounts(context, counts);
    return kExitOk;
}

volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void onStopSignal(int signal) {
    g_stopSignal = signal;
}

/// What `sync run` printed last, so that it prints a line only when something changed.
struct RunWatch {
    services::Reachability state = services::Reachability::Unknown;
    std::string lastError;
    std::int64_t poisoned = -1;
    std::int64_t sent = -1;
    std::int64_t applied = 0;
    std::int64_t references = 0;
    std::string referenceProblem;
};

void printChanges(Context& context, const services::SyncStatus& now, std::int64_t applied, RunWatch& seen) {
    auto& out = context.out();
    if (now.state != seen.state && now.state != services::Reachability::Unknown)
        out << (now.state == services::Reachability::Online ? tr(N_("online")) : tr(N_("offline"))) << "\n";
    if (!now.lastError.empty() && now.lastError != seen.lastError)
        out << tr(N_("last error")) << ": " << now.lastError << "\n";
    if (now.poisoned != seen.poisoned && now.poisoned > 0)
        out << fillPlaceholders(tr(N_("{count} outbox entries set aside (see sync poisoned)")),
                                {{"count", std::to_string(now.poisoned)}})
            << "\n";
    if (now.state == services::Reachability::Online && now.outboxDepth == 0 && now.lastError.empty() &&
        now.sentThisRun != seen.sent) {
        out << fillPlaceholders(tr(N_("outbox drained: {sent} changes sent since the start")),
                                {{"sent", std::to_string(now.sentThisRun)}})
            << "\n";
        seen.sent = now.sentThisRun;
    }
    if (now.referencesInstalled != seen.references)
        out << fillPlaceholders(tr(N_("reference data installed: {count} documents since the start (they "
                                      "take effect when the counter starts next)")),
                                {{"count", std::to_string(now.referencesInstalled)}})
            << "\n";
    if (!now.referenceProblem.empty() && now.referenceProblem != seen.referenceProblem)
        out << tr(N_("reference data refused, the one in use stays")) << ": " << now.referenceProblem << "\n";
    if (applied != seen.applied)
        out << fillPlaceholders(tr(N_("server decisions applied to cases here: {count}")),
                                {{"count", std::to_string(applied)}})
            << "\n";
    out.flush();
    seen.state = now.state == services::Reachability::Unknown ? seen.state : now.state;
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
    auto* counter = intakeCounter(context);
    if (!counter)
        return kExitFailure;
    g_stopSignal = 0;
    const auto previousInt = std::signal(SIGINT, onStopSignal);
    const auto previousTerm = std::signal(SIGTERM, onStopSignal);
    RunWatch seen;
    auto end = counter->syncRun(
        *options, [] { return !g_stopSignal; },
        [&](const services::SyncStatus& now, std::int64_t applied) {
            printChanges(context, now, applied, seen);
        });
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (!end)
        return context.fail(end.error());
    if (*end == services::SyncRunEnd::SignInRefused) {
        context.err() << tr(N_("sync stopped: the server does not take this sign-in")) << "\n";
        return kExitFailure;
    }
    context.out() << tr(N_("sync stopped")) << "\n";
    if (auto counts = counter->outboxCounts(); counts)
        printCounts(context, *counts);
    else
        return context.fail(counts.error());
    return kExitOk;
}

int status(Context& context) {
    if (!context.store())
        return kExitFailure;
    const auto outbox = context.counter().outboxCounts();
    const auto notes = context.counter().syncNotes();
    if (!outbox || !notes)
        return context.fail(outbox ? notes.error() : outbox.error());
    const auto& counts = *outbox;
    const auto& lastSuccess = notes->lastSuccessAt;
    const auto& lastError = notes->lastError;
    if (context.json) {
        auto doc = countsJson(counts);
        doc->set("last_success_at", lastSuccess);
        doc->set("last_error", lastError);
        context.printJson(doc);
        return kExitOk;
    }
    printCounts(context, counts);
    context.out() << tr(N_("last successful sync")) << ": "
                  << (lastSuccess.empty() ? tr(N_("never")) : lastSuccess) << "\n";
    if (!lastError.empty())
        context.out() << tr(N_("last error")) << ": " << lastError << "\n";
    return kExitOk;
}

int poisoned(Context& context) {
    if (!context.store())
        return kExitFailure;
    const auto setAside = context.counter().setAsideEntries();
    if (!setAside)
        return context.fail(setAside.error());
    const auto& entries = *setAside;
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
        context.out() << p.entry.seq << "  " << p.entry.uuid << "  " << p.entry.caseNumber << "  "
                      << p.entry.kind << "\n    " << p.lastError << "\n";
    if (entries.empty())
        context.out() << tr(N_("no outbox entry is set aside")) << "\n";
    return kExitOk;
}

int decide(Context& context, Arguments& args, bool retry) {
    const auto id = args.next();
    if (id.empty() || !args.empty())
        return context.usage(tr(N_("give the id or UUID of one set-aside entry (see sync poisoned)")),
                             "sync");
    if (!context.store())
        return kExitFailure;
    auto entry = retry ? context.counter().retrySetAside(id) : context.counter().discardSetAside(id);
    if (!entry)
        return context.fail(entry.error());
    context.out() << fillPlaceholders(
                         tr(retry ? N_("entry {id} of case {case} goes out with the next sync")
                                  : N_("entry {id} of case {case} is discarded and will not be sent")),
                         {{"id", std::to_string(entry->seq)}, {"case", entry->caseNumber}})
                  << "\n";
    return kExitOk;
}

} // namespace

/// The entries waiting to be sent, oldest first (set-aside and discarded ones are not waiting).
int waiting(Context& context) {
    if (!context.store())
        return kExitFailure;
    const auto waitingEntries = context.counter().waitingOutbox();
    if (!waitingEntries)
        return context.fail(waitingEntries.error());
    const auto outbox = context.counter().outboxCounts();
    if (!outbox)
        return context.fail(outbox.error());
    const auto& entries = *waitingEntries;
    const auto& counts = *outbox;
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
    return context.usage(tr(N_("outbox lists what waits (--failed: what the server refused); outbox retry ID "
                               "or discard ID decides on a refused one")),
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
