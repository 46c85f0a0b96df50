// ywtb-counter-cli case new | material | decide | resubmit (and the dispatcher for the other subcommands)

#include "cli/case_commands.h"
#include "cli/case_output.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/applicant_parser.h"
#include "services/counter_devices.h"
#include "services/signature_service.h"
#include "services/text_file.h"
#include "store/local_store.h"

#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

std::optional<services::IntakeService> makeIntake(Context& context) {
    auto* store = context.store();
    if (!store)
        return std::nullopt;
    const auto* centre = context.centre();
    const auto* calendar = centre ? context.calendar() : nullptr;
    if (!calendar)
        return std::nullopt;
    services::IntakeService intake(*store, *centre, *calendar, *context.clock, context.actor);
    intake.useApplicationForms(applicationForms(context));
    return intake;
}

std::optional<std::string> keepSignature(Context& context, const std::string& number, render::DocumentKind kind, const std::string& file) {
    if (file.empty())
        return std::string();
    auto png = services::readTextFile(file);
    if (!png) {
        context.fail(png.error());
        return std::nullopt;
    }
    services::SignatureService signatures(*context.store(), *context.clock, context.actor);
    auto kept = signatures.keepImage(number, kind, *png);
    if (!kept) {
        auto error = kept.error();
        error.where = file;
        context.fail(error);
        return std::nullopt;
    }
    return kept->pngSha256;
}

int report(Context& context, const core::Expected<core::Case>& result) {
    if (!result)
        return context.fail(result.error());
    printCase(context, *result);
    return kExitOk;
}

int caseNew(Context& context, Arguments& args) {
    std::string itemCode, applicantFile, agentFile, idcardPort, problem;
    args.option("--item", itemCode, problem);
    args.option("--applicant", applicantFile, problem);
    const bool fromCard = args.flag("--from-idcard");
    args.option("--idcard", idcardPort, problem);
    const bool hasAgent = args.option("--agent", agentFile, problem);
    if (!problem.empty() || itemCode.empty() || applicantFile.empty() == !fromCard || !args.empty())
        return context.usage(problem.empty() ? tr(N_("case new needs --item CODE and either --applicant FILE.json or --from-idcard")) : problem,
                             "case");
    const auto today = context.clock->today();
    std::vector<core::Error> problems;
    std::optional<core::Applicant> applicant;
    if (fromCard) {
        // The card fills the applicant (name, ID number, address); the phone is added at the counter later.
        auto card = readIdCard(context, idcardPort);
        if (!card)
            return kExitFailure;
        applicant = services::applicantFromCard(*card);
    } else {
        auto applicantText = services::readTextFile(applicantFile);
        if (!applicantText)
            return context.fail(applicantText.error());
        auto parsed = core::parseApplicant(*applicantText, applicantFile, today, &problems);
        if (!parsed)
            return context.fail(problems);
        applicant = std::move(parsed).value();
    }
    std::optional<core::Agent> agent;
    if (hasAgent) {
        auto agentText = services::readTextFile(agentFile);
        if (!agentText)
            return context.fail(agentText.error());
        auto parsedAgent = core::parseAgent(*agentText, agentFile, today, &problems);
        if (!parsedAgent)
            return context.fail(problems);
        agent = *parsedAgent;
    }
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    const auto* item = context.item(itemCode);
    if (!item)
        return kExitFailure;
    auto opened = intake->open(*item, *applicant, agent);
    if (!opened)
        return context.fail(opened.error());
    if (context.json)
        printCase(context, *opened);
    else
        context.out() << opened->number << "\n";
    return kExitOk;
}

int caseMaterial(Context& context, Arguments& args) {
    std::string status, licence, note, problem;
    args.option("--status", status, problem);
    args.option("--licence", licence, problem);
    args.option("--note", note, problem);
    const auto number = args.next();
    const auto materialId = args.next();
    if (!problem.empty() || number.empty() || materialId.empty() || status.empty() || !args.empty())
        return context.usage(problem.empty() ? tr(N_("case material needs CASE, MATERIAL_ID and --status")) : problem, "case");
    const auto parsed = materialStatusFromWord(status);
    if (!parsed)
        return context.usage(fillPlaceholders(tr(N_("unknown material status \"{status}\": use provided, copy, exempt, missing, "
                                                    "nonconforming or not_applicable")),
                                              {{"status", status}}),
                             "case");
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    return report(context, intake->recordMaterial(number, materialId, *parsed, licence, note));
}

int caseDecide(Context& context, Arguments& args) {
    std::string reasonKind, reason, applyTo, supplementBy, signature, problem;
    args.option("--reason-kind", reasonKind, problem);
    args.option("--signature", signature, problem);
    args.option("--reason", reason, problem);
    args.option("--apply-to", applyTo, problem);
    const bool hasSupplement = args.option("--supplement-by", supplementBy, problem);
    core::Decision decision;
    auto words = args.rest();
    std::vector<std::string> positional;
    for (const auto& w : words) {
        if (w == "--pledge-signed")
            decision.pledgeSigned = true;
        else
            positional.push_back(w);
    }
    if (!problem.empty() || positional.size() != 2)
        return context.usage(problem.empty() ? tr(N_("case decide needs CASE and a decision")) : problem, "case");
    const auto& number = positional[0];
    const auto& kind = positional[1];
    static const std::vector<std::pair<std::string, core::DecisionKind>> kKinds{
        {"accept", core::DecisionKind::Accept},   {"receive", core::DecisionKind::Receive},
        {"correction", core::DecisionKind::Correction}, {"conditional", core::DecisionKind::Conditional},
        {"refuse", core::DecisionKind::Refuse},   {"approve", core::DecisionKind::Approve},
        {"deny", core::DecisionKind::Deny}};
    bool known = false;
    for (const auto& [word, value] : kKinds)
        if (word == kind) {
            decision.kind = value;
            known = true;
        }
    if (!known)
        return context.usage(fillPlaceholders(tr(N_("unknown decision \"{kind}\": use accept, receive, correction, conditional, refuse, "
                                                    "approve or deny")),
                                              {{"kind", kind}}),
                             "case");
    if (!reasonKind.empty()) {
        for (auto k : {core::RefusalKind::NotOurPower, core::RefusalKind::NoApprovalNeeded, core::RefusalKind::Suspended, core::RefusalKind::Other})
            if (reasonKind == core::toString(k))
                decision.refusalKind = k;
        if (!decision.refusalKind)
            return context.usage(fillPlaceholders(tr(N_("unknown reason kind \"{kind}\": use not_our_power, no_approval_needed, suspended "
                                                        "or other")),
                                                  {{"kind", reasonKind}}),
                                 "case");
    }
    decision.reason = reason;
    decision.applyTo = applyTo;
    if (hasSupplement) {
        auto date = core::CivilDate::parse(supplementBy);
        if (!date)
            return context.usage(context.text(date.error()), "case");
        decision.supplementBy = *date;
    }
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    auto kept = keepSignature(context, number, render::DocumentKind::Pledge, signature);
    if (!kept)
        return kExitFailure;
    decision.pledgeSignature = *kept;
    return report(context, intake->decide(number, decision));
}

int caseResubmit(Context& context, Arguments& args) {
    const auto number = args.next();
    if (number.empty() || !args.empty())
        return context.usage(tr(N_("case resubmit needs the number of the correction case")), "case");
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    auto draft = intake->resubmit(number);
    if (!draft)
        return context.fail(draft.error());
    if (context.json)
        printCase(context, *draft);
    else
        context.out() << draft->number << "\n";
    return kExitOk;
}

int runCase(Context& context, Arguments& args) {
    static const std::vector<std::pair<std::string, int (*)(Context&, Arguments&)>> kSubcommands{
        {"new", caseNew},         {"material", caseMaterial}, {"decide", caseDecide}, {"resubmit", caseResubmit},
        {"review", caseReview},   {"release", caseRelease},   {"show", caseShow},     {"list", caseList},
        {"sweep", caseSweep},     {"pdf", casePdf},           {"form", caseForm},
        {"fetch", caseFetch}};
    const auto sub = args.next();
    for (const auto& [name, run] : kSubcommands)
        if (name == sub)
            return run(context, args);
    return context.usage(sub.empty() ? tr(N_("case needs a subcommand"))
                                     : fillPlaceholders(tr(N_("unknown case subcommand \"{name}\"")), {{"name", sub}}),
                         "case");
}

} // namespace ywtb::cli
