// ywtb-counter-cli sync (once --server URL --staff S [--password-file F] [--ca FILE] | status | poisoned | retry ID | discard ID)

#include "cli/case_commands.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "store/audit_log.h"
#include "store/local_store.h"
#include "store/sync_state.h"
#include "sync/sync_engine.h"

#include <Poco/JSON/Array.h>

#include <array>
#include <fstream>
#include <iostream>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

/// The first line of `path`, or of standard input when `path` is empty: never from the command line.
bool readPassword(const std::string& path, std::string& password) {
    if (path.empty())
        return static_cast<bool>(std::getline(std::cin, password));
    std::ifstream in(path);
    return in && std::getline(in, password);
}

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

int once(Context& context, Arguments& args) {
    std::string server, passwordFile, ca, problem;
    args.option("--server", server, problem);
    args.option("--password-file", passwordFile, problem);
    args.option("--ca", ca, problem);
    if (!problem.empty() || !args.empty() || server.empty())
        return context.usage(problem.empty() ? tr(N_("sync once needs --server URL")) : problem, "sync");
    sync::SyncOptions options;
    options.serverUrl = server;
    options.staff = context.actor.staff;
    options.window = context.actor.window;
    options.http.caFile = ca;
    if (!readPassword(passwordFile, options.password) || options.password.empty())
        return context.fail(core::Error{"sync.no_password", core::Message(N_("no password was given")), passwordFile,
                                        core::Message(N_("put the password on the first line of --password-file, or type it on standard input"))});
    auto* store = context.store();
    if (!store)
        return kExitFailure;
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    sync::SyncEngine engine(store->db(), options);
    engine.setBlobStore(&store->blobs());
    // What the departments decided on the server, applied to the cases held here.
    std::array<std::int64_t, 4> outcomes{};
    engine.setStatusSink([&](const sync::StatusChange& change) -> core::Expected<core::Done> {
        auto outcome = intake->applyServerStatus(change.caseNumber, change.status, change.note);
        if (!outcome)
            return outcome.error();
        ++outcomes[static_cast<std::size_t>(*outcome)];
        return core::Done{};
    });
    auto result = engine.syncOnce();
    const auto counts = store::outboxCounts(store->db());
    using Outcome = services::ServerStatusOutcome;
    const auto outcomeCount = [&](Outcome o) { return outcomes[static_cast<std::size_t>(o)]; };
    if (!result) {
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
    printCounts(context, counts);
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
    const auto entry = store::findOutboxEntry(store->db(), id);
    store::Transaction tx(store->db());
    const auto now = sync::utcNow();
    const bool done = entry && (retry ? store::retryPoisoned(tx, entry->seq) : store::discardPoisoned(tx, entry->seq, now));
    if (!done)
        return context.fail(core::Error{"sync.not_poisoned", core::Message(N_("no set-aside outbox entry has this id")), id,
                                        core::Message(N_("list them with: ywtb-counter-cli sync poisoned"))});
    store::appendAudit(tx, {.at = now, .staff = context.actor.staff, .window = context.actor.window,
                            .action = retry ? "outbox.retry" : "outbox.discard", .subject = entry->caseNumber,
                            .detail = entry->uuid + " " + entry->kind});
    tx.commit();
    context.out() << fillPlaceholders(tr(retry ? N_("entry {id} of case {case} goes out with the next sync")
                                               : N_("entry {id} of case {case} is discarded and will not be sent")),
                                      {{"id", std::to_string(entry->seq)}, {"case", entry->caseNumber}})
                  << "\n";
    return kExitOk;
}

} // namespace

int runSync(Context& context, Arguments& args) {
    const auto action = args.next();
    if (action == "once")
        return once(context, args);
    if (action == "status" && args.empty())
        return status(context);
    if (action == "poisoned" && args.empty())
        return poisoned(context);
    if (action == "retry")
        return decide(context, args, true);
    if (action == "discard")
        return decide(context, args, false);
    return context.usage(tr(N_("sync needs once, status, poisoned, retry or discard")), "sync");
}

} // namespace ywtb::cli
