// ywtb-counter-cli catalogue (summary|list|show CODE|search TEXT|import FILE_OR_DIR|remove CODE)

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/item_json.h"
#include "services/catalogue_service.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <ostream>

namespace ywtb::cli {
namespace {

using core::fillPlaceholders;

Poco::JSON::Object::Ptr briefJson(const core::Item& item) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("code", item.code);
    o->set("name", item.name);
    o->set("department", item.department);
    o->set("type", core::toString(item.type));
    o->set("statutory_days", item.limits.statutory);
    o->set("promised_days", item.limits.promised);
    o->set("on_the_spot", item.onTheSpot);
    return o;
}

std::string limitsText(const core::Item& item) {
    if (item.onTheSpot && item.limits.statutory == 0)
        return tr(N_("decided on the spot"));
    return fillPlaceholders(item.limits.unit == core::LimitUnit::Days
                                ? tr(N_("statutory {statutory} / promised {promised} days (calendar days)"))
                                : tr(N_("statutory {statutory} / promised {promised} working days")),
                            {{"statutory", std::to_string(item.limits.statutory)},
                             {"promised", std::to_string(item.limits.promised)}});
}

void printBrief(Context& context, const core::Item& item) {
    context.out() << item.code << "  " << item.name << "  [" << item.department << "; " << limitsText(item)
                  << "]\n";
}

int summary(Context& context, const core::Catalogue& catalogue) {
    const auto s = catalogue.summary();
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("items", s.items);
        doc->set("departments", s.perDepartment.size());
        doc->set("materials", s.materials);
        doc->set("on_the_spot", s.onTheSpot);
        Poco::JSON::Object::Ptr perDepartment = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& [department, count] : s.perDepartment)
            perDepartment->set(department, count);
        doc->set("per_department", perDepartment);
        Poco::JSON::Object::Ptr perType = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& [type, count] : s.perType)
            perType->set(core::toString(type), count);
        doc->set("per_type", perType);
        context.printJson(doc);
        return kExitOk;
    }
    auto& out = context.out();
    out << fillPlaceholders(
               tr(N_("Item catalogue: {items} items from {departments} departments, {materials} materials, "
                     "{spot} decided on the spot")),
               {{"items", std::to_string(s.items)},
                {"departments", std::to_string(s.perDepartment.size())},
                {"materials", std::to_string(s.materials)},
                {"spot", std::to_string(s.onTheSpot)}})
        << "\n\n"
        << tr(N_("By department")) << ":\n";
    for (const auto& [department, count] : s.perDepartment)
        out << "  " << department << "  " << count << "\n";
    out << "\n" << tr(N_("By type")) << ":\n";
    for (const auto& [type, count] : s.perType)
        out << "  " << tr(core::displayName(type)) << "  " << count << "\n";
    return kExitOk;
}

int list(Context& context, const core::Catalogue& catalogue) {
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& item : catalogue.items())
            items->add(briefJson(item));
        doc->set("items", items);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& item : catalogue.items())
        printBrief(context, item);
    return kExitOk;
}

void printGuide(Context& context, const core::Item& item) {
    auto& out = context.out();
    out << item.name << "  (" << item.code << ")\n";
    out << tr(N_("Department")) << ": " << item.department << "\n";
    out << tr(N_("Type")) << ": " << tr(core::displayName(item.type)) << "\n";
    out << tr(N_("Time limit")) << ": " << limitsText(item) << "\n";
    for (const auto& step : item.specialSteps) {
        out << "  " << tr(N_("Special step")) << ": " << step.name;
        if (step.maxDays)
            out << fillPlaceholders(tr(N_(", at most {days} working days")),
                                    {{"days", std::to_string(*step.maxDays)}});
        out << (step.countsInLimit ? tr(N_(", counted in the limit")) : tr(N_(", not counted in the limit")))
            << "\n";
    }
    out << tr(N_("Legal basis")) << ":\n";
    for (const auto& basis : item.legalBasis)
        out << "  " << basis << "\n";
    out << tr(N_("Acceptance conditions")) << ":\n";
    for (const auto& condition : item.conditions)
        out << "  " << condition << "\n";
    out << tr(N_("Fees")) << ": ";
    if (item.fee.free) {
        out << tr(N_("free of charge")) << (item.fee.basis.empty() ? "" : " (" + item.fee.basis + ")")
            << "\n";
    } else {
        out << "\n";
        for (const auto& fee : item.fee.items)
            out << "  " << fee.name << " " << fee.amount << tr(N_(" yuan"))
                << (fee.unit.empty() ? "" : " " + fee.unit) << "  (" << fee.basis << ")\n";
    }
    out << tr(N_("Windows")) << ":";
    for (auto window : item.windows)
        out << " " << tr(core::displayName(window));
    out << "\n"
        << fillPlaceholders(tr(N_("Visits needed: at most {visits}")),
                            {{"visits", std::to_string(item.visits)}})
        << "\n";
    if (item.result)
        out << tr(N_("Result")) << ": " << item.result->document << "\n";
    out << tr(N_("Materials")) << ":\n";
    for (const auto& m : item.materials) {
        out << "  " << m.id << "  " << m.name << "  [" << tr(core::displayName(m.form)) << " ×" << m.copies
            << "; "
            << (m.requirement == core::MaterialRequirement::Required ? tr(N_("required"))
                                                                     : tr(N_("secondary, may follow later")))
            << "]\n";
        out << "      " << tr(N_("standard")) << ": " << m.standard << "\n";
        if (!m.appliesWhen.empty())
            out << "      " << tr(N_("when")) << ": " << m.appliesWhen << "\n";
        if (!m.elicence.empty())
            out << "      " << tr(N_("exempt with e-licence")) << ": " << m.elicence << "\n";
    }
}

int show(Context& context, const std::string& code) {
    const auto* item = context.item(code);
    if (!item)
        return kExitFailure;
    if (context.json)
        context.printJson(core::itemToJson(*item));
    else
        printGuide(context, *item);
    return kExitOk;
}

int search(Context& context, const core::Catalogue& catalogue, const std::string& text) {
    const auto hits = catalogue.search(text);
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("query", text);
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& hit : hits) {
            auto brief = briefJson(*hit.item);
            brief->set("score", hit.score);
            items->add(brief);
        }
        doc->set("items", items);
        context.printJson(doc);
        return kExitOk;
    }
    if (hits.empty()) {
        context.out() << fillPlaceholders(tr(N_("no item matches \"{text}\"")), {{"text", text}}) << "\n";
        return kExitOk;
    }
    for (const auto& hit : hits)
        printBrief(context, *hit.item);
    return kExitOk;
}

int remove(Context& context, const std::string& code) {
    const auto* item = context.item(code);
    if (!item)
        return kExitFailure;
    const std::string exact = item->code;
    auto removed = context.counter().removeCatalogueItem(exact);
    if (!removed)
        return context.fail(removed.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", true);
        doc->set("removed", exact);
        context.printJson(doc);
    } else {
        context.out() << fillPlaceholders(tr(N_("removed {code} {name} from the catalogue")),
                                          {{"code", exact}, {"name", item->name}})
                      << "\n";
    }
    return kExitOk;
}

int import(Context& context, const std::string& path) {
    if (!context.store())
        return kExitFailure;
    auto result = context.counter().importCatalogue(path);
    if (!result.ok())
        return context.fail(result.errors);
    const auto& r = result.report;
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", true);
        doc->set("items", r.items);
        doc->set("added", r.added);
        doc->set("replaced", r.replaced);
        Poco::JSON::Array::Ptr files = new Poco::JSON::Array;
        for (const auto& f : r.files)
            files->add(f);
        doc->set("files", files);
        context.printJson(doc);
    } else {
        context.out()
            << fillPlaceholders(
                   tr(N_("imported {items} items from {files} files: {added} new, {replaced} replaced")),
                   {{"items", std::to_string(r.items)},
                    {"files", std::to_string(r.files.size())},
                    {"added", std::to_string(r.added)},
                    {"replaced", std::to_string(r.replaced)}})
            << "\n";
    }
    return kExitOk;
}

} // namespace

int runCatalogue(Context& context, Arguments& args) {
    const auto action = args.next();
    if (action.empty())
        return context.usage(tr(N_("catalogue needs an action")), "catalogue");
    const bool needsArgument =
        action == "show" || action == "search" || action == "import" || action == "remove";
    std::string argument;
    if (needsArgument) {
        const auto words = args.rest();
        for (const auto& word : words)
            argument += (argument.empty() ? "" : " ") + word;
        if (argument.empty())
            return context.usage(
                fillPlaceholders(tr(N_("catalogue {action} needs an argument")), {{"action", action}}),
                "catalogue");
        if (action != "search" && words.size() > 1)
            return context.usage(
                fillPlaceholders(tr(N_("catalogue {action} takes one argument")), {{"action", action}}),
                "catalogue");
    } else if (!args.empty()) {
        return context.usage(
            fillPlaceholders(tr(N_("catalogue {action} takes no arguments")), {{"action", action}}),
            "catalogue");
    }
    if (action == "import")
        return import(context, argument);
    if (action == "remove")
        return remove(context, argument);
    if (action != "summary" && action != "list" && action != "show" && action != "search")
        return context.usage(
            fillPlaceholders(tr(N_("unknown catalogue action \"{action}\"")), {{"action", action}}),
            "catalogue");
    if (action == "show")
        return show(context, argument);
    const auto* catalogue = context.catalogue();
    if (!catalogue)
        return kExitFailure;
    if (action == "summary")
        return summary(context, *catalogue);
    if (action == "list")
        return list(context, *catalogue);
    return search(context, *catalogue, argument);
}

} // namespace ywtb::cli
