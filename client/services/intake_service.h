#pragma once
// The intake flows the GUI and the CLI share. Each change is one SQLite transaction writing the case, its
// audit entry and its outbox entry together (DESIGN.md); a step the rules refuse writes nothing at all.

#include "core/application_form_values.h"
#include "core/case.h"
#include "core/case_lifecycle.h"
#include "core/centre_config.h"
#include "core/error.h"
#include "services/actor.h"
#include "services/calendar_service.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::store {
class LocalStore;
class Transaction;
} // namespace ywtb::store

namespace ywtb::services {

/// What a sweep changed: received cases now accepted by default (8.1.3), conditional cases withdrawn (8.2.4).
struct SweepReport {
    std::vector<std::string> accepted;
    std::vector<std::string> withdrawn;
};

/// What saving a case's application form did: the case as stored, or every wrong answer (and nothing stored).
struct FormSave {
    std::optional<core::Case> saved;
    std::vector<core::Error> errors;
    std::vector<std::string>
        errorFields; ///< the field path of each error, for a GUI to show it beside the field
    std::vector<core::MissingField> missing; ///< required answers still to give before accepting
    bool ok() const { return errors.empty(); }
};

struct ApplicationFormLibrary;

/// What became of a status the central server set (docs/api.md section 7).
enum class ServerStatusOutcome {
    Applied,      ///< the case moved to it (through under review when it was accepted)
    AlreadyThere, ///< the case already has it, or has moved past it (awaiting release, released)
    NotHeld,      ///< this counter does not hold the case (taken at another counter PC)
    Conflict, ///< the case's state contradicts it, or a denial came without its reasons (行政许可法 art.
              ///< 38(2)): left as it is, written to the audit log for a supervisor
};

/// Cases whose deadline (correction, supplement, promised or statutory limit) is near or gone.
struct DeadlineCounts {
    int dueSoon = 0; ///< due within the working days asked, not yet missed
    int overdue = 0;
};

struct CaseQuery {
    std::optional<core::CaseStatus> status;
    std::optional<core::CivilDate> dueBefore;
    bool overdueOnly = false;
    std::string applicantKey; ///< ID number or credit code
};

/// The case with this number as the store keeps it.
core::Expected<core::Case> loadStoredCase(store::LocalStore& store, const std::string& number);

class IntakeService {
public:
    /// `actor.window` must be one of the centre's windows.
    IntakeService(store::LocalStore& store, const core::CentreConfig& centre,
                  const core::WorkingCalendar& calendar, const core::Clock& clock, Actor actor);

    /// The application forms cases are opened with (forms/application); without it cases get no form.
    void useApplicationForms(const ApplicationFormLibrary* forms) { m_forms = forms; }

    /// Opens a draft case for `item` at the actor's window and gives it its number. When the item has an
    /// application form, the case gets it, with the answers the applicant's details give ("default_from").
    core::Expected<core::Case> open(const core::Item& item, core::Applicant applicant,
                                    std::optional<core::Agent> agent);
    core::Expected<core::Case> recordMaterial(const std::string& number, const std::string& materialId,
                                              core::MaterialStatus status, const std::string& licenceNumber,
                                              const std::string& note);
    /// Saves answers of the case's application form: every answer is checked, and when any is wrong nothing
    /// is stored and every error is returned. A case opened before its item had a form gets the current one.
    FormSave fillForm(const std::string& number, const core::FormInput& input);
    /// What else a change writes in its own transaction, after the case, its audit and its outbox entry (the
    /// papers of a decision: Counter::decide): an error rolls the whole change back.
    using Within = std::function<core::Expected<core::Done>(store::Transaction&, const core::Case&)>;

    /// A counter decision; the credit flag of a conditional acceptance is looked up here, not taken from the
    /// caller. A conditional acceptance carries the pledge's signature captured for this case
    /// (SignatureService).
    core::Expected<core::Case> decide(const std::string& number, core::Decision decision,
                                      const Within& within = {});
    /// Whether decide would take the decision now, with the same checks (the pledge's signature, the credit
    /// flag, the rules): the answer a screen shows before the clerk presses the key. Writes nothing.
    core::Expected<core::Done> canDecide(const std::string& number, core::Decision decision);
    core::Expected<core::Case> startReview(const std::string& number);
    core::Expected<core::Case> markReady(const std::string& number);
    /// Hands the result over; the release records the acting clerk and window as 送达人.
    core::Expected<core::Case> release(const std::string& number, core::Release release,
                                       const Within& within = {});
    /// Applies a decision the department made on the central server (`approved` or `denied`, with its note
    /// as the denial's reason) to the case: an accepted case goes through review and is approved or denied in
    /// one step, with its audit and outbox entries as if decided here, the decision document included. Safe
    /// to apply twice. A case this counter does not hold, one already there, and one whose state contradicts
    /// the decision are left as they are; the outcome says which.
    core::Expected<ServerStatusOutcome> applyServerStatus(const std::string& number,
                                                          const std::string& status, const std::string& note);
    /// Takes in a case another counter PC took in, as the central server holds it (`caseJson`: the whole case
    /// as that counter sent it last; `serverStatus`: the server's), so that it can be handed out here: stored
    /// with an audit entry and no outbox entry (the server has it), then the server's decision applied as the
    /// status feed would. A case this counter already holds is left as it is. Returns the case as now held.
    core::Expected<core::Case> adoptServerCase(const std::string& number, const std::string& caseJson,
                                               const std::string& serverStatus);
    /// A new intake answering a correction notice; returns the new draft.
    core::Expected<core::Case> resubmit(const std::string& correctionNumber);
    /// Applies what time alone decides. Safe to run any time: running it twice changes what running it once
    /// does.
    core::Expected<SweepReport> sweep();

    /// Counts again, on the calendar now loaded, every case date that was counted on a provisional calendar
    /// (docs/intake.md, "The year boundary"): each change is stored with its own audit entry; a case whose
    /// dates did not move is not written. Returns what changed.
    core::Expected<std::vector<MovedDate>> recountProvisionalDates();

    /// The case as the law sees it today: a received case past its correction deadline is recorded as
    /// accepted by operation of law first (8.1.3), so that every screen and command shows it so.
    core::Expected<core::Case> find(const std::string& number);
    /// How many cases are due within `withinWorkingDays` and how many are overdue (core::deadlineWarnings),
    /// all of them, from the deadline columns the store indexes: no case body is read, so a status bar can
    /// ask every minute.
    core::Expected<DeadlineCounts> deadlineCounts(int withinWorkingDays);
    core::Expected<std::vector<core::Case>> list(const CaseQuery& query);

    core::LifecycleContext context() const { return {m_clock.today(), &m_calendar}; }

private:
    /// The type of the actor's window, or an error when it is not one of the centre's intake windows.
    core::Expected<core::WindowType> intakeWindowType() const;
    /// The signature image for the case's `documentKind` (SignatureService): `sha256` when it was captured
    /// for that document of this case; when empty, the one captured and waiting, or "" (signed on paper).
    core::Expected<std::string> signatureFor(const std::string& number, const char* documentKind,
                                             const std::string& sha256) const;
    /// Records what time alone has made of the case before anyone looks at it or changes it: a received case
    /// past its correction deadline is accepted by operation of law (8.1.3), with its own audit and outbox
    /// entries. Does nothing otherwise.
    /// Returns the case as now stored.
    core::Expected<core::Case> catchUp(const std::string& number);
    /// catchUp for every received case whose correction deadline has passed (found by the deadline column).
    core::Expected<core::Done> catchUpAll();
    using Step = std::function<core::Expected<core::Case>(const core::Case&)>;
    /// Loads the case (caught up: catchUp), applies `step`, and writes the result with audit and outbox in
    /// one transaction.
    core::Expected<core::Case> change(const std::string& number, const char* action,
                                      const std::string& detail, const std::vector<std::string>& documents,
                                      const Step& step, const Within& within = {});
    /// change() without catchUp: the one place a step's case, audit and outbox entry are written.
    core::Expected<core::Case> write(const std::string& number, const char* action, const std::string& detail,
                                     const std::vector<std::string>& documents, const Step& step,
                                     const Within& within = {});
    /// The decision as decide takes it: the pledge's signature found, checked against the document.
    core::Expected<core::Decision> prepared(const std::string& number, core::Decision decision) const;
    core::Expected<core::Done> issueDocuments(store::Transaction& tx, core::Case& c,
                                              const std::vector<std::string>& kinds);

    store::LocalStore& m_store;
    const core::CentreConfig& m_centre;
    const core::WorkingCalendar& m_calendar;
    const core::Clock& m_clock;
    Actor m_actor;
    const ApplicationFormLibrary* m_forms = nullptr;
};

} // namespace ywtb::services
