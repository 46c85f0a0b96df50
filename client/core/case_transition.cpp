#include "core/case_transition.h"

#include "core/case_json.h"
#include "core/decision_table.h"

#include <algorithm>

namespace ywtb::core {
namespace {

/// One action's step: the states it may leave from and the one it must arrive at (none: the status stays).
struct Step {
    std::string action;
    std::vector<CaseStatus> from;
    std::optional<CaseStatus> to;
    bool onTheSpotFromDraft = false; ///< also from draft, for an item decided on the spot (8.2.1)
};

using S = CaseStatus;

// Where each decision of the table leaves from and arrives (case_lifecycle.h, decide()). The server applies a
// department's decision itself, and the counter records it from accepted in one step (applyServerStatus), so
// approve and deny also leave from accepted.
Step decisionStep(const DecisionRow& row) {
    Step step{row.auditAction, {}, std::nullopt, row.onTheSpot};
    switch (row.kind) {
    case DecisionKind::Accept:
        step.from = {S::Draft, S::Received, S::Conditional};
        step.to = S::Accepted;
        break;
    case DecisionKind::Receive:
        step.from = {S::Draft};
        step.to = S::Received;
        break;
    case DecisionKind::Correction:
        step.from = {S::Draft, S::Received};
        step.to = S::Correction;
        break;
    case DecisionKind::Conditional:
        step.from = {S::Draft};
        step.to = S::Conditional;
        break;
    case DecisionKind::Refuse:
        step.from = {S::Draft, S::Received};
        step.to = S::Refused;
        break;
    case DecisionKind::Approve:
        step.from = {S::Accepted, S::UnderReview};
        step.to = S::Approved;
        break;
    case DecisionKind::Deny:
        step.from = {S::Accepted, S::UnderReview};
        step.to = S::Denied;
        break;
    }
    return step;
}

const std::vector<Step>& steps() {
    static const std::vector<Step> all = [] {
        std::vector<Step> out{
            {"case.material", {S::Draft, S::Received, S::Conditional}, std::nullopt, false},
            {"case.form", {S::Draft, S::Received}, std::nullopt, false},
        };
        for (const auto& row : decisionTable())
            out.push_back(decisionStep(row));
        out.push_back({"case.review", {S::Accepted}, S::UnderReview, false});
        out.push_back({"case.ready", {S::Approved, S::Denied}, S::AwaitingRelease, false});
        out.push_back({"case.release", {S::AwaitingRelease}, S::Released, false});
        out.push_back({"case.resubmitted", {S::Correction}, S::Correction, false});
        out.push_back({"case.accepted_by_default", {S::Received}, S::Accepted, false});
        out.push_back({"case.withdrawn", {S::Conditional}, S::Withdrawn, false});
        return out;
    }();
    return all;
}

constexpr const char* kOpen = "case.open";

const Step* stepOf(const std::string& action) {
    for (const auto& step : steps())
        if (step.action == action)
            return &step;
    return nullptr;
}

// "310104-W01-20260928-0001 (received → released, case.release)": the case, the states before and after, the
// action.
std::string where(const std::string& action, const std::optional<Case>& before, const Case& after) {
    return after.number + " (" + (before ? toString(before->status) : "none") + " → " +
           toString(after.status) + ", " + action + ")";
}

Error illegalStep(const std::string& action, const std::optional<Case>& before, const Case& after) {
    return Error{
        "transition.illegal",
        Message(N_("{action} cannot take a case from {before} to {after}"), {{"action", action}})
            .term("before", displayName(before->status))
            .term("after", displayName(after.status)),
        where(action, before, after),
        Message(N_("check the case's history with: case show {number}"), {{"number", after.number}})};
}

} // namespace

Expected<Case> pushedCase(const std::string& number, const std::string& action, std::string_view body) {
    auto c = caseFromJson(body, number + " (" + action + ")");
    if (!c)
        return c.error();
    if (c->number != number)
        return Error{"transition.number",
                     Message(N_("the change is for case {number}, but its body is case {other}"),
                             {{"number", number}, {"other", c->number}}),
                     number + " (" + action + ")",
                     {}};
    return c;
}

Expected<Done> checkTransition(const std::string& action, const std::optional<Case>& before,
                               const Case& after) {
    if (action != kOpen && !stepOf(action))
        return Error{"transition.unknown_action",
                     Message(N_("unknown change \"{action}\""), {{"action", action}}),
                     where(action, before, after),
                     {}};
    if (!before) {
        if (action == kOpen && after.status == S::Draft)
            return Done{};
        return Error{"transition.new_case",
                     Message(N_("a case begins with case.open as a draft, not with {action} as {after}"),
                             {{"action", action}})
                         .term("after", displayName(after.status)),
                     where(action, before, after),
                     {}};
    }
    if (after.number != before->number)
        return Error{"transition.number",
                     Message(N_("the change is for case {number}, but its body is case {other}"),
                             {{"number", before->number}, {"other", after.number}}),
                     where(action, before, after),
                     {}};
    if (after.item.code != before->item.code)
        return Error{
            "transition.item",
            Message(N_("case {number} is for item {item}; a change cannot make it item {other}"),
                    {{"number", before->number}, {"item", before->item.code}, {"other", after.item.code}}),
            where(action, before, after),
            {}};
    if (action == kOpen)
        return illegalStep(action, before, after); // the server holds the case already
    const Step& step = *stepOf(action);
    const CaseStatus arrives = step.to.value_or(before->status);
    const bool fromListed = std::find(step.from.begin(), step.from.end(), before->status) != step.from.end();
    const bool fromDraftOnTheSpot = step.onTheSpotFromDraft && before->status == S::Draft;
    // 8.1.3: a case accepted by operation of law gets its acceptance notice afterwards, staying accepted.
    const bool noticeOfDeemed = action == decisionRow(DecisionKind::Accept).auditAction &&
                                before->status == S::Accepted && before->acceptedByDefault;
    if ((!fromListed && !fromDraftOnTheSpot && !noticeOfDeemed) || after.status != arrives)
        return illegalStep(action, before, after);
    // 8.2.1: the item as the server holds it decides, not the one the change carries.
    if (fromDraftOnTheSpot && !before->item.onTheSpot)
        return Error{
            "transition.not_on_the_spot",
            Message(N_("{item} is not decided on the spot; only the department decides it after acceptance "
                       "(DB31/T 862 8.2.1)"),
                    {{"item", before->item.name}}),
            where(action, before, after), Message(N_("accept or receive the case instead"))};
    if (action == "case.resubmitted" && !before->resubmittedAs.empty())
        return Error{"transition.resubmitted",
                     Message(N_("this correction was already answered by case {other}"),
                             {{"other", before->resubmittedAs}}),
                     where(action, before, after),
                     Message(N_("continue with case {other}"), {{"other", before->resubmittedAs}})};
    return Done{};
}

std::vector<std::string> caseActions() {
    std::vector<std::string> out{kOpen};
    for (const auto& step : steps())
        out.push_back(step.action);
    return out;
}

} // namespace ywtb::core
