// ywtb-counter-cli calendar [years | recount]: which years the counter counts working days on, from the State
// Council's notice or provisionally from the statutory holidays, and counting provisional dates again once
// the notice is in the data (docs/intake.md, "The year boundary").

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "services/counter.h"

#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

int years(Context& context) {
    const auto* calendar = context.calendar();
    if (!calendar)
        return kExitFailure;
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (int year : calendar->years()) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("year", year);
            row->set("provisional", calendar->isProvisional(year));
            rows->add(row);
        }
        doc->set("years", rows);
        context.printJson(doc);
        return kExitOk;
    }
    for (int year : calendar->years())
        context.out()
            << year << "  "
            << (calendar->isProvisional(year)
                    ? tr(N_("provisional: statutory holidays only, until the State Council's notice is "
                            "in forms/calendar"))
                    : tr(N_("from the State Council's notice")))
            << "\n";
    return kExitOk;
}

int recount(Context& context) {
    if (!context.store() || !context.calendar())
        return kExitFailure;
    auto moved = context.counter().recountProvisionalDates();
    if (!moved)
        return context.fail(moved.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& m : *moved) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("case", m.caseNumber);
            row->set("field", m.field);
            row->set("before", m.before);
            row->set("after", m.after);
            row->set("provisional", m.stillProvisional);
            rows->add(row);
        }
        doc->set("moved", rows);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& m : *moved)
        context.out() << m.caseNumber << "  " << m.field << "  " << m.before << " -> " << m.after
                      << (m.stillProvisional ? "（按法定节假日暂计）" : "") << "\n";
    context.out() << fillPlaceholders(tr(N_("{count} dates counted again on the calendars now in the data")),
                                      {{"count", std::to_string(moved->size())}})
                  << "\n";
    return kExitOk;
}

} // namespace

int runCalendar(Context& context, Arguments& args) {
    const auto sub = args.empty() ? std::string("years") : args.next();
    if (!args.empty())
        return context.usage(
            fillPlaceholders(tr(N_("unexpected argument \"{argument}\"")), {{"argument", args.peek()}}),
            "calendar");
    if (sub == "years")
        return years(context);
    if (sub == "recount")
        return recount(context);
    return context.usage(
        fillPlaceholders(tr(N_("unknown calendar command \"{command}\": use years or recount")),
                         {{"command", sub}}),
        "calendar");
}

} // namespace ywtb::cli
