// ywtb-counter-cli pages CASE [--material ID] | pages move CASE PAGE --to N | pages rotate CASE PAGE [--by
// DEGREES] | pages delete CASE PAGE

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

std::optional<std::int64_t> wholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

Poco::JSON::Object::Ptr pageJson(const services::PageRecord& p) {
    Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    row->set("id", p.id);
    row->set("material", p.materialId);
    row->set("position", p.position);
    row->set("sha256", p.sha256);
    row->set("thumbnail_sha256", p.thumbnailSha256);
    row->set("width", p.width);
    row->set("height", p.height);
    row->set("dpi", p.dpi);
    row->set("mode", p.mode);
    row->set("rotation", p.rotation);
    row->set("blank", p.blank);
    row->set("scanned_at", p.scannedAt);
    row->set("scanned_by", p.scannedBy);
    row->set("window", p.window);
    return row;
}

void printPageLine(Context& context, const services::PageRecord& p) {
    context.out() << "[" << p.id << "]  " << p.materialId << " #" << p.position << "  " << p.width << "×"
                  << p.height << " " << p.dpi << "dpi  " << p.mode;
    if (p.rotation != 0)
        context.out() << "  "
                      << fillPlaceholders(tr(N_("turned {degrees}°")),
                                          {{"degrees", std::to_string(p.rotation)}});
    if (p.blank)
        context.out() << "  " << tr(N_("looks blank"));
    context.out() << "  " << p.scannedAt << "  " << p.scannedBy << "@" << p.window << "  "
                  << p.sha256.substr(0, 12) << "\n";
}

int printOne(Context& context, const core::Expected<services::PageRecord>& page) {
    if (!page)
        return context.fail(page.error());
    if (context.json)
        context.printJson(pageJson(*page));
    else
        printPageLine(context, *page);
    return kExitOk;
}

int listPages(Context& context, const std::string& caseNumber, Arguments& args) {
    std::string materialId, problem;
    args.option("--material", materialId, problem);
    if (!problem.empty() || !args.empty())
        return context.usage(problem.empty() ? tr(N_("pages needs the case number, and takes --material ID"))
                                             : problem,
                             "pages");
    if (!context.store())
        return kExitFailure;
    auto list = context.counter().pages(caseNumber, materialId);
    if (!list)
        return context.fail(list.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& p : *list)
            rows->add(pageJson(p));
        doc->set("case", caseNumber);
        doc->set("pages", rows);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& p : *list)
        printPageLine(context, p);
    if (list->empty())
        context.out() << fillPlaceholders(tr(N_("no pages scanned for case {case}")), {{"case", caseNumber}})
                      << "\n";
    return kExitOk;
}

/// CASE and PAGE of "pages move|rotate|delete CASE PAGE"; null after printing the usage.
std::optional<std::pair<std::string, std::int64_t>> casePage(Context& context, Arguments& args,
                                                             const char* verb) {
    const auto caseNumber = args.next();
    const auto pageText = args.next();
    const auto page = wholeNumber(pageText);
    if (caseNumber.empty() || !page || !args.empty()) {
        context.usage(
            fillPlaceholders(
                tr(N_("pages {verb} needs CASE and the page's number in [brackets] from: pages CASE")),
                {{"verb", verb}}),
            "pages");
        return std::nullopt;
    }
    return std::make_pair(caseNumber, *page);
}

int movePage(Context& context, Arguments& args) {
    std::string to, problem;
    args.option("--to", to, problem);
    const auto position = wholeNumber(to);
    if (!problem.empty() || !position)
        return context.usage(
            problem.empty() ? tr(N_("pages move needs --to POSITION (1 is first)")) : problem, "pages");
    auto target = casePage(context, args, "move");
    if (!target)
        return kExitUsage;
    if (!context.store())
        return kExitFailure;
    return printOne(context,
                    context.counter().movePage(target->first, target->second, static_cast<int>(*position)));
}

int rotatePage(Context& context, Arguments& args) {
    std::string by = "90", problem;
    args.option("--by", by, problem);
    const auto degrees = wholeNumber(by);
    if (!problem.empty() || !degrees || *degrees % 90 != 0)
        return context.usage(
            problem.empty() ? tr(N_("pages rotate takes --by 90, 180, 270 or -90 (clockwise)")) : problem,
            "pages");
    auto target = casePage(context, args, "rotate");
    if (!target)
        return kExitUsage;
    if (!context.store())
        return kExitFailure;
    return printOne(context, context.counter().rotatePage(target->first, target->second,
                                                          static_cast<int>(*degrees / 90)));
}

int deletePage(Context& context, Arguments& args) {
    auto target = casePage(context, args, "delete");
    if (!target)
        return kExitUsage;
    if (!context.store())
        return kExitFailure;
    auto removed = context.counter().deletePage(target->first, target->second);
    if (!removed)
        return context.fail(removed.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", true);
        doc->set("deleted", target->second);
        context.printJson(doc);
    } else {
        context.out() << fillPlaceholders(tr(N_("page {page} of case {case} deleted")),
                                          {{"page", std::to_string(target->second)}, {"case", target->first}})
                      << "\n";
    }
    return kExitOk;
}

} // namespace

int runPages(Context& context, Arguments& args) {
    const auto first = args.next();
    if (first.empty() || first.starts_with("--"))
        return context.usage(tr(N_("pages needs a case number")), "pages");
    if (first == "move")
        return movePage(context, args);
    if (first == "rotate")
        return rotatePage(context, args);
    if (first == "delete")
        return deletePage(context, args);
    return listPages(context, first, args);
}

} // namespace ywtb::cli
