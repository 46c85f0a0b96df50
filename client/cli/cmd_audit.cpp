// ywtb-counter-cli audit verify | audit recent [N]

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

int runAudit(Context& context, Arguments& args) {
    const auto action = args.next();
    if (action == "verify" && args.empty()) {
        if (!context.store())
            return kExitFailure;
        auto verified = context.counter().verifyAudit();
        if (!verified)
            return context.fail(verified.error());
        if (context.json) {
            Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            doc->set("ok", true);
            doc->set("entries", verified->entries);
            context.printJson(doc);
        } else {
            context.out() << fillPlaceholders(
                                 tr(N_(
                                     "audit trail intact: {count} entries, each chained to the one before")),
                                 {{"count", std::to_string(verified->entries)}})
                          << "\n";
        }
        return kExitOk;
    }
    if (action == "recent") {
        int count = 20;
        if (!args.empty()) {
            const auto word = args.next();
            const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), count);
            if (ec != std::errc() || end != word.data() + word.size() || count < 1 || count > 10000)
                return context.usage(
                    fillPlaceholders(tr(N_("N must be a whole number from 1 to 10000, not \"{value}\"")),
                                     {{"value", word}}),
                    "audit");
        }
        if (!args.empty())
            return context.usage(tr(N_("audit recent takes at most one number")), "audit");
        if (!context.store())
            return kExitFailure;
        const auto recent = context.counter().recentAudit(count);
        if (!recent)
            return context.fail(recent.error());
        const auto& entries = *recent;
        if (context.json) {
            Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
            for (const auto& e : entries) {
                Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                row->set("seq", e.seq);
                row->set("at", e.at);
                row->set("staff", e.staff);
                row->set("window", e.window);
                row->set("action", e.action);
                row->set("subject", e.subject);
                row->set("before", e.before);
                row->set("after", e.after);
                row->set("detail", e.detail);
                row->set("hash", e.hash);
                list->add(row);
            }
            doc->set("entries", list);
            context.printJson(doc);
            return kExitOk;
        }
        for (const auto& e : entries)
            context.out() << e.seq << "  " << e.at << "  " << e.staff << "@" << e.window << "  " << e.action
                          << "  " << e.subject
                          << (e.before.empty() && e.after.empty() ? "" : "  " + e.before + " → " + e.after)
                          << (e.detail.empty() ? "" : "  " + e.detail) << "\n";
        return kExitOk;
    }
    return context.usage(tr(N_("audit needs verify or recent")), "audit");
}

} // namespace ywtb::cli
