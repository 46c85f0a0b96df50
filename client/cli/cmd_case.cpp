// ywtb-counter-cli case new | material | decide | resubmit (and the dispatcher for the other subcommands)

#include "cli/case_commands.h"
#include "cli/case_output.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/applicant_parser.h"
#include "services/counter.h"
#include "services/counter_devices.h"
#include "services/signature_service.h"
#include "services/text_file.h"

#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

services::Counter* intakeCounter(Context& context) {
    if (!context.store())
        return nullptr;
    const auto* centre = context.centre();
    const auto* calendar = centre ? context.calendar() : nullptr;
    if (!calendar)
        return nullptr;
    return &context.counter();
}

std::optional<services::IntakeService> makeIntake(Context& context) {
    auto* counter = intakeCounter(context);
    if (!counter)
        return std::nullopt;
    return counter->intake();
}

int reportOutcome(Context& context, const core::Expected<services::CaseOutcome>& result) {
    if (!result)
        return context.fail(result.error());
    printCase(context, result->c);
    if (!context.json)
        for (const auto& paper : result->papers)
            context.out() << tr(N_("Paper issued")) << ": " << paper.record.kind << "  "
                          << paper.record.number << "  ("
                          << fillPlaceholders(
                                 tr(N_("print it with: render {kind} --case {number} --out FILE.pdf")),
                                 {{"kind", paper.record.kind}, {"number", result->c.number}})
                          << ")\n";
    return kExitOk;
}

std::optional<std::string> keepSignature(Context& context, const std::string& number,
                                         render::DocumentKind kind, const std::string& file) {
    if (file.empty())
        return std::string();
    auto png = services::readTextFile(file);
    if (!png) {
        context.fail(png.error());
        return std::nullopt;
    }
    auto signatures = context.counter().signatures();
    if (!signatures) {
        context.fail(signatures.error());
        return std::nullopt;
    }
    auto kept = signatures.value().keepImage(number, kind, *png);
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
        return context.usage(
            problem.empty()
                ? tr(N_("case new needs --item CODE and either --applicant FILE.json or --from-idcard"))
                : problem,
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
        return context.usage(
            problem.empty() ? tr(N_("case material needs CASE, MATERIAL_ID and --status")) : problem, "case");
    const auto parsed = materialStatusFromWord(status);
    if (!parsed)
        return context.usage(
            fillPlaceholders(
                tr(N_("unknown material status \"{status}\": use provided, copy, exempt, missing, "
                      "nonconforming or not_applicable")),
                {{"status", status}}),
            "case");
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    return report(context, intake->recordMaterial(number, materialId, *parsed, licence, note));
}

int caseDecide(Context& context, Arguments& args) {
    std::string reasonKind, reason, applyTo, basis, supplementBy, signature, problem;
    args.option("--reason-kind", reasonKind, problem);
    args.option("--basis", basis, problem);
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
        return context.usage(problem.empty() ? tr(N_("case decide needs CASE and a decision")) : problem,
                             "case");
    const auto& number = positional[0];
    const auto& kind = positional[1];
    const auto* row = core::decisionByWord(kind);
    if (!row)
        return context.usage(fillPlaceholders(tr(N_("unknown decision \"{kind}\": use one of {words}")),
                                              {{"kind", kind}, {"words", core::decisionWords()}}),
                             "case");
    decision.kind = row->kind;
    if (!reasonKind.empty()) {
        const auto* refusal = core::refusalByWord(reasonKind);
        if (!refusal)
            return context.usage(
                fillPlaceholders(tr(N_("unknown reason kind \"{kind}\": use one of {words}")),
                                 {{"kind", reasonKind}, {"words", core::refusalWords()}}),
                "case");
        decision.refusalKind = refusal->kind;
    }
    decision.reason = reason;
    decision.applyTo = applyTo;
    decision.basis = basis;
    if (hasSupplement) {
        auto date = core::CivilDate::parse(supplementBy);
        if (!date)
            return context.usage(context.text(date.error()), "case");
        decision.supplementBy = *date;
    }
    auto* counter = intakeCounter(context);
    if (!counter)
        return kExitFailure;
    auto kept = keepSignature(context, number, render::DocumentKind::Pledge, signature);
    if (!kept)
        return kExitFailure;
    decision.pledgeSignature = *kept;
    // The decision and its papers, as the window issues them: a paper that cannot be made decides nothing.
    return reportOutcome(context, counter->decide(number, decision));
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
        {"new", caseNew},           {"material", caseMaterial}, {"decide", caseDecide},
        {"resubmit", caseResubmit}, {"review", caseReview},     {"release", caseRelease},
        {"show", caseShow},         {"list", caseList},         {"sweep", caseSweep},
        {"pdf", casePdf},           {"form", caseForm},         {"fetch", caseFetch}};
    const auto sub = args.next();
    for (const auto& [name, run] : kSubcommands)
        if (name == sub)
            return run(context, args);
    return context.usage(
        sub.empty() ? tr(N_("case needs a subcommand"))
                    : fillPlaceholders(tr(N_("unknown case subcommand \"{name}\"")), {{"name", sub}}),
        "case");
}

} // namespace ywtb::cli
