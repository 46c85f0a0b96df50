#include "services/intake_service.h"

#include "core/case_json.h"
#include "core/provisional_calendar.h"
#include "render/png_image.h"
#include "services/application_forms.h"
#include "store/audit_log.h"
#include "store/blob_store.h"
#include "store/case_repository.h"
#include "store/local_store.h"
#include "store/signature_register.h"

#include <Poco/JSON/Stringifier.h>
#include <Poco/UUIDGenerator.h>
#include <limits>
#include <sstream>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

std::string isoOrEmpty(const std::optional<core::CivilDate>& date) {
    return date ? date->iso() : std::string();
}

std::string applicantKey(const core::Applicant& a) {
    return a.kind == core::ApplicantKind::Organisation ? a.creditCode : a.idNumber;
}

std::string caseJson(const core::Case& c) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(core::caseToJson(c), out);
    return out.str();
}

store::CaseRow rowOf(const core::Case& c, const std::string& json, std::int64_t version,
                     const std::string& now) {
    return store::CaseRow{c.number,
                          c.item.code,
                          core::toString(c.status),
                          c.window,
                          applicantKey(c.applicant),
                          c.createdOn.iso(),
                          isoOrEmpty(c.receivedOn),
                          isoOrEmpty(c.correctionDeadline),
                          isoOrEmpty(c.supplementBy),
                          isoOrEmpty(c.duePromised),
                          isoOrEmpty(c.dueStatutory),
                          json,
                          version,
                          now};
}

Error unknownCase(const std::string& number) {
    return Error{"case.unknown",
                 Message(N_("there is no case {number}"), {{"number", number}}),
                 {},
                 Message(N_("check the number on the applicant's notice, or find the case with: case list"))};
}

Error changedMeanwhile(const std::string& number) {
    return Error{
        "case.changed",
        Message(N_("case {number} was changed at the same time by someone else"), {{"number", number}}),
        {},
        Message(N_("look at the case again and repeat the step"))};
}

// A step time alone makes (deemed acceptance, withdrawal), the rule applied again inside the change: when it
// no longer applies, someone changed the case meanwhile.
using TimeRule = std::function<core::Expected<std::optional<core::Case>>(const core::Case&)>;
std::function<core::Expected<core::Case>(const core::Case&)> byTime(TimeRule rule) {
    return [rule = std::move(rule)](const core::Case& c) -> core::Expected<core::Case> {
        auto again = rule(c);
        if (!again)
            return again.error();
        if (!again->has_value())
            return changedMeanwhile(c.number);
        return **again;
    };
}

struct Loaded {
    core::Case value;
    std::int64_t version = 0;
};

core::Expected<Loaded> load(store::Database& db, const std::string& number) {
    auto row = store::loadCase(db, number);
    if (!row)
        return unknownCase(number);
    auto c = core::caseFromJson(row->body, "intake_case " + number);
    if (!c)
        return c.error();
    return Loaded{std::move(c).value(), row->version};
}

} // namespace

core::Expected<core::Case> loadStoredCase(store::LocalStore& store, const std::string& number) {
    try {
        auto loaded = load(store.db(), number);
        if (!loaded)
            return loaded.error();
        return std::move(loaded->value);
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

IntakeService::IntakeService(store::LocalStore& store, const core::CentreConfig& centre,
                             const core::WorkingCalendar& calendar, const core::Clock& clock, Actor actor)
    : m_store(store), m_centre(centre), m_calendar(calendar), m_clock(clock), m_actor(std::move(actor)) {}

core::Expected<core::Done> IntakeService::issueDocuments(store::Transaction& tx, core::Case& c,
                                                         const std::vector<std::string>& kinds) {
    const auto today = m_clock.today();
    for (const auto& kind : kinds) {
        const auto format = m_centre.documentNumberFormats.find(kind);
        if (format == m_centre.documentNumberFormats.end())
            return Error{"numbering.format",
                         Message(N_("forms/centre.json gives no number format for {kind}"), {{"kind", kind}}),
                         "forms/centre.json", Message(N_("add it under \"document_numbers\""))};
        auto seq = store::drawDocumentNumber(tx, kind, today.year(), m_actor.window);
        if (!seq)
            return seq.error();
        c.documents.push_back(
            {kind, core::formatDocumentNumber(format->second, today.year(), *seq, m_actor.window), today});
    }
    return core::Done{};
}

core::Expected<core::WindowType> IntakeService::intakeWindowType() const {
    const auto* window = m_centre.window(m_actor.window);
    if (!window || !window->intakeType)
        return Error{
            "case.window",
            Message(N_("{window} is not an intake window of this centre"), {{"window", m_actor.window}}),
            "forms/centre.json",
            Message(N_("sign in at one of the intake windows listed in forms/centre.json"))};
    return *window->intakeType;
}

core::Expected<core::Case> IntakeService::open(const core::Item& item, core::Applicant applicant,
                                               std::optional<core::Agent> agent) {
    auto windowType = intakeWindowType();
    if (!windowType)
        return windowType.error();
    const auto today = m_clock.today();
    // The rules first, with a placeholder number: a refused intake must not use up a sequence number.
    auto probe =
        core::openCase(item, "-", applicant, agent, m_actor.window, *windowType, m_actor.staff, today);
    if (!probe)
        return probe.error();
    if (m_forms) {
        // A broken form must not let the case slip through without one: the administrator fixes the file
        // first.
        if (const auto broken = m_forms->broken.find(item.code);
            broken != m_forms->broken.end() && !broken->second.empty())
            return broken->second.front();
        if (auto form = m_forms->find(item.code))
            probe.value().form =
                core::CaseForm{form, core::defaultFormValues(*form, applicant, agent, today)};
    }
    try {
        store::Transaction tx(m_store.db());
        const auto seq = store::nextCaseSequence(tx, m_actor.window, today.iso());
        auto c = std::move(probe).value();
        c.number = core::formatCaseNumber(m_centre.code, m_actor.window, today, seq);
        const auto now = m_clock.nowUtc();
        const auto json = caseJson(c);
        store::insertCase(tx, rowOf(c, json, 1, now));
        store::appendAudit(tx, {.at = now,
                                .staff = m_actor.staff,
                                .window = m_actor.window,
                                .action = "case.open",
                                .subject = c.number,
                                .detail = item.code,
                                .after = core::toString(c.status)});
        store::appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
                                 c.number, "case.open", json, now});
        tx.commit();
        return c;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Case> IntakeService::catchUp(const std::string& number) {
    std::string detail;
    try {
        auto current = load(m_store.db(), number);
        if (!current)
            return current.error();
        auto deemed = core::deemedAcceptance(current->value, context());
        if (!deemed)
            return deemed.error();
        if (!deemed->has_value())
            return std::move(current->value);
        detail = "by operation of law from " + current->value.receivedOn->iso() +
                 ": no correction notice by " + current->value.correctionDeadline->iso();
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return write(number, "case.accepted_by_default", detail, {},
                 byTime([&](const core::Case& c) { return core::deemedAcceptance(c, context()); }));
}

core::Expected<core::Done> IntakeService::catchUpAll() {
    try {
        for (const auto& number : store::receivedPastCorrectionDeadline(m_store.db(), m_clock.today().iso()))
            if (auto caught = catchUp(number); !caught)
                return caught.error();
        return core::Done{};
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Case> IntakeService::change(const std::string& number, const char* action,
                                                 const std::string& detail,
                                                 const std::vector<std::string>& documents, const Step& step,
                                                 const Within& within) {
    if (auto caught = catchUp(number); !caught)
        return caught.error();
    return write(number, action, detail, documents, step, within);
}

core::Expected<core::Case> IntakeService::write(const std::string& number, const char* action,
                                                const std::string& detail,
                                                const std::vector<std::string>& documents, const Step& step,
                                                const Within& within) {
    try {
        auto current = load(m_store.db(), number);
        if (!current)
            return current.error();
        // Decided before any write: an illegal step leaves the store exactly as it was.
        auto next = step(current->value);
        if (!next)
            return next.error();
        store::Transaction tx(m_store.db());
        auto fresh = store::loadCase(m_store.db(), number);
        if (!fresh || fresh->version != current->version)
            return changedMeanwhile(number);
        auto c = std::move(next).value();
        if (auto issued = issueDocuments(tx, c, documents); !issued)
            return issued.error();
        const auto now = m_clock.nowUtc();
        const auto json = caseJson(c);
        store::updateCase(tx, rowOf(c, json, current->version + 1, now));
        store::appendAudit(tx, {.at = now,
                                .staff = m_actor.staff,
                                .window = m_actor.window,
                                .action = action,
                                .subject = c.number,
                                .detail = detail,
                                .before = core::toString(current->value.status),
                                .after = core::toString(c.status)});
        store::appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
                                 c.number, action, json, now});
        if (within)
            if (auto also = within(tx, c); !also)
                return also.error(); // the transaction rolls back: nothing of the change is kept
        tx.commit();
        return c;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Case> IntakeService::recordMaterial(const std::string& number,
                                                         const std::string& materialId,
                                                         core::MaterialStatus status,
                                                         const std::string& licenceNumber,
                                                         const std::string& note) {
    const auto detail = materialId + " " + core::toString(status);
    return change(number, "case.material", detail, {}, [&](const core::Case& c) {
        return core::recordMaterial(c, materialId, status, licenceNumber, note);
    });
}

FormSave IntakeService::fillForm(const std::string& number, const core::FormInput& input) {
    FormSave result;
    // The audit names the form and how far it is filled, never an answer (they are personal data). The step
    // fills `detail` in, before change() writes the audit entry with it.
    std::string detail;
    auto saved =
        change(number, "case.form", detail, {}, [&](const core::Case& c) -> core::Expected<core::Case> {
            core::Case withForm = c;
            if (!withForm.form && m_forms)
                if (auto form = m_forms->find(c.item.code))
                    withForm.form = core::CaseForm{form, "{}"};
            // The state first: an accepted case's form is not changed, however right the answers.
            if (auto allowed =
                    core::recordForm(withForm, withForm.form ? withForm.form->values : std::string());
                !allowed)
                return allowed.error();
            auto check = core::updateFormValues(*withForm.form->definition, withForm.form->values, input,
                                                m_clock.today());
            if (!check.ok()) {
                result.errors = check.errors;
                result.errorFields = check.errorFields;
                return check.errors.front();
            }
            result.missing = check.missing;
            detail = withForm.form->definition->item + " v" +
                     std::to_string(withForm.form->definition->version) + ", " +
                     std::to_string(check.missing.size()) + " missing";
            return core::recordForm(withForm, check.values);
        });
    if (saved) {
        result.saved = std::move(saved).value();
    } else if (result.errors.empty()) {
        result.errors.push_back(saved.error());
        result.errorFields.emplace_back();
    }
    return result;
}

core::Expected<std::string> IntakeService::signatureFor(const std::string& number, const char* documentKind,
                                                        const std::string& sha256) const {
    try {
        if (sha256.empty()) {
            // Captured on the pad beforehand (sign CASE --document …): the newest signature waiting for this
            // document.
            auto waiting = store::unboundSignature(m_store.db(), number, documentKind);
            return waiting ? waiting->pngSha256 : std::string();
        }
        if (store::findSignature(m_store.db(), number, documentKind, sha256) &&
            m_store.blobs().contains(sha256))
            return sha256;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return Error{
        "signature.missing",
        Message(N_("no signature {sha256} was captured for the {kind} of case {number} at this counter"),
                {{"sha256", sha256.substr(0, 12)}, {"kind", documentKind}, {"number", number}}),
        number, Message(N_("capture the signature on the pad again, then decide again"))};
}

core::Expected<core::Decision> IntakeService::prepared(const std::string& number,
                                                       core::Decision decision) const {
    const auto& row = core::decisionRow(decision.kind);
    if (row.signedBefore) {
        auto signature = signatureFor(number, core::toString(*row.signedBefore), decision.pledgeSignature);
        if (!signature)
            return signature.error();
        decision.pledgeSignature = *signature;
    } else if (!decision.pledgeSignature.empty()) {
        return Error{"signature.document", Message(N_("only a conditional acceptance has a pledge to sign")),
                     number, Message(N_("leave the signature out, or choose conditional acceptance"))};
    }
    return decision;
}

core::Expected<core::Case> IntakeService::decide(const std::string& number, core::Decision decision,
                                                 const Within& within) {
    auto ready = prepared(number, std::move(decision));
    if (!ready)
        return ready.error();
    decision = std::move(ready).value();
    const auto& row = core::decisionRow(decision.kind);
    return change(
        number, row.auditAction, {}, core::documentsFor(decision.kind),
        [&](const core::Case& c) {
            if (decision.kind == core::DecisionKind::Conditional)
                decision.creditFlagged = store::isCreditFlagged(m_store.db(), applicantKey(c.applicant));
            return core::decide(c, decision, context());
        },
        within);
}

core::Expected<core::Done> IntakeService::canDecide(const std::string& number, core::Decision decision) {
    auto ready = prepared(number, std::move(decision));
    if (!ready)
        return ready.error();
    decision = std::move(ready).value();
    try {
        auto current = load(m_store.db(), number);
        if (!current)
            return current.error();
        if (decision.kind == core::DecisionKind::Conditional)
            decision.creditFlagged =
                store::isCreditFlagged(m_store.db(), applicantKey(current->value.applicant));
        auto tried = core::decide(current->value, decision, context());
        if (!tried)
            return tried.error();
        return core::Done{};
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Case> IntakeService::startReview(const std::string& number) {
    return change(number, "case.review", {}, {},
                  [&](const core::Case& c) { return core::startReview(c, context()); });
}

core::Expected<core::Case> IntakeService::markReady(const std::string& number) {
    return change(number, "case.ready", {}, {},
                  [&](const core::Case& c) { return core::markReady(c, context()); });
}

core::Expected<core::Case> IntakeService::release(const std::string& number, core::Release release,
                                                  const Within& within) {
    auto signature = signatureFor(number, "delivery-receipt", release.signature);
    if (!signature)
        return signature.error();
    release.signature = *signature;
    release.staff = m_actor.staff;
    release.window = m_actor.window;
    std::vector<std::string> series;
    for (const auto& paper : core::releasePapers())
        series.emplace_back(paper.series);
    return change(
        number, "case.release", core::toString(release.method), series,
        [&](const core::Case& c) { return core::releaseResult(c, release, context()); }, within);
}

core::Expected<ServerStatusOutcome> IntakeService::applyServerStatus(const std::string& number,
                                                                     const std::string& status,
                                                                     const std::string& note) {
    using core::CaseStatus;
    try {
        if (!store::loadCase(m_store.db(), number))
            return ServerStatusOutcome::NotHeld;
        auto current = load(m_store.db(), number);
        if (!current)
            return current.error();
        const CaseStatus now = current->value.status;
        const bool known = status == "approved" || status == "denied";
        const CaseStatus wanted = status == "approved" ? CaseStatus::Approved : CaseStatus::Denied;
        if (known && (now == wanted || now == CaseStatus::AwaitingRelease || now == CaseStatus::Released))
            return ServerStatusOutcome::AlreadyThere;
        // 行政许可法 art. 38(2): a denial states its reasons. One the department sent without them is not
        // printed with a made-up sentence: it waits, as a conflict, for a supervisor to get the reasons.
        const bool unreasoned = known && wanted == CaseStatus::Denied && note.empty();
        if (!known || unreasoned || (now != CaseStatus::Accepted && now != CaseStatus::UnderReview)) {
            // Kept for a supervisor (audit recent); the server lists its side with `admin conflicts`.
            store::Transaction tx(m_store.db());
            store::appendAudit(tx, {.at = m_clock.nowUtc(),
                                    .staff = m_actor.staff,
                                    .window = m_actor.window,
                                    .action = unreasoned ? "case.server_denial_without_reasons"
                                                         : "case.server_status_conflict",
                                    .subject = number,
                                    .detail = "server: " + status + (note.empty() ? "" : " (" + note + ")"),
                                    .before = core::toString(now),
                                    .after = core::toString(now)});
            tx.commit();
            return ServerStatusOutcome::Conflict;
        }
        core::Decision decision;
        decision.kind =
            wanted == CaseStatus::Approved ? core::DecisionKind::Approve : core::DecisionKind::Deny;
        // The reason is printed on the denial decision; the department's note is it.
        decision.reason = note;
        const char* action = core::decisionRow(decision.kind).auditAction;
        // An accepted case goes through review in the same step: the server, which owns the decision, is
        // never sent an "under review" that came after it.
        auto decided =
            change(number, action, "server" + (note.empty() ? std::string() : ": " + note),
                   core::documentsFor(decision.kind), [&](const core::Case& c) -> core::Expected<core::Case> {
                       if (c.status != CaseStatus::Accepted)
                           return core::decide(c, decision, context());
                       auto reviewed = core::startReview(c, context());
                       if (!reviewed)
                           return reviewed.error();
                       return core::decide(*reviewed, decision, context());
                   });
        if (!decided)
            return decided.error();
        return ServerStatusOutcome::Applied;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Case> IntakeService::adoptServerCase(const std::string& number,
                                                          const std::string& caseJson,
                                                          const std::string& serverStatus) {
    try {
        if (!store::loadCase(m_store.db(), number)) {
            auto c = core::caseFromJson(caseJson, "server case " + number);
            if (!c)
                return c.error();
            if (c->number != number)
                return Error{
                    "case.server_mismatch",
                    Message(N_("the central server sent another case than {number}"), {{"number", number}}),
                    {},
                    Message(N_("nothing was taken; tell the centre's administrator"))};
            store::Transaction tx(m_store.db());
            const auto now = m_clock.nowUtc();
            // Stored as the server sent it: re-serialising could change the text the server holds.
            store::insertCase(tx, rowOf(*c, caseJson, 1, now));
            store::appendAudit(tx, {.at = now,
                                    .staff = m_actor.staff,
                                    .window = m_actor.window,
                                    .action = "case.adopt",
                                    .subject = number,
                                    .detail = "from the central server, taken in at " + c->window,
                                    .after = core::toString(c->status)});
            tx.commit();
        }
        if (serverStatus == "approved" || serverStatus == "denied") {
            auto applied = applyServerStatus(number, serverStatus, "");
            if (!applied)
                return applied.error();
        }
        return find(number);
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Case> IntakeService::resubmit(const std::string& correctionNumber) {
    auto windowType = intakeWindowType();
    if (!windowType)
        return windowType.error();
    try {
        auto original = load(m_store.db(), correctionNumber);
        if (!original)
            return original.error();
        const auto today = m_clock.today();
        auto probe = core::resubmit(original->value, "-", m_actor.window, *windowType, m_actor.staff, today);
        if (!probe)
            return probe.error();
        store::Transaction tx(m_store.db());
        auto fresh = store::loadCase(m_store.db(), correctionNumber);
        if (!fresh || fresh->version != original->version)
            return changedMeanwhile(correctionNumber);
        const auto seq = store::nextCaseSequence(tx, m_actor.window, today.iso());
        auto result =
            core::resubmit(original->value, core::formatCaseNumber(m_centre.code, m_actor.window, today, seq),
                           m_actor.window, *windowType, m_actor.staff, today);
        const auto now = m_clock.nowUtc();
        const auto draftJson = caseJson(result->draft);
        const auto originalJson = caseJson(result->original);
        store::insertCase(tx, rowOf(result->draft, draftJson, 1, now));
        store::updateCase(tx, rowOf(result->original, originalJson, original->version + 1, now));
        store::appendAudit(tx, {.at = now,
                                .staff = m_actor.staff,
                                .window = m_actor.window,
                                .action = "case.resubmit",
                                .subject = result->draft.number,
                                .detail = correctionNumber,
                                .after = core::toString(result->draft.status)});
        auto& uuids = Poco::UUIDGenerator::defaultGenerator();
        store::appendOutbox(tx, {0, uuids.createRandom().toString(), result->original.number,
                                 "case.resubmitted", originalJson, now});
        store::appendOutbox(
            tx, {0, uuids.createRandom().toString(), result->draft.number, "case.open", draftJson, now});
        tx.commit();
        return result->draft;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<SweepReport> IntakeService::sweep() {
    SweepReport report;
    try {
        for (const auto& row : store::casesWithPendingDeadlines(m_store.db())) {
            auto loaded = load(m_store.db(), row.number);
            if (!loaded)
                return loaded.error();
            auto changed = core::applyDeadlines(loaded->value, context());
            if (!changed)
                return changed.error();
            if (!changed->has_value())
                continue;
            if ((*changed)->status == core::CaseStatus::Accepted) {
                if (auto caught = catchUp(row.number); !caught)
                    return caught.error();
                report.accepted.push_back(row.number);
                continue;
            }
            auto written =
                change(row.number, "case.withdrawn", "sweep", {},
                       byTime([&](const core::Case& c) { return core::applyDeadlines(c, context()); }));
            if (!written)
                return written.error();
            report.withdrawn.push_back(row.number);
        }
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return report;
}

core::Expected<std::vector<MovedDate>> IntakeService::recountProvisionalDates() {
    std::vector<MovedDate> moved;
    try {
        for (const auto& row : store::casesWithProvisionalDates(m_store.db())) {
            auto parsed = core::caseFromJson(row.body, "intake_case " + row.number);
            if (!parsed)
                return parsed.error();
            auto c = std::move(parsed).value();
            auto changes = core::recountProvisionalDates(c, m_calendar);
            if (!changes)
                return changes.error();
            if (changes->empty())
                continue;
            const auto now = m_clock.nowUtc();
            store::Transaction tx(m_store.db());
            if (!store::updateCase(tx, rowOf(c, caseJson(c), row.version + 1, now)))
                return changedMeanwhile(row.number);
            for (const auto& change : *changes) {
                // One entry per date: the clerk and the audit see which date moved, from what to what.
                store::appendAudit(tx,
                                   {.at = now,
                                    .staff = m_actor.staff,
                                    .window = m_actor.window,
                                    .action = "calendar.recount",
                                    .subject = c.number,
                                    .detail = change.field + (change.stillProvisional ? " provisional" : ""),
                                    .before = change.before.iso(),
                                    .after = change.after.iso()});
                moved.push_back({c.number, change.field, change.before.iso(), change.after.iso(),
                                 change.stillProvisional});
            }
            tx.commit();
        }
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return moved;
}

core::Expected<core::Case> IntakeService::find(const std::string& number) {
    return catchUp(number);
}

core::Expected<DeadlineCounts> IntakeService::deadlineCounts(int withinWorkingDays) {
    using core::CaseStatus;
    try {
        const auto today = m_clock.today();
        store::CaseFilter filter;
        // Enough working days ahead: a week holds at least three of them, whatever the holidays do.
        filter.dueBefore = today.plusDays(7 + 2 * withinWorkingDays).iso();
        filter.limit = std::numeric_limits<int>::max();
        const auto date = [](const std::string& text) -> std::optional<core::CivilDate> {
            if (text.empty())
                return std::nullopt;
            auto parsed = core::CivilDate::parse(text);
            return parsed ? std::optional<core::CivilDate>(*parsed) : std::nullopt;
        };
        DeadlineCounts counts;
        for (const auto& row : store::listCases(m_store.db(), filter)) {
            // Only what deadlineWarnings reads: the status and the four deadlines, from their columns.
            core::Case c;
            for (auto s : {CaseStatus::Received, CaseStatus::Conditional, CaseStatus::Accepted,
                           CaseStatus::UnderReview})
                if (row.status == core::toString(s))
                    c.status = s;
            c.correctionDeadline = date(row.correctionDeadline);
            c.supplementBy = date(row.supplementBy);
            c.duePromised = date(row.duePromised);
            c.dueStatutory = date(row.dueStatutory);
            bool overdue = false, dueSoon = false; // not `near`: <windows.h> defines it away
            for (const auto& w : core::deadlineWarnings(c, context(), withinWorkingDays)) {
                overdue = overdue || w.overdue;
                dueSoon = true;
            }
            if (overdue)
                ++counts.overdue;
            else if (dueSoon)
                ++counts.dueSoon;
        }
        return counts;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<std::vector<core::Case>> IntakeService::list(const CaseQuery& query) {
    if (auto caught = catchUpAll(); !caught)
        return caught.error();
    try {
        store::CaseFilter filter;
        if (query.status)
            filter.status = core::toString(*query.status);
        filter.applicantKey = query.applicantKey;
        const auto today = m_clock.today();
        if (query.dueBefore)
            filter.dueBefore = query.dueBefore->iso();
        else if (query.overdueOnly)
            filter.dueBefore = today.iso();
        std::vector<core::Case> out;
        for (const auto& row : store::listCases(m_store.db(), filter)) {
            auto c = core::caseFromJson(row.body, "intake_case " + row.number);
            if (!c)
                return c.error();
            out.push_back(std::move(c).value());
        }
        return out;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

} // namespace ywtb::services
