// ywtb-counter-cli queue (next | recall ID | skip ID | transfer ID --to WINDOW | done ID | list | issue KIND
// [--item CODE])
// --server URL: the hall's queue (叫号) for this window, on the central server (docs/api.md section 11).

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "cli/server_session.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

Poco::JSON::Object::Ptr ticketJson(const services::Ticket& t) {
    Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    doc->set("id", t.id);
    doc->set("number", t.number);
    doc->set("kind", t.kind);
    doc->set("state", t.state);
    doc->set("item_code", t.itemCode);
    doc->set("window", t.window);
    doc->set("target_window", t.targetWindow);
    doc->set("call_count", t.callCount);
    doc->set("issued_at", t.issuedAt);
    return doc;
}

/// One line a clerk reads aloud from: "B003 (id 12)  appointment  SCJG-XK-001  called by W01, 2 calls".
std::string ticketLine(const services::Ticket& t) {
    std::string line = t.number + " (id " + std::to_string(t.id) + ")  " +
                       tr(t.appointment() ? N_("appointment") : N_("walk-in"));
    if (!t.itemCode.empty())
        line += "  " + t.itemCode;
    if (t.state == "called")
        line += "  " + fillPlaceholders(tr(N_("called by {window}, {count} calls")),
                                        {{"window", t.window}, {"count", std::to_string(t.callCount)}});
    else if (t.state == "waiting" && !t.targetWindow.empty())
        line += "  " + fillPlaceholders(tr(N_("waiting for window {window}")), {{"window", t.targetWindow}});
    else
        line += "  " + t.state;
    return line;
}

int print(Context& context, const services::Ticket& t) {
    if (context.json)
        context.printJson(ticketJson(t));
    else
        context.out() << ticketLine(t) << "\n";
    return kExitOk;
}

} // namespace

int runQueue(Context& context, Arguments& args) {
    std::string problem, target, item;
    const auto given = takeServerArguments(args, problem);
    args.option("--to", target, problem);
    args.option("--item", item, problem);
    const auto action = args.next();
    const auto argument = args.next();
    std::int64_t id = 0;
    const bool needsId = action == "recall" || action == "skip" || action == "transfer" || action == "done";
    const auto [end, ec] = std::from_chars(argument.data(), argument.data() + argument.size(), id);
    const bool badId = needsId && (ec != std::errc() || end != argument.data() + argument.size() || id < 1);
    const bool known = needsId || action == "next" || action == "list" || action == "issue";
    if (!problem.empty() || !known || badId || !args.empty() || given.server.empty() ||
        (action == "transfer" && target.empty()) ||
        (action == "issue" && argument != "walk_in" && argument != "appointment") ||
        ((action == "next" || action == "list") && !argument.empty()))
        return context.usage(
            problem.empty()
                ? tr(N_("queue needs next, recall ID, skip ID, transfer ID --to WINDOW, done ID, list or "
                        "issue walk_in|appointment, and --server URL"))
                : problem,
            "queue");
    const auto options = serverOptions(context, given);
    if (!options)
        return kExitFailure;
    auto hall = context.counter().hallQueue(*options);
    auto& queue = *hall;
    if (action == "next") {
        auto called = queue.callNext();
        if (!called) {
            forgetRefusedSession(context, *options, called.error().code);
            return context.fail(called.error());
        }
        if (!*called) {
            if (context.json)
                context.printJson(new Poco::JSON::Object);
            else
                context.out() << tr(N_("nobody is waiting")) << "\n";
            return kExitOk;
        }
        return print(context, **called);
    }
    if (action == "list") {
        auto waiting = queue.waiting();
        if (!waiting)
            return context.fail(waiting.error());
        if (context.json) {
            Poco::JSON::Object::Ptr doc = new Poco::JSON::Object;
            Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
            for (const auto& t : *waiting)
                list->add(ticketJson(t));
            doc->set("waiting", list);
            context.printJson(doc);
            return kExitOk;
        }
        for (const auto& t : *waiting)
            context.out() << ticketLine(t) << "\n";
        context.out() << fillPlaceholders(tr(N_("{count} waiting")),
                                          {{"count", std::to_string(waiting->size())}})
                      << "\n";
        return kExitOk;
    }
    if (action == "issue") {
        auto issued = queue.issue(argument, item);
        return issued ? print(context, *issued) : context.fail(issued.error());
    }
    const auto which = action == "recall"     ? services::TicketAction::Recall
                       : action == "skip"     ? services::TicketAction::Skip
                       : action == "transfer" ? services::TicketAction::Transfer
                                              : services::TicketAction::Done;
    auto done = queue.act(id, which, target);
    if (!done) {
        forgetRefusedSession(context, *options, done.error().code);
        return context.fail(done.error());
    }
    return print(context, *done);
}

} // namespace ywtb::cli
