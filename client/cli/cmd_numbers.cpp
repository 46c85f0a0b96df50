// ywtb-counter-cli numbers reserve --kind K --year YYYY --from N --to M | numbers pull --server URL --kind K
// --year YYYY --count N | numbers list

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "cli/server_session.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <algorithm>
#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

bool wholeNumber(const std::string& text, std::int64_t& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

/// Whether `kind` is a numbered document kind; prints the usage (with the kinds there are) when it is not.
bool knownKind(Context& context, const std::string& kind) {
    const auto& kinds = core::numberedDocumentKinds();
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
        return true;
    std::string all;
    for (const auto& k : kinds)
        all += (all.empty() ? "" : ", ") + k;
    context.usage(fillPlaceholders(tr(N_("unknown document kind \"{kind}\": use one of {kinds}")),
                                   {{"kind", kind}, {"kinds", all}}),
                  "numbers");
    return false;
}

void printHeld(Context& context, const std::string& kind, std::int64_t first, std::int64_t last, int year) {
    context.out() << fillPlaceholders(tr(N_("window {window} holds {kind} numbers {from} to {to} of {year}")),
                                      {{"window", context.actor.window},
                                       {"kind", kind},
                                       {"from", std::to_string(first)},
                                       {"to", std::to_string(last)},
                                       {"year", std::to_string(year)}})
                  << "\n";
}

int reserve(Context& context, Arguments& args) {
    std::string kind, year, from, to, problem;
    args.option("--kind", kind, problem);
    args.option("--year", year, problem);
    args.option("--from", from, problem);
    args.option("--to", to, problem);
    std::int64_t y = 0, first = 0, last = 0;
    if (!problem.empty() || !args.empty() || kind.empty() || !wholeNumber(year, y) ||
        !wholeNumber(from, first) || !wholeNumber(to, last))
        return context.usage(
            problem.empty()
                ? tr(N_(
                      "numbers reserve needs --kind, --year, --from and --to, the last three whole numbers"))
                : problem,
            "numbers");
    const auto* centre = context.centre();
    if (!centre)
        return kExitFailure;
    if (!knownKind(context, kind))
        return kExitUsage;
    if (!context.store())
        return kExitFailure;
    auto reserved = context.counter().reserveNumberBlock(kind, static_cast<int>(y), first, last);
    if (!reserved)
        return context.fail(reserved.error());
    printHeld(context, kind, first, last, static_cast<int>(y));
    return kExitOk;
}

/// A block reserved by the central server for this window (docs/api.md section 8), recorded as `reserve`
/// records one.
int pull(Context& context, Arguments& args) {
    std::string kind, year, count, problem;
    args.option("--kind", kind, problem);
    args.option("--year", year, problem);
    args.option("--count", count, problem);
    const auto given = takeServerArguments(args, problem);
    std::int64_t y = 0, size = 0;
    if (!problem.empty() || !args.empty() || given.server.empty() || kind.empty() || !wholeNumber(year, y) ||
        !wholeNumber(count, size) || y < 2000 || y > 2100 || size < 1 || size > 10000)
        return context.usage(problem.empty() ? tr(N_("numbers pull needs --server URL, --kind, --year (2000 "
                                                     "to 2100) and --count (1 to 10,000)"))
                                             : problem,
                             "numbers");
    if (!knownKind(context, kind))
        return kExitUsage;
    const auto options = serverOptions(context, given);
    if (!options)
        return kExitFailure;
    const auto yearNumber = static_cast<int>(y);
    auto block = context.counter().pullNumberBlock(*options, kind, yearNumber, size);
    if (!block)
        return context.fail(block.error());
    printHeld(context, kind, block->first, block->last, yearNumber);
    return kExitOk;
}

int list(Context& context) {
    if (!context.store())
        return kExitFailure;
    const auto held = context.counter().numberBlocks();
    if (!held)
        return context.fail(held.error());
    const auto& blocks = *held;
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& b : blocks) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("kind", b.kind);
            row->set("year", b.year);
            row->set("first", b.first);
            row->set("last", b.last);
            row->set("left", b.last - b.next + 1);
            rows->add(row);
        }
        doc->set("window", context.actor.window);
        doc->set("blocks", rows);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& b : blocks)
        context.out() << b.kind << "  " << b.year << "  " << b.first << "–" << b.last << "  "
                      << fillPlaceholders(tr(N_("{left} left")),
                                          {{"left", std::to_string(b.last - b.next + 1)}})
                      << "\n";
    if (blocks.empty())
        context.out() << fillPlaceholders(tr(N_("window {window} holds no number blocks")),
                                          {{"window", context.actor.window}})
                      << "\n";
    return kExitOk;
}

} // namespace

int runNumbers(Context& context, Arguments& args) {
    const auto action = args.next();
    if (action == "reserve")
        return reserve(context, args);
    if (action == "pull")
        return pull(context, args);
    if (action == "list" && args.empty())
        return list(context);
    return context.usage(tr(N_("numbers needs reserve, pull or list")), "numbers");
}

} // namespace ywtb::cli
