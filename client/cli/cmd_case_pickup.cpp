// ywtb-counter-cli case review CASE (start|approve|deny|ready) | case release CASE --method … --receiver …
// | case fetch CASE --server URL

#include "cli/case_commands.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "cli/server_session.h"
#include "core/id_number.h"

namespace ywtb::cli {

using core::fillPlaceholders;

int caseReview(Context& context, Arguments& args) {
    std::string reason, problem;
    args.option("--reason", reason, problem);
    const auto number = args.next();
    const auto step = args.next();
    if (!problem.empty() || number.empty() || step.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("case review needs CASE and start, approve, deny or ready")) : problem,
            "case");
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    if (step == "start")
        return report(context, intake->startReview(number));
    if (step == "ready")
        return report(context, intake->markReady(number));
    if (step == "approve" || step == "deny") {
        core::Decision decision;
        decision.kind = step == "approve" ? core::DecisionKind::Approve : core::DecisionKind::Deny;
        decision.reason = reason;
        return reportOutcome(context, context.counter().decide(number, decision));
    }
    return context.usage(
        fillPlaceholders(tr(N_("unknown review step \"{step}\": use start, approve, deny or ready")),
                         {{"step", step}}),
        "case");
}

/// A case another counter PC took in, fetched from the central server so that it can be handed out here.
int caseFetch(Context& context, Arguments& args) {
    std::string problem;
    const auto given = takeServerArguments(args, problem);
    const auto number = args.next();
    if (!problem.empty() || number.empty() || given.server.empty() || !args.empty())
        return context.usage(problem.empty() ? tr(N_("case fetch needs CASE and --server URL")) : problem,
                             "case");
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    if (auto held = intake->find(number))
        return report(context, held); // already here: nothing to ask the server
    const auto options = serverOptions(context, given);
    if (!options)
        return kExitFailure;
    return report(context, context.counter().fetchFromServer(number, *options));
}

int caseRelease(Context& context, Arguments& args) {
    std::string method, receiver, proxyId, tracking, locker, signature, problem;
    args.option("--method", method, problem);
    args.option("--signature", signature, problem);
    args.option("--receiver", receiver, problem);
    const bool byProxy = args.option("--proxy-id", proxyId, problem);
    args.option("--tracking", tracking, problem);
    args.option("--locker", locker, problem);
    const bool checkCard = args.flag("--check-idcard");
    std::string idcardPort;
    args.option("--idcard", idcardPort, problem);
    const auto number = args.next();
    if (!problem.empty() || number.empty() || method.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("case release needs CASE, --method and --receiver")) : problem, "case");
    core::Release release;
    if (method == "window")
        release.method = core::ReleaseMethod::Window;
    else if (method == "mail")
        release.method = core::ReleaseMethod::Mail;
    else if (method == "locker")
        release.method = core::ReleaseMethod::Locker;
    else
        return context.usage(
            fillPlaceholders(tr(N_("unknown method \"{method}\": use window, mail or locker")),
                             {{"method", method}}),
            "case");
    if (byProxy) {
        // 8.3.2: the proxy's identity is checked before the result leaves the window.
        auto id = core::parseIdNumber(proxyId, context.clock->today());
        if (!id)
            return context.fail(id.error());
        release.proxyIdNumber = id->number;
    }
    release.receiverName = receiver;
    release.byProxy = byProxy;
    release.trackingNumber = tracking;
    release.lockerCode = locker;
    auto* counter = intakeCounter(context);
    if (!counter)
        return kExitFailure;
    std::optional<services::ReceiverCard> card;
    if (checkCard) {
        // 8.3.2: the card on the reader must be the applicant's, the agent's or the proxy's, or nothing
        // leaves.
        if (auto c = counter->intake().find(number); !c)
            return context.fail(c.error());
        auto read = readIdCard(context, idcardPort);
        if (!read)
            return kExitFailure;
        card = services::ReceiverCard{read->idNumber.number, read->name};
    }
    auto kept = keepSignature(context, number, render::DocumentKind::DeliveryReceipt, signature);
    if (!kept)
        return kExitFailure;
    release.signature = *kept;
    // The release and its delivery receipt (App. G), as the window issues it; the card checked by the
    // service.
    return reportOutcome(context, counter->release(number, release, card));
}

} // namespace ywtb::cli
