// ywtb-counter-cli deadline --from YYYY-MM-DD (--days N | --item CODE [--kind statutory|promised])

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"

#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

int runDeadline(Context& context, Arguments& args) {
    std::string from, days, code, kind, problem;
    const bool hasFrom = args.option("--from", from, problem);
    const bool hasDays = args.option("--days", days, problem);
    const bool hasItem = args.option("--item", code, problem);
    const bool hasKind = args.option("--kind", kind, problem);
    if (!problem.empty())
        return context.usage(problem, "deadline");
    if (!args.empty())
        return context.usage(
            fillPlaceholders(tr(N_("unexpected argument \"{argument}\"")), {{"argument", args.peek()}}),
            "deadline");
    if (!hasFrom)
        return context.usage(tr(N_("deadline needs --from YYYY-MM-DD")), "deadline");
    if (hasDays == hasItem)
        return context.usage(tr(N_("give either --days N or --item CODE")), "deadline");
    if (hasKind && (!hasItem || (kind != "statutory" && kind != "promised")))
        return context.usage(tr(N_("--kind goes with --item and is statutory or promised")), "deadline");
    auto start = core::CivilDate::parse(from);
    if (!start)
        return context.usage(context.text(start.error()), "deadline");

    int count = 0;
    std::string itemName;
    if (hasDays) {
        const auto [end, ec] = std::from_chars(days.data(), days.data() + days.size(), count);
        if (ec != std::errc() || end != days.data() + days.size() || count < 0 || count > 3650)
            return context.usage(
                fillPlaceholders(tr(N_("--days must be a whole number from 0 to 3650, not \"{value}\"")),
                                 {{"value", days}}),
                "deadline");
    } else {
        const auto* item = context.item(code);
        if (!item)
            return kExitFailure;
        if (kind.empty())
            kind = "promised";
        count = kind == "statutory" ? item->limits.statutory : item->limits.promised;
        itemName = item->name;
    }

    const auto* calendar = context.calendar();
    if (!calendar)
        return kExitFailure;
    const auto unit = hasItem ? context.item(code)->limits.unit : core::LimitUnit::WorkingDays;
    auto due = core::dueAfter(*calendar, *start, count, unit);
    if (!due)
        return context.fail(due.error());

    // Counted across a year whose holiday notice is not in the data (docs/intake.md, "The year boundary").
    const bool provisional = calendar->countsProvisionally(*start, *due);
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("from", start->iso());
        doc->set("working_days", count);
        if (hasItem) {
            doc->set("item", code);
            doc->set("kind", kind);
        }
        doc->set("due", due->iso());
        doc->set("provisional", provisional);
        context.printJson(doc);
    } else {
        context.out() << due->iso() << (provisional ? "（按法定节假日暂计）" : "") << "\n";
        context.out() << fillPlaceholders(
            unit == core::LimitUnit::Days ? tr(N_("{days} days after {from}, that day not counted, moved to "
                                                  "the next working day when it is not one"))
                                          : tr(N_("{days} working days after {from}, that day not counted")),
            {{"days", std::to_string(count)}, {"from", start->iso()}});
        if (hasItem)
            context.out() << " (" << itemName << ", "
                          << (kind == "statutory" ? tr(N_("statutory limit")) : tr(N_("promised limit")))
                          << ")";
        context.out() << "\n";
    }
    return kExitOk;
}

} // namespace ywtb::cli
