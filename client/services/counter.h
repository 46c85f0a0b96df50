#pragma once
// The one facade of a counter (docs/facade.md): what the GUI and the CLI work with. It sets a counter up
// (data folder, store, centre, calendars, catalogue, application forms, templates, devices, sync session),
// knows who is signed in, and offers every workflow whole — a decision with its papers, a release with its
// identity check, a case fetched from the central server — so that no front end assembles one from the layers
// below. No wx here.
//
// Threads: the counter's own store connection belongs to the thread that made the Counter (the window's, or
// the CLI's only one). The calls documented "on a worker thread" open a connection of their own for the call.

#include "core/catalogue.h"
#include "core/centre_config.h"
#include "core/device_config.h"
#include "core/error.h"
#include "core/rating.h"
#include "core/working_calendar.h"
#include "devices/device_status.h"
#include "devices/idcard/id_card.h"
#include "render/document_template.h"
#include "services/actor.h"
#include "services/application_forms.h"
#include "services/counter_types.h"
#include "services/document_service.h"
#include "services/intake_service.h"
#include "services/print_service.h"
#include "services/resource_paths.h"
#include "services/scan_service.h"
#include "services/staff_sign_in.h"
#include "services/sync_runner.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ywtb::devices {
class IdCardReader;
class RatingDevice;
class SignaturePad;
} // namespace ywtb::devices

namespace ywtb::store {
class Database;
class LocalStore;
} // namespace ywtb::store

namespace ywtb::services {

/// Cases that need the clerk: a deadline within two working days, or one already missed.
struct DueCounts {
    int dueSoon = 0;
    int overdue = 0;
};

/// The applicant-facing devices, in the order the status bar lists them.
enum class CounterDevice { IdCard, Rating, Signature };

/// How long the applicant has at the rating device or the pad, as the CLI's default (--wait 120).
inline constexpr std::chrono::seconds kApplicantTimeout{120};

/// The central server this counter syncs with (--server, --ca).
struct ServerAccess {
    std::string url;
    std::string caFile;
};

/// A decision or a release as taken, with the papers it issued in the same transaction.
struct CaseOutcome {
    core::Case c;
    std::vector<IssuedPaper> papers;
};

/// The ID card read at the pickup window.
struct ReceiverCard {
    std::string idNumber;
    std::string name;
};

class Counter {
public:
    /// A counter on `dataDir` whose parts are loaded on first use (the CLI: a command loads what it needs).
    Counter(ResourcePaths paths, std::filesystem::path dataDir, std::unique_ptr<core::Clock> clock);
    /// As above, with a clock the caller keeps alive for the Counter's life.
    Counter(ResourcePaths paths, std::filesystem::path dataDir, const core::Clock& clock);
    /// Opens the store in `dataDir` and loads centre.json, the calendars, the catalogue (seeded from forms/
    /// when the store has none) and the application forms of forms/application. Null when something is wrong,
    /// with every problem found in `errors`; a broken form file is not such a problem (see
    /// applicationForms().errors()).
    static std::unique_ptr<Counter> open(const ResourcePaths& paths, const std::filesystem::path& dataDir,
                                         std::unique_ptr<core::Clock> clock,
                                         std::vector<core::Error>& errors);
    ~Counter();
    Counter(const Counter&) = delete;
    Counter& operator=(const Counter&) = delete;

    /// The parts, each loaded on its first call; null when it cannot be, with every problem added to
    /// `errors`. After a part's first success its plain accessor below (store(), centre(), …) may be used;
    /// open() loads them all.
    store::LocalStore* needStore(std::vector<core::Error>& errors);
    const core::CentreConfig* needCentre(std::vector<core::Error>& errors);
    const core::WorkingCalendar* needCalendar(std::vector<core::Error>& errors);
    /// The catalogue of the store, seeded from forms/ when the store has none (audited as the acting staff).
    const core::Catalogue* needCatalogue(std::vector<core::Error>& errors);
    /// The rating indicator set: the centre's published one, else the built-in.
    const core::RatingIndicatorSet* needIndicators(std::vector<core::Error>& errors);
    /// The application forms of forms/application (a broken file is left out: see applicationForms()).
    const ApplicationFormLibrary& needApplicationForms();

    /// Who acts from now on; the window must be one of the centre's.
    core::Expected<core::Done> signIn(const std::string& staff, const std::string& window);
    /// Who acts, unchecked: the CLI's --staff and --window before it has loaded the centre.
    void actAs(Actor actor) { m_actor = std::move(actor); }
    bool signedIn() const { return !m_actor.staff.empty(); }
    /// Signs in at the central server when it answers (the token kept for sync, this PC's record of the
    /// sign-in refreshed), else against that record (offline, saying why); a refusal by the server is final.
    /// Then as signIn(staff, window). The password is kept in memory only, for the sync to sign in again when
    /// the token expires.
    core::Expected<StaffSignInResult> signInAt(const ServerAccess& server, const std::string& staff,
                                               const std::string& password, const std::string& window);
    /// Signed in by signInAt without the server (its record on this PC).
    bool signedInOffline() const { return m_signInRoute == SignInRoute::Offline; }

    /// The counter's own store connection (for the services; the front ends call the workflows below).
    store::LocalStore& store() { return *m_store; }
    const core::CentreConfig& centre() const { return *m_centre; }
    const core::WorkingCalendar& calendar() const { return *m_calendar; }
    const core::Catalogue& catalogue() const { return *m_catalogue; }
    const core::RatingIndicatorSet& indicators() const { return *m_indicators; }
    const core::Clock& clock() const { return *m_clock; }
    const Actor& actor() const { return m_actor; }
    const ResourcePaths& paths() const { return m_paths; }
    const std::filesystem::path& dataDir() const { return m_dataDir; }
    /// The signed-in window as centre.json names it.
    const core::CentreWindow* window() const { return m_centre ? m_centre->window(m_actor.window) : nullptr; }

    /// An intake service acting as the signed-in staff, opening cases with their application forms.
    IntakeService intake();
    /// Counts again, on the calendars now loaded, every case date and rectification date that was counted on
    /// a provisional calendar (docs/intake.md, "The year boundary"), each change audited; returns what moved.
    core::Expected<std::vector<MovedDate>> recountProvisionalDates();
    /// What open() counted again at the start, for the window to name the cases that moved.
    const std::vector<MovedDate>& movedAtOpen() const { return m_movedAtOpen; }
    /// Why open() could not count the provisional dates again, if it could not.
    const std::optional<core::Error>& recountProblem() const { return m_recountProblem; }
    /// The application forms of forms/application, read once at the start (as the CLI reads them). A broken
    /// file is left out with its problems (`errors()`): its item's cases are refused until it is mended, the
    /// rest work.
    const ApplicationFormLibrary& applicationForms() const { return m_forms; }
    /// The document service with the centre's seal; an error when the seal image is configured but unusable.
    core::Expected<DocumentService> documents();

    /// Takes a counter decision and issues its papers (core's decision table: each paper in the order it is
    /// handed over) in one transaction: a paper that cannot be made leaves the case as it was.
    core::Expected<CaseOutcome> decide(const std::string& number, const core::Decision& decision);
    /// Whether decide would take `decision` now: the same checks (pledge signature, credit flag, the rules).
    /// Writes nothing.
    core::Expected<core::Done> canDecide(const std::string& number, const core::Decision& decision);
    /// The ID card read at the pickup window is the applicant's, the agent's or the named proxy's (8.3.2).
    core::Expected<core::Done> checkReceiver(const std::string& number, const ReceiverCard& card,
                                             const std::string& proxyIdNumber);
    /// Hands the result over and issues the delivery receipt in one transaction. When `card` is given (the
    /// receiver's card was read) it must be the applicant's, the agent's or the proxy's, or nothing is handed
    /// over.
    core::Expected<CaseOutcome> release(const std::string& number, const core::Release& release,
                                        const std::optional<ReceiverCard>& card);
    /// Whether release would hand the result over now (the rules; the card is checked when it is read).
    /// Writes nothing.
    core::Expected<core::Done> canRelease(const std::string& number, const core::Release& release);

    /// Changes waiting in the outbox for the sync engine.
    std::size_t outboxDepth();
    /// Starts syncing with the central server in the background, as the signed-in staff at their window.
    void startSync(sync::SyncOptions options);
    /// Signed in with a central server (signInAt).
    bool hasServer() const { return !m_server.url.empty(); }
    /// A case another counter PC took in, fetched from the central server and taken in here so that it can be
    /// handed out (IntakeService::adoptServerCase). A network round trip: call it on a worker thread (it uses
    /// its own store connection).
    core::Expected<core::Case> fetchFromServer(const std::string& caseNumber);
    /// The hall's queue for this window on the central server (sync::HallQueue), signed in with the kept
    /// token. Opens its own store connection: make and use it on a worker thread.
    core::Expected<std::unique_ptr<sync::HallQueue>> hallQueue();
    /// After signInAt: starts syncing with that server, with the token its sign-in kept (or, signed in
    /// offline, the password once the server answers again).
    void startServerSync();
    /// The sync engine's state; nothing when the counter works offline (no server configured).
    std::optional<sync::SyncStatus> syncStatus() const;
    DueCounts dueCounts();

    /// Opens the devices of forms/devices.json, an address in `given` replacing the file's. Once, after
    /// sign-in; the drivers then reconnect by themselves. A device that cannot be opened is left out and its
    /// problem returned: the counter works without it.
    std::vector<core::Error> openDevices(const core::DeviceAddresses& given);
    bool hasDevice(CounterDevice device) const;
    /// The state of each device opened, in status-bar order.
    std::vector<std::pair<CounterDevice, devices::DeviceState>> deviceStates() const;
    /// The following block while the applicant acts (seconds to minutes): call them on a worker thread. Each
    /// uses a store connection of its own, so the window's own work goes on meanwhile. Reads the card on the
    /// ID-card reader.
    core::Expected<devices::IdCard> readIdCard();
    /// Asks the applicant to rate the case's `stage` and stores the answer (RatingService). When `cancelled`
    /// is set before the device answers, the answer is refused and nothing is stored.
    core::Expected<store::RatingRecord> rateOnDevice(const std::string& caseNumber, core::RatingStage stage,
                                                     const std::atomic<bool>& cancelled);
    /// Captures the applicant's signature for `kind` of the case on the pad and keeps it (SignatureService),
    /// to be taken by the decision or release; `cancelled` as for rateOnDevice.
    core::Expected<store::SignatureRecord> signOnPad(const std::string& caseNumber, render::DocumentKind kind,
                                                     const std::atomic<bool>& cancelled);
    /// From the window's thread: takes back whatever prompt the rating device and the pad show (the clerk's
    /// Esc).
    void cancelDevicePrompts();
    /// Ratings stored for the case.
    core::Expected<std::vector<store::RatingRecord>> ratings(const std::string& caseNumber);

    /// Scanning materials (session_scan.cpp). The scanner of forms/devices.json or --scanner (a SANE name),
    /// kept by openDevices; empty when none is configured.
    const std::string& scannerName() const { return m_deviceAddresses.scanner; }
    /// Runs ScanService::scan with the configured scanner and a store connection of its own: call it on a
    /// worker thread (it takes as long as the feeder). The listener hears on that thread.
    core::Expected<ScanOutcome> scanPages(const ScanRequest& request, ScanListener& listener,
                                          const ScanCancel& cancel);
    /// The pages of a material of the case, in order (store::PageRepository, as the CLI's `pages`).
    core::Expected<std::vector<store::PageRecord>> pages(const std::string& caseNumber,
                                                         const std::string& materialId = {});
    /// Puts a page at `position` (1-based) of its material; turns it by quarter turns; removes it. Audited as
    /// the signed-in staff, as `pages move|rotate|delete`.
    core::Expected<store::PageRecord> movePage(const std::string& caseNumber, std::int64_t pageId,
                                               int position);
    core::Expected<store::PageRecord> rotatePage(const std::string& caseNumber, std::int64_t pageId,
                                                 int quarterTurns);
    core::Expected<core::Done> deletePage(const std::string& caseNumber, std::int64_t pageId);
    /// The JPEG bytes of a page's thumbnail from the blob store.
    core::Expected<std::string> pageThumbnail(const store::PageRecord& page);

    /// Prints each file on the PC's default printer, one copy, waiting for each job (PrintService: a
    /// registered paper's print is counted and audited), calling `printed(n)` after the n-th. On a worker
    /// thread (its own store connection). The outcome of the last file, or the first error.
    core::Expected<PrintOutcome> printFiles(const std::vector<std::filesystem::path>& files,
                                            const std::function<void(std::size_t)>& printed);

    /// Demo data only: reserves document-number blocks 1–5000 of this year for the signed-in window where it
    /// has none.
    core::Expected<core::Done> reserveDemoNumberBlocks();

    // --- The workflows of the CLI's own commands (audit, credit, numbers, sync, outbox, login):
    // counter_cli_*.cpp --- The store is loaded by each of them when it is not yet (needStore); an error when
    // it cannot be.
    /// Walks the whole audit trail: every hash, every link, no gap, nothing cut off (store::verifyAudit).
    core::Expected<AuditVerification> verifyAudit();
    /// The newest `count` audit entries, newest first.
    core::Expected<std::vector<AuditEntry>> recentAudit(int count);
    /// Puts an applicant (a normalised ID number or credit code) on the local credit list, audited (masked)
    /// as the signed-in staff, in one transaction: no conditional acceptance for them from now on.
    core::Expected<core::Done> flagCredit(const std::string& applicantKey, const std::string& reason);
    /// Reserves document numbers `first`–`last` of `kind` and `year` for the signed-in window, audited
    /// ("numbers.reserve").
    core::Expected<DocumentBlock> reserveNumberBlock(const std::string& kind, int year, std::int64_t first,
                                                     std::int64_t last);
    /// Asks the central server for a block of `count` numbers of `kind` and `year` for this window (one
    /// request id kept across retries, so a lost answer wastes none) and records it, audited once
    /// ("numbers.pull"); a refused kept session is forgotten.
    core::Expected<DocumentBlock> pullNumberBlock(const SyncOptions& server, const std::string& kind,
                                                  int year, std::int64_t count);
    /// The document-number blocks the signed-in window holds.
    core::Expected<std::vector<DocumentBlock>> numberBlocks();

    /// The sync options for a command that talks to `server` at the signed-in window: the session `login`
    /// kept for it (not when the password comes from a file), else the password; "sync.no_password" when
    /// there is none.
    core::Expected<SyncOptions> serverSession(const ServerAccess& server, const PasswordSource& password);
    /// After a failure with `errorCode`: a kept token the server refused is forgotten, so the next command
    /// asks for a password.
    void forgetRefusedSession(const SyncOptions& server, const std::string& errorCode);
    /// Signs in at `server` as `staff` at the signed-in window (StaffSignIn: online, else this PC's record)
    /// and keeps the session for later commands; unlike signInAt it neither checks the centre's windows nor
    /// changes who acts.
    core::Expected<StaffSignInResult> logIn(const ServerAccess& server, const std::string& staff,
                                            const std::string& password);
    /// One sync pass with the server on the counter's store connection (a SyncSession): the outbox sent, the
    /// server's decisions applied to the cases here, the centre's reference data installed; a refused kept
    /// session is forgotten.
    core::Expected<SyncPass> syncOnce(const SyncOptions& server);
    /// Syncs on a thread of its own (a SyncSession on the counter's store connection) while `keepGoing()`
    /// says so, calling `watch` on this thread every 100 ms with the engine's state and the server decisions
    /// applied so far. Stops by itself when the server refuses the sign-in (the kept session then forgotten).
    core::Expected<SyncRunEnd>
    syncRun(const SyncOptions& server, const std::function<bool()>& keepGoing,
            const std::function<void(const SyncStatus&, std::int64_t applied)>& watch);
    /// What the outbox holds: waiting, set aside, sent, conflicts, discarded.
    core::Expected<OutboxCounts> outboxCounts();
    /// When the last sync succeeded and what failed last (empty when nothing).
    core::Expected<SyncNotes> syncNotes();
    /// The entries waiting to be sent, oldest first (set-aside and discarded ones are not waiting).
    core::Expected<std::vector<OutboxEntry>> waitingOutbox();
    /// The outbox entries the server refused for good, set aside for a supervisor, oldest first.
    core::Expected<std::vector<PoisonedEntry>> setAsideEntries();
    /// Puts the set-aside entry `seqOrUuid` back in the queue (audited); it goes out with the next sync.
    core::Expected<OutboxEntry> retrySetAside(const std::string& seqOrUuid);
    /// Gives up on the set-aside entry `seqOrUuid` (audited): never sent; the later entries of its case may
    /// go.
    core::Expected<OutboxEntry> discardSetAside(const std::string& seqOrUuid);
    /// fetchFromServer with the given server options (a command's --server): fetched on a store connection of
    /// its own and taken in here; a refused kept session is forgotten.
    core::Expected<core::Case> fetchFromServer(const std::string& caseNumber, const SyncOptions& server);
    /// The hall's queue for this window on the given server (a command's --server).
    std::unique_ptr<HallQueue> hallQueue(const SyncOptions& server);
    /// A rating service acting as the signed-in staff with the centre's indicator set (store, centre,
    /// calendar and indicators loaded; the first problem when one cannot be).
    core::Expected<RatingService> ratingService();
    /// A signature service acting as the signed-in staff on the counter's store (loaded; its problem when it
    /// cannot be).
    core::Expected<SignatureService> signatures();
    /// Imports the catalogue file or folder `path` into the store (all or nothing), audited as the signed-in
    /// staff.
    CatalogueImportResult importCatalogue(const std::filesystem::path& path);
    /// Withdraws the item `code` from the store's catalogue, audited as the signed-in staff.
    core::Expected<core::Done> removeCatalogueItem(const std::string& code);
    /// The scanned pages of the case (of one material, or all) as one PDF.
    core::Expected<std::string> scannedPagesPdf(const std::string& caseNumber, const std::string& materialId);
    /// Prints `pdf` on `queue` (empty: the default printer) `copies` times and waits for the job
    /// (PrintService), the print registered when the file is an issued document.
    core::Expected<PrintOutcome> printFile(const std::filesystem::path& pdf, const std::string& queue,
                                           int copies);
    /// The schema version of the store this program writes.
    static int storeSchemaVersion();
    /// Runs `command`; a failure of the store under it (an exception from SQLite) becomes its error, given to
    /// `failed`.
    static int guarded(const std::function<int()>& command,
                       const std::function<int(const core::Error&)>& failed);

private:
    /// The sync options of signInAt's server: its kept token (read through `db`), the password for when that
    /// expires.
    sync::SyncOptions serverOptions(store::Database& db) const;

    ResourcePaths m_paths;
    std::filesystem::path m_dataDir;
    std::unique_ptr<core::Clock> m_ownClock;
    const core::Clock* m_clock = nullptr;
    std::unique_ptr<store::LocalStore> m_store;
    bool m_storeFailed = false;
    std::optional<core::CentreConfig> m_centre;
    std::optional<core::WorkingCalendar> m_calendar;
    std::optional<core::RatingIndicatorSet> m_indicators;
    std::optional<core::Catalogue> m_catalogue;
    ApplicationFormLibrary m_forms; ///< every IntakeService made here points here
    bool m_formsLoaded = false;
    std::vector<MovedDate> m_movedAtOpen;
    std::optional<core::Error> m_recountProblem;
    Actor m_actor;
    std::optional<SignInRoute> m_signInRoute; ///< set by signInAt
    ServerAccess m_server;
    std::string m_serverPassword;
    core::DeviceAddresses m_deviceAddresses; ///< as opened: the device names kept with ratings and signatures
    bool m_devicesOpened = false;
    std::unique_ptr<devices::IdCardReader> m_idCardReader;
    std::unique_ptr<devices::RatingDevice> m_ratingDevice;
    std::unique_ptr<devices::SignaturePad> m_signaturePad;
    std::unique_ptr<SyncRunner> m_sync; ///< last: stopped before the rest goes
};

} // namespace ywtb::services
