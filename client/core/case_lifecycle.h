#pragma once
// The legal moves of a case (DB31/T 862 clause 8, 行政许可法 art. 32) as pure functions: each takes a case
// and returns the next one, or an Error naming the case's state and the rule that forbids the step.

#include "core/case.h"
#include "core/decision_table.h"
#include "core/error.h"
#include "core/working_calendar.h"

#include <optional>
#include <string>
#include <vector>

namespace ywtb::core {

/// 行政许可法 art. 32 and 8.1.3: a correction notice within 5 working days of receipt, or the case counts as
/// accepted.
inline constexpr int kCorrectionNoticeWorkingDays = 5;

/// What every step needs to know about "now".
struct LifecycleContext {
    CivilDate today;
    const WorkingCalendar* calendar = nullptr;
};

/// Opens a draft for `item` at a window of `windowType`; every material of the item starts unchecked.
Expected<Case> openCase(const Item& item, std::string number, Applicant applicant, std::optional<Agent> agent,
                        std::string window, WindowType windowType, std::string staff, CivilDate today);

/// Records how one material stands. Allowed while the case is a draft or received, and for the secondary
/// materials of a conditional acceptance (the supplement). Exempt needs the e-licence number and an item
/// material that names an e-licence type; not-applicable needs a material with "applies_when"; non-conforming
/// needs the reason; a copy is refused where the guide asks for the original.
Expected<Case> recordMaterial(const Case& c, const std::string& materialId, MaterialStatus status,
                              const std::string& licenceNumber, const std::string& note);

/// Records the checked answers of the case's application form (application_form_values.h: updateFormValues).
/// Allowed while the case is a draft or received, like its materials; the case keeps the form's version.
Expected<Case> recordForm(const Case& c, std::string values);

/// The application form is complete, or the error naming every required field still to answer. DB31/T 862
/// 8.1.2 and 8.1.4 accept only when the main materials, the application form first among them, are complete;
/// 8.2.1 decides on the spot on the form. A case without a form passes.
std::optional<Error> requireCompleteForm(const Case& c, CivilDate today);

struct Decision {
    DecisionKind kind = DecisionKind::Accept;
    std::optional<RefusalKind> refusalKind; ///< Refuse
    std::string reason;                     ///< Refuse, Deny: the written reason
    std::string applyTo;                    ///< Refuse, NotOurPower: where to apply instead
    std::string basis; ///< Refuse, Other: the provision the refusal rests on, as the clerk cites it
    std::optional<CivilDate> supplementBy; ///< Conditional
    bool pledgeSigned = false;             ///< Conditional: the applicant signed the pledge (App. E)
    std::string
        pledgeSignature; ///< Conditional: SHA-256 of the signature captured on the pad; empty: on paper
    bool creditFlagged = false; ///< Conditional: the credit check flagged the applicant
};

/// A received case past its correction deadline counts as accepted from the day of receipt, by operation of
/// law (行政许可法 art. 32(四), DB31/T 862 8.1.3), whoever looks at it and whenever: the case as the law now
/// sees it (accepted, the acceptance dated the day of receipt, the time limits counted from it), or none when
/// the rule does not apply (yet).
Expected<std::optional<Case>> deemedAcceptance(const Case& c, const LifecycleContext& context);

/// Applies a counter decision to the case as the law sees it (deemedAcceptance first). Legal moves:
///   draft → accepted | received | correction | conditional | refused | approved | denied (on the
///   spot, 8.2.1) received → accepted | correction (within 5 working days of receipt) | refused conditional →
///   accepted (all secondary materials supplied by the deadline) under review → approved | denied
///   accepted by operation of law → accepted (the acceptance notice, once; the dates stay those of receipt);
///   a correction notice or 不予受理 is refused for it
Expected<Case> decide(const Case& c, const Decision& decision, const LifecycleContext& context);

/// accepted → under review.
Expected<Case> startReview(const Case& c, const LifecycleContext& context);
/// approved | denied → awaiting release: the result document is at the pickup window.
Expected<Case> markReady(const Case& c, const LifecycleContext& context);
/// awaiting release → released, recording who took it and how (8.3.2).
Expected<Case> releaseResult(const Case& c, const Release& release, const LifecycleContext& context);
/// The ID card read at the pickup window against the case: done when `cardIdNumber` is the applicant's, the
/// agent's or `proxyIdNumber` (a proxy collecting, checked beforehand); otherwise an error naming both
/// people, masked, so the clerk sees the mismatch plainly.
Expected<Done> checkReceiverCard(const Case& c, const std::string& cardIdNumber, const std::string& cardName,
                                 const std::string& proxyIdNumber);

/// A correction case answered by a new intake: the new draft carries the gaps the notice listed, so that it
/// can never be asked for anything else (9.2.4). Returns the new draft and the updated correction case.
struct Resubmission {
    Case original;
    Case draft;
};
Expected<Resubmission> resubmit(const Case& correctionCase, std::string newNumber, std::string window,
                                WindowType windowType, std::string staff, CivilDate today);

/// The change time alone makes: a received case past its correction deadline counts as accepted from the day
/// of receipt (8.1.3); a conditional case past its supplement deadline is withdrawn (8.2.4). Nothing
/// otherwise.
Expected<std::optional<Case>> applyDeadlines(const Case& c, const LifecycleContext& context);

/// A deadline a clerk should act on soon, or one already missed.
struct DeadlineWarning {
    std::string code; ///< "correction_deadline", "supplement_deadline", "promised_limit", "statutory_limit"
    CivilDate due;
    bool overdue = false;
    Message text;
};
/// Warnings for `c`: due within `withinWorkingDays` working days, or overdue.
std::vector<DeadlineWarning> deadlineWarnings(const Case& c, const LifecycleContext& context,
                                              int withinWorkingDays = 1);

/// A material counts as supplied: provided (original or copy), exempt or not applicable.
bool isSupplied(MaterialStatus status);
/// The gaps of the checklist: missing or non-conforming materials.
std::vector<std::string> gapsOf(const Case& c);

} // namespace ywtb::core
