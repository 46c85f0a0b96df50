#include "core/case_lifecycle.h"

#include "core/application_form_values.h"
#include "core/masking.h"

#include <algorithm>

namespace ywtb::core {
namespace {

// "XH-W01-20261128-0001 (received)": the case and the state it is in, for every refusal of a step.
std::string where(const Case& c) {
    return c.number + " (" + toString(c.status) + ")";
}

Error illegal(const Case& c, const char* code, Message what, Message fix = {}) {
    return Error{std::string("lifecycle.") + code, std::move(what), where(c), std::move(fix)};
}

Error notNow(const Case& c, const char* step) {
    return illegal(c, "state",
                   Message(N_("a case that is {status} cannot be {step}"))
                       .term("status", displayName(c.status))
                       .term("step", step),
                   Message(N_("check the case's history with: case show {number}"), {{"number", c.number}}));
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

const Material* guideMaterial(const Case& c, const std::string& id) {
    return c.item.material(id);
}

// Every material looked at; the first unchecked one otherwise.
std::optional<Error> requireChecked(const Case& c) {
    for (const auto& m : c.materials)
        if (m.status == MaterialStatus::Unchecked)
            return illegal(
                c, "unchecked",
                Message(N_("material {id} ({name}) has not been checked yet"),
                        {{"id", m.id}, {"name", guideMaterial(c, m.id) ? guideMaterial(c, m.id)->name : ""}}),
                Message(N_("record every material first: case material {number} ID --status …"),
                        {{"number", c.number}}));
    return std::nullopt;
}

std::optional<Error> requireAllSupplied(const Case& c, const char* rule) {
    if (auto unchecked = requireChecked(c))
        return unchecked;
    for (const auto& m : c.materials)
        if (!isSupplied(m.status))
            return illegal(c, "gaps",
                           Message(N_("material {id} is {status}; {rule}"),
                                   {{"id", m.id}, {"status", toString(m.status)}})
                               .term("rule", rule),
                           Message(N_("issue a correction notice for the gaps, or a conditional acceptance "
                                      "if only secondary materials are missing")));
    return std::nullopt;
}

Expected<Done> setDueDates(Case& c, CivilDate acceptedOn, const LifecycleContext& context) {
    auto statutory = dueAfter(*context.calendar, acceptedOn, c.item.limits.statutory, c.item.limits.unit);
    if (!statutory)
        return statutory.error();
    auto promised = dueAfter(*context.calendar, acceptedOn, c.item.limits.promised, c.item.limits.unit);
    if (!promised)
        return promised.error();
    c.acceptedOn = acceptedOn;
    c.dueStatutory = *statutory;
    c.duePromised = *promised;
    c.markProvisional("due_statutory", context.calendar->countsProvisionally(acceptedOn, *statutory));
    c.markProvisional("due_promised", context.calendar->countsProvisionally(acceptedOn, *promised));
    return Done{};
}

Expected<Case> accept(const Case& c, const LifecycleContext& context) {
    Case next = c;
    if (c.status == CaseStatus::Conditional) {
        // 8.2.4: the secondary materials arrived; the acceptance already counts from the conditional date.
        if (c.supplementBy && context.today > *c.supplementBy)
            return illegal(c, "supplement_late",
                           Message(N_("the supplement deadline {date} has passed; the case is to be "
                                      "withdrawn (DB31/T 862 8.2.4)"),
                                   {{"date", c.supplementBy->iso()}}),
                           Message(N_("run case sweep; the applicant applies again")));
        if (auto gap = requireAllSupplied(c, N_("every secondary material must be supplied before the "
                                                "conditional acceptance becomes a full one")))
            return *gap;
        if (auto incomplete = requireCompleteForm(c, context.today))
            return *incomplete;
        next.status = CaseStatus::Accepted;
        return next;
    }
    if (c.status != CaseStatus::Draft && c.status != CaseStatus::Received)
        return notNow(c, N_("accepted"));
    if (auto gap = requireAllSupplied(c, N_("a case is accepted only when its materials are complete and in "
                                            "legal form (DB31/T 862 8.1.2)")))
        return *gap;
    if (auto incomplete = requireCompleteForm(c, context.today))
        return *incomplete;
    if (auto set = setDueDates(next, context.today, context); !set)
        return set.error();
    next.status = CaseStatus::Accepted;
    return next;
}

Expected<Case> receive(const Case& c, const LifecycleContext& context) {
    if (c.status != CaseStatus::Draft)
        return notNow(c, N_("received"));
    if (auto unchecked = requireChecked(c))
        return *unchecked;
    auto deadline = context.calendar->workingDaysAfter(context.today, kCorrectionNoticeWorkingDays);
    if (!deadline)
        return deadline.error();
    Case next = c;
    next.status = CaseStatus::Received;
    next.receivedOn = context.today;
    next.correctionDeadline = *deadline;
    next.markProvisional("correction_deadline",
                         context.calendar->countsProvisionally(context.today, *deadline));
    return next;
}

Expected<Case> correction(const Case& c, const LifecycleContext& context) {
    if (c.status != CaseStatus::Draft && c.status != CaseStatus::Received)
        return notNow(c, N_("sent a correction notice"));
    if (auto unchecked = requireChecked(c))
        return *unchecked;
    const auto gaps = gapsOf(c);
    if (gaps.empty())
        return illegal(c, "no_gaps",
                       Message(N_("every material is supplied, so there is nothing to correct")),
                       Message(N_("accept the case, or receive it for further review")));
    for (const auto& id : gaps) {
        const auto* m = c.material(id);
        if (m->status == MaterialStatus::NonConforming && m->note.empty())
            return illegal(c, "reason",
                           Message(N_("material {id} is non-conforming but says not why"), {{"id", id}}),
                           Message(N_("record what is wrong with it, so the notice can tell the applicant")));
    }
    // 9.2.4 one-time notice: a resubmission may only be asked again for what the first notice listed.
    if (!c.resubmissionOf.empty())
        for (const auto& id : gaps)
            if (!contains(c.priorCorrectionGaps, id))
                return illegal(
                    c, "not_in_first_notice",
                    Message(
                        N_("material {id} was not listed in the correction notice of case {original}; the "
                           "applicant must be told every gap at once (DB31/T 862 9.2.4)"),
                        {{"id", id}, {"original", c.resubmissionOf}}),
                    Message(
                        N_("accept the material as it is: a gap the first notice did not list cannot be "
                           "asked for now, and a defect in the materials is never a ground for 不予受理")));
    Case next = c;
    next.status = CaseStatus::Correction;
    next.correctionGaps = gaps;
    next.decidedOn = context.today;
    return next;
}

Expected<Case> conditional(const Case& c, const Decision& d, const LifecycleContext& context) {
    if (c.status != CaseStatus::Draft)
        return notNow(c, N_("accepted conditionally"));
    if (d.creditFlagged)
        return illegal(
            c, "credit",
            Message(N_("the credit check flags this applicant, who therefore cannot be accepted with gaps")),
            Message(N_("ask for every material, or issue a correction notice")));
    if (auto unchecked = requireChecked(c))
        return *unchecked;
    bool secondaryGap = false;
    for (const auto& m : c.materials) {
        const auto* guide = guideMaterial(c, m.id);
        if (isSupplied(m.status))
            continue;
        if (guide && guide->requirement == MaterialRequirement::Required)
            return illegal(
                c, "required_gap",
                Message(N_("material {id} ({name}) is required and {status}; only secondary materials may "
                           "follow later (DB31/T 862 8.1.4)"),
                        {{"id", m.id}, {"name", guide->name}, {"status", toString(m.status)}}),
                Message(N_("issue a correction notice instead")));
        secondaryGap = true;
    }
    if (!secondaryGap)
        return illegal(c, "no_gaps",
                       Message(N_("every material is supplied, so there is nothing to supplement")),
                       Message(N_("accept the case")));
    if (auto incomplete = requireCompleteForm(c, context.today))
        return *incomplete;
    if (!d.pledgeSigned)
        return illegal(c, "pledge", Message(N_("the applicant has not signed the pledge (App. E)")),
                       Message(N_("have the pledge signed on the signature pad, then decide again")));
    if (!d.supplementBy)
        return illegal(c, "supplement_date",
                       Message(N_("a conditional acceptance needs a supplement deadline")),
                       Message(N_("give --supplement-by YYYY-MM-DD")));
    Case next = c;
    if (auto set = setDueDates(next, context.today, context); !set)
        return set.error();
    if (*d.supplementBy <= context.today || *d.supplementBy > *next.duePromised)
        return illegal(
            c, "supplement_date",
            Message(N_("the supplement deadline {date} must fall after today and no later than the promised "
                       "time limit {promised}"),
                    {{"date", d.supplementBy->iso()}, {"promised", next.duePromised->iso()}}),
            Message(N_("choose a date within the promised time limit")));
    next.status = CaseStatus::Conditional;
    next.supplementBy = d.supplementBy;
    next.pledgeSigned = true;
    next.pledgeSignature = d.pledgeSignature;
    next.correctionGaps = gapsOf(c);
    return next;
}

Expected<Case> refuse(const Case& c, const Decision& d, const LifecycleContext& context) {
    if (c.status != CaseStatus::Draft && c.status != CaseStatus::Received)
        return notNow(c, N_("refused"));
    if (!d.refusalKind || d.reason.empty())
        return illegal(
            c, "reason",
            Message(N_("a refusal needs its reason kind and a written reason (DB31/T 862 8.1.5)")),
            Message(
                N_("give --reason-kind not_our_power|no_approval_needed|suspended|other and --reason TEXT")));
    if (*d.refusalKind == RefusalKind::Other && d.basis.empty())
        return illegal(
            c, "basis",
            Message(
                N_("不予受理 rests only on a lawful ground (行政许可法 art. 32(1)); for \"other\" cite the "
                   "provision it rests on")),
            Message(
                N_("give --basis with the law and article, e.g. 《…条例》第…条; a defect in the materials is "
                   "never a ground: issue a correction notice instead")));
    if (*d.refusalKind == RefusalKind::NotOurPower && d.applyTo.empty())
        return illegal(c, "apply_to",
                       Message(N_("a refusal for lack of power must name where to apply instead")),
                       Message(N_("give --apply-to with the competent body")));
    Case next = c;
    next.status = CaseStatus::Refused;
    next.refusal = Refusal{*d.refusalKind, d.reason, d.applyTo,
                           *d.refusalKind == RefusalKind::Other ? d.basis : std::string()};
    next.decidedOn = context.today;
    return next;
}

Expected<Case> approveOrDeny(const Case& c, const Decision& d, const LifecycleContext& context) {
    const bool approve = d.kind == DecisionKind::Approve;
    if (c.status == CaseStatus::Draft) {
        if (!c.item.onTheSpot)
            return illegal(
                c, "not_on_the_spot",
                Message(
                    N_("{item} is not decided on the spot; only the department decides it after acceptance "
                       "(DB31/T 862 8.2.1)"),
                    {{"item", c.item.name}}),
                Message(N_("accept or receive the case instead")));
        // 行政许可法 art. 34, DB31/T 862 8.2.1: a decision on the spot, approval or denial, rests on
        // materials that are complete and in legal form; with a gap the path is a correction notice (补正).
        if (auto gap =
                requireAllSupplied(c, N_("a decision on the spot, approval or denial, needs every material "
                                         "checked and conforming (行政许可法 art. 34)")))
            return *gap;
        // 8.2.1: a decision on the spot reviews the application itself, so it needs the whole form either
        // way.
        if (auto incomplete = requireCompleteForm(c, context.today))
            return *incomplete;
    } else if (c.status != CaseStatus::UnderReview) {
        return notNow(c, approve ? N_("approved") : N_("denied"));
    }
    if (!approve && d.reason.empty())
        return illegal(c, "reason", Message(N_("a denial needs a written reason")),
                       Message(N_("give --reason TEXT")));
    Case next = c;
    if (c.status == CaseStatus::Draft)
        if (auto set = setDueDates(next, context.today, context); !set)
            return set.error();
    next.status = approve ? CaseStatus::Approved : CaseStatus::Denied;
    next.decisionReason = approve ? std::string() : d.reason;
    next.decidedOnTheSpot = c.status == CaseStatus::Draft;
    next.decidedOn = context.today;
    return next;
}

} // namespace

std::optional<Error> requireCompleteForm(const Case& c, CivilDate today) {
    if (!c.form || !c.form->definition)
        return std::nullopt;
    const auto check = checkFormValues(*c.form->definition, c.form->values, today);
    if (check.complete())
        return std::nullopt;
    if (!check.ok())
        return illegal(
            c, "form_invalid",
            Message(N_("the {form} has answers that are no longer valid: {problems}"),
                    {{"form", c.form->definition->title}, {"problems", check.errors.front().str()}}),
            Message(N_("correct them: case form {number} --set FIELD=VALUE"), {{"number", c.number}}));
    return illegal(c, "form_incomplete",
                   Message(N_("the {form} is not complete; still to answer: {fields}"),
                           {{"form", c.form->definition->title}, {"fields", describeMissing(check.missing)}}),
                   Message(N_("fill them in: case form {number} --set FIELD=VALUE, then decide again"),
                           {{"number", c.number}}));
}

Expected<Case> recordForm(const Case& c, std::string values) {
    if (!c.form || !c.form->definition)
        return illegal(c, "no_form", Message(N_("{item} has no application form"), {{"item", c.item.name}}),
                       Message(N_("nothing to fill in: the item's materials are the whole application")));
    if (c.status != CaseStatus::Draft && c.status != CaseStatus::Received)
        return notNow(c, N_("given changes to its application form"));
    Case next = c;
    next.form->values = std::move(values);
    return next;
}

bool isSupplied(MaterialStatus status) {
    return status == MaterialStatus::Original || status == MaterialStatus::Copy ||
           status == MaterialStatus::Exempt || status == MaterialStatus::NotApplicable;
}

std::vector<std::string> gapsOf(const Case& c) {
    std::vector<std::string> gaps;
    for (const auto& m : c.materials)
        if (m.status == MaterialStatus::Missing || m.status == MaterialStatus::NonConforming)
            gaps.push_back(m.id);
    return gaps;
}

Expected<Case> openCase(const Item& item, std::string number, Applicant applicant, std::optional<Agent> agent,
                        std::string window, WindowType windowType, std::string staff, CivilDate today) {
    if (!item.allowsWindow(windowType))
        return Error{"lifecycle.window",
                     Message(N_("{item} is not taken at a {window}"), {{"item", item.name}})
                         .term("window", displayName(windowType)),
                     item.code, Message(N_("send the applicant to a window of the right type"))};
    if (item.inPerson && agent)
        return Error{"lifecycle.in_person",
                     Message(N_("{item} is applied for in person only; an agent cannot apply for it"),
                             {{"item", item.name}}),
                     item.code, Message(N_("the applicant (every party) comes to the window in person"))};
    Case c;
    c.number = std::move(number);
    c.item = item;
    c.window = std::move(window);
    c.windowType = windowType;
    c.staff = std::move(staff);
    c.applicant = std::move(applicant);
    c.agent = std::move(agent);
    c.createdOn = today;
    for (const auto& m : item.materials)
        c.materials.push_back(CaseMaterial{m.id, MaterialStatus::Unchecked, {}, {}, {}});
    return c;
}

Expected<Case> recordMaterial(const Case& c, const std::string& materialId, MaterialStatus status,
                              const std::string& licenceNumber, const std::string& note) {
    const auto* guide = guideMaterial(c, materialId);
    if (!guide || !c.material(materialId))
        return illegal(
            c, "material",
            Message(N_("{item} has no material {id}"), {{"item", c.item.name}, {"id", materialId}}),
            Message(N_("see the material ids with: case show {number}"), {{"number", c.number}}));
    const bool supplement = c.status == CaseStatus::Conditional;
    if (c.status != CaseStatus::Draft && c.status != CaseStatus::Received && !supplement)
        return notNow(c, N_("given changes to its materials"));
    if (supplement && (guide->requirement != MaterialRequirement::Secondary || !isSupplied(status)))
        return illegal(c, "supplement",
                       Message(N_("after a conditional acceptance only the secondary materials can change, "
                                  "and only to supplied")),
                       Message(N_("record the supplied secondary material as provided, copy or exempt")));
    switch (status) {
    case MaterialStatus::Unchecked:
        return illegal(c, "material_status", Message(N_("a material cannot be set back to unchecked")),
                       Message(N_("record what the applicant provided")));
    case MaterialStatus::Copy:
        if (guide->form == MaterialForm::Original)
            return illegal(
                c, "copy",
                Message(N_("the guide asks for the original of material {id} ({name}), a copy does not do"),
                        {{"id", materialId}, {"name", guide->name}}),
                Message(N_("record it as missing or non-conforming if the original is not there")));
        break;
    case MaterialStatus::Exempt:
        if (guide->elicence.empty())
            return illegal(c, "exempt",
                           Message(N_("no e-licence covers material {id} ({name}) in the guide"),
                                   {{"id", materialId}, {"name", guide->name}}),
                           Message(N_("the applicant has to provide it")));
        if (licenceNumber.empty())
            return illegal(
                c, "licence_number",
                Message(
                    N_("an exemption needs the number of the {licence} that covers it (DB31/T 862 8.1.7)"),
                    {{"licence", guide->elicence}}),
                Message(N_("give --licence with the e-licence number")));
        break;
    case MaterialStatus::NotApplicable:
        if (guide->appliesWhen.empty())
            return illegal(c, "not_applicable",
                           Message(N_("material {id} ({name}) is needed in every case"),
                                   {{"id", materialId}, {"name", guide->name}}),
                           Message(N_("record it as provided, missing or non-conforming")));
        break;
    case MaterialStatus::NonConforming:
        if (note.empty())
            return illegal(c, "reason",
                           Message(N_("say what is wrong with material {id}"), {{"id", materialId}}),
                           Message(N_("give --note with what is incomplete, inconsistent or inaccurate")));
        break;
    default:
        break;
    }
    Case next = c;
    auto* m = next.material(materialId);
    m->status = status;
    m->licenceNumber = status == MaterialStatus::Exempt ? licenceNumber : std::string();
    m->note = note;
    return next;
}

Expected<std::optional<Case>> deemedAcceptance(const Case& c, const LifecycleContext& context) {
    if (c.status != CaseStatus::Received || !c.correctionDeadline || !c.receivedOn ||
        context.today <= *c.correctionDeadline)
        return std::optional<Case>();
    Case next = c;
    // 8.1.3: no correction notice in time, so the receipt is the acceptance, dated the day of receipt.
    if (auto set = setDueDates(next, *c.receivedOn, context); !set)
        return set.error();
    next.status = CaseStatus::Accepted;
    next.acceptedByDefault = true;
    return std::optional<Case>(std::move(next));
}

namespace {

bool hasDocument(const Case& c, const std::string& series) {
    return std::any_of(c.documents.begin(), c.documents.end(),
                       [&](const IssuedDocument& d) { return d.kind == series; });
}

// A case accepted by operation of law: its acceptance notice may still be issued (once), with the dates of
// receipt; what only a case not yet accepted can get is refused with the rule that says why.
std::optional<Expected<Case>> decideDeemed(const Case& c, const Decision& decision) {
    if (c.status != CaseStatus::Accepted || !c.acceptedByDefault)
        return std::nullopt;
    const auto since = [&] {
        return Message(
            N_("the case counts as accepted from {received}, the day of receipt: no correction notice "
               "came by {deadline} (行政许可法 art. 32(四), DB31/T 862 8.1.3)"),
            {{"received", c.receivedOn ? c.receivedOn->iso() : std::string()},
             {"deadline", c.correctionDeadline ? c.correctionDeadline->iso() : std::string()}});
    };
    switch (decision.kind) {
    case DecisionKind::Accept:
        if (hasDocument(c, documentsFor(DecisionKind::Accept).front()))
            return Expected<Case>(notNow(c, N_("accepted")));
        return Expected<Case>(c);
    case DecisionKind::Correction:
        return Expected<Case>(illegal(c, "correction_late", since(),
                                      Message(N_("issue its acceptance notice, then decide on the merits"))));
    case DecisionKind::Refuse:
        return Expected<Case>(
            illegal(c, "deemed_accepted", since(),
                    Message(N_("不予受理 is no longer possible: issue the acceptance notice; "
                               "the department decides on the merits"))));
    default:
        return std::nullopt;
    }
}

} // namespace

Expected<Case> decide(const Case& original, const Decision& decision, const LifecycleContext& context) {
    auto deemed = deemedAcceptance(original, context);
    if (!deemed)
        return deemed.error();
    const Case& c = deemed->has_value() ? **deemed : original;
    if (auto outcome = decideDeemed(c, decision))
        return std::move(*outcome);
    switch (decision.kind) {
    case DecisionKind::Accept:
        return accept(c, context);
    case DecisionKind::Receive:
        return receive(c, context);
    case DecisionKind::Correction:
        return correction(c, context);
    case DecisionKind::Conditional:
        return conditional(c, decision, context);
    case DecisionKind::Refuse:
        return refuse(c, decision, context);
    case DecisionKind::Approve:
    case DecisionKind::Deny:
        return approveOrDeny(c, decision, context);
    }
    return notNow(c, N_("decided"));
}

Expected<Case> startReview(const Case& c, const LifecycleContext&) {
    if (c.status != CaseStatus::Accepted)
        return notNow(c, N_("put under review"));
    Case next = c;
    next.status = CaseStatus::UnderReview;
    return next;
}

Expected<Case> markReady(const Case& c, const LifecycleContext&) {
    if (c.status != CaseStatus::Approved && c.status != CaseStatus::Denied)
        return notNow(c, N_("made ready for release"));
    Case next = c;
    next.status = CaseStatus::AwaitingRelease;
    return next;
}

Expected<Case> releaseResult(const Case& c, const Release& release, const LifecycleContext& context) {
    if (c.status != CaseStatus::AwaitingRelease)
        return notNow(c, N_("released"));
    if (release.receiverName.empty())
        return illegal(c, "receiver",
                       Message(N_("the delivery receipt needs the name of who received the result")),
                       Message(N_("give --receiver NAME")));
    if (c.item.inPerson && release.byProxy)
        return illegal(c, "in_person",
                       Message(N_("{item} is handed over to the applicant in person only, never to a proxy"),
                               {{"item", c.item.name}}),
                       Message(N_("hand it to the applicant, on their own ID card")));
    if (release.byProxy && release.proxyIdNumber.empty())
        return illegal(
            c, "proxy",
            Message(N_("a result collected by a proxy needs the proxy's ID number (DB31/T 862 8.3.2)")),
            Message(N_("check the proxy's ID card and give --proxy-id")));
    if (release.method == ReleaseMethod::Mail && release.trackingNumber.empty())
        return illegal(c, "tracking", Message(N_("a result sent by mail needs its tracking number")),
                       Message(N_("give --tracking NO")));
    if (release.method == ReleaseMethod::Locker && release.lockerCode.empty())
        return illegal(c, "locker", Message(N_("a result put in a locker needs the locker's code")),
                       Message(N_("give --locker CODE")));
    Case next = c;
    next.status = CaseStatus::Released;
    next.release = release;
    next.release->on = context.today;
    return next;
}

Expected<Resubmission> resubmit(const Case& correctionCase, std::string newNumber, std::string window,
                                WindowType windowType, std::string staff, CivilDate today) {
    if (correctionCase.status != CaseStatus::Correction)
        return notNow(correctionCase, N_("resubmitted"));
    if (!correctionCase.resubmittedAs.empty())
        return illegal(correctionCase, "resubmitted",
                       Message(N_("this correction was already answered by case {other}"),
                               {{"other", correctionCase.resubmittedAs}}),
                       Message(N_("continue with case {other}"), {{"other", correctionCase.resubmittedAs}}));
    auto draft = openCase(correctionCase.item, std::move(newNumber), correctionCase.applicant,
                          correctionCase.agent, std::move(window), windowType, std::move(staff), today);
    if (!draft)
        return draft.error();
    Resubmission out{correctionCase, std::move(draft).value()};
    out.draft.resubmissionOf = correctionCase.number;
    out.draft.priorCorrectionGaps = correctionCase.correctionGaps;
    // What was fine the first time stays recorded as it was; only the listed gaps are looked at again.
    for (auto& m : out.draft.materials)
        if (!contains(correctionCase.correctionGaps, m.id))
            if (const auto* before = correctionCase.material(m.id))
                m = *before;
    // The application form as answered the first time: the applicant corrects it rather than starting again.
    out.draft.form = correctionCase.form;
    out.original.resubmittedAs = out.draft.number;
    return out;
}

Expected<std::optional<Case>> applyDeadlines(const Case& c, const LifecycleContext& context) {
    if (auto deemed = deemedAcceptance(c, context); !deemed || deemed->has_value())
        return deemed;
    if (c.status == CaseStatus::Conditional && c.supplementBy && context.today > *c.supplementBy) {
        Case next = c;
        next.status = CaseStatus::Withdrawn;
        next.decidedOn = context.today;
        return std::optional<Case>(std::move(next));
    }
    return std::optional<Case>();
}

std::vector<DeadlineWarning> deadlineWarnings(const Case& c, const LifecycleContext& context,
                                              int withinWorkingDays) {
    std::vector<DeadlineWarning> out;
    const auto consider = [&](const char* code, const std::optional<CivilDate>& due, const char* what) {
        if (!due)
            return;
        const bool overdue = context.today > *due;
        auto left = context.calendar->workingDaysBetween(context.today, *due);
        if (overdue || (left && *left <= withinWorkingDays))
            out.push_back({code, *due, overdue,
                           Message(overdue ? N_("{what} was due on {date}") : N_("{what} is due on {date}"),
                                   {{"date", due->iso()}})
                               .term("what", what)});
    };
    switch (c.status) {
    case CaseStatus::Received:
        consider("correction_deadline", c.correctionDeadline, N_("the correction notice"));
        break;
    case CaseStatus::Conditional:
        consider("supplement_deadline", c.supplementBy, N_("the supplement of secondary materials"));
        break;
    case CaseStatus::Accepted:
    case CaseStatus::UnderReview:
        consider("promised_limit", c.duePromised, N_("the decision within the promised limit"));
        consider("statutory_limit", c.dueStatutory, N_("the decision within the statutory limit"));
        break;
    default:
        break;
    }
    return out;
}

Expected<Done> checkReceiverCard(const Case& c, const std::string& cardIdNumber, const std::string& cardName,
                                 const std::string& proxyIdNumber) {
    if (cardIdNumber.empty())
        return Error{"release.card", Message(N_("the card read has no ID number")), c.number,
                     Message(N_("read the card again"))};
    const bool applicant = c.applicant.kind == ApplicantKind::Person && c.applicant.idNumber == cardIdNumber;
    const bool agent = !c.item.inPerson && c.agent && c.agent->idNumber == cardIdNumber;
    const bool proxy = !c.item.inPerson && !proxyIdNumber.empty() && proxyIdNumber == cardIdNumber;
    if (applicant || agent || proxy)
        return Done{};
    std::string expected = c.applicant.kind == ApplicantKind::Person
                               ? maskName(c.applicant.name) + " " + maskIdNumber(c.applicant.idNumber)
                               : c.applicant.name;
    if (c.agent)
        expected += " / " + maskName(c.agent->name) + " " + maskIdNumber(c.agent->idNumber);
    return Error{"release.card_mismatch",
                 Message(N_("the ID card read ({card}) is not the applicant's or the agent's ({expected}) of "
                            "case {number}"),
                         {{"card", maskName(cardName) + " " + maskIdNumber(cardIdNumber)},
                          {"expected", expected},
                          {"number", c.number}}),
                 c.number,
                 Message(N_("hand nothing over: ask for the applicant's card, or a proxy's card with the "
                            "applicant's authorisation (--proxy-id)"))};
}

} // namespace ywtb::core
