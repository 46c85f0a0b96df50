// ywtb-counter-cli case show CASE | case list [filters] | case sweep

#include "cli/case_commands.h"
#include "cli/case_output.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/centre_config.h"

#include <Poco/JSON/Array.h>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

int caseShow(Context& context, Arguments& args) {
    const auto typed = args.next();
    if (typed.empty() || !args.empty())
        return context.usage(tr(N_("case show needs the case number")), "case");
    // At the pickup window the barcode scanner types the QR code of the applicant's paper: the number, or the
    // progress address holding it.
    const auto number = core::caseNumberIn(typed).value_or(typed);
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    auto c = intake->find(number);
    if (!c)
        return context.fail(c.error());
    printCase(context, *c);
    if (!context.json)
        for (const auto& w : core::deadlineWarnings(*c, intake->context()))
            context.out() << (w.overdue ? tr(N_("OVERDUE")) : tr(N_("due soon"))) << ": "
                          << context.text(w.text) << "\n";
    return kExitOk;
}

int caseList(Context& context, Arguments& args) {
    std::string status, dueBefore, applicant, problem;
    const bool hasStatus = args.option("--status", status, problem);
    const bool hasDue = args.option("--due-before", dueBefore, problem);
    args.option("--applicant", applicant, problem);
    services::CaseQuery query;
    std::vector<std::string> rest = args.rest();
    for (const auto& word : rest) {
        if (word == "--overdue")
            query.overdueOnly = true;
        else
            problem = fillPlaceholders(tr(N_("unexpected argument \"{argument}\"")), {{"argument", word}});
    }
    if (!problem.empty())
        return context.usage(problem, "case");
    if (hasStatus) {
        query.status = caseStatusFromWord(status);
        if (!query.status)
            return context.usage(
                fillPlaceholders(tr(N_("unknown status \"{status}\"")), {{"status", status}}), "case");
    }
    if (hasDue) {
        auto date = core::CivilDate::parse(dueBefore);
        if (!date)
            return context.usage(context.text(date.error()), "case");
        query.dueBefore = *date;
    }
    query.applicantKey = applicant;
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    auto cases = intake->list(query);
    if (!cases)
        return context.fail(cases.error());
    printCaseList(context, *cases);
    return kExitOk;
}

int caseSweep(Context& context, Arguments& args) {
    if (!args.empty())
        return context.usage(tr(N_("case sweep takes no arguments")), "case");
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    auto swept = intake->sweep();
    if (!swept)
        return context.fail(swept.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr accepted = new Poco::JSON::Array, withdrawn = new Poco::JSON::Array;
        for (const auto& n : swept->accepted)
            accepted->add(n);
        for (const auto& n : swept->withdrawn)
            withdrawn->add(n);
        doc->set("accepted_by_default", accepted);
        doc->set("withdrawn", withdrawn);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& n : swept->accepted)
        context.out() << n << "  "
                      << tr(N_("accepted by default (no correction notice within 5 working days)")) << "\n";
    for (const auto& n : swept->withdrawn)
        context.out() << n << "  " << tr(N_("withdrawn (secondary materials not supplied in time)")) << "\n";
    context.out() << fillPlaceholders(tr(N_("sweep done: {accepted} accepted, {withdrawn} withdrawn")),
                                      {{"accepted", std::to_string(swept->accepted.size())},
                                       {"withdrawn", std::to_string(swept->withdrawn.size())}})
                  << "\n";
    return kExitOk;
}

} // namespace ywtb::cli
