#pragma once
// What the counter GUI works with once started: the store, the centre, its calendar and catalogue, the clock
// and who is signed in, and the applicant-facing devices of this PC. Built the way the CLI's Context builds them
// (client/cli/context.cpp); no wx here.

#include "core/catalogue.h"
#include "core/centre_config.h"
#include "core/device_config.h"
#include "core/error.h"
#include "core/rating.h"
#include "core/working_calendar.h"
#include "devices/device_status.h"
#include "devices/idcard/id_card.h"
#include "render/document_template.h"
#include "services/application_forms.h"
#include "services/clock.h"
#include "services/document_service.h"
#include "services/intake_service.h"
#include "services/resource_paths.h"
#include "services/scan_service.h"
#include "services/staff_sign_in.h"
#include "services/sync_runner.h"
#include "sync/hall_queue.h"
#include "store/rating_register.h"
#include "store/signature_register.h"

#include <atomic>
#include <chrono>
#include <filesystem>
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

namespace ywtb::app {

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

class CounterSession {
public:
    /// Opens the store in `dataDir` and loads centre.json, the calendars, the catalogue (seeded from forms/
    /// when the store has none) and the application forms of forms/application. Null when something is wrong, with
    /// every problem found in `errors`; a broken form file is not such a problem (see applicationForms().errors()).
    static std::unique_ptr<CounterSession> open(const services::ResourcePaths& paths, const std::filesystem::path& dataDir,
                                                std::unique_ptr<services::Clock> clock, std::vector<core::Error>& errors);
    ~CounterSession();

    /// Who acts from now on; the window must be one of the centre's.
    core::Expected<core::Done> signIn(const std::string& staff, const std::string& window);
    bool signedIn() const { return !m_actor.staff.empty(); }
    /// Signs in at the central server when it answers (the token kept for sync, this PC's record of the sign-in
    /// refreshed), else against that record (offline, saying why); a refusal by the server is final. Then as
    /// signIn(staff, window). The password is kept in memory only, for the sync to sign in again when the token expires.
    core::Expected<services::StaffSignInResult> signInAt(const ServerAccess& server, const std::string& staff,
                                                         const std::string& password, const std::string& window);
    /// Signed in by signInAt without the server (its record on this PC).
    bool signedInOffline() const { return m_signInRoute == services::SignInRoute::Offline; }

    store::LocalStore& store() { return *m_store; }
    const core::CentreConfig& centre() const { return m_centre; }
    const core::WorkingCalendar& calendar() const { return m_calendar; }
    const core::Catalogue& catalogue() const { return m_catalogue; }
    const services::Clock& clock() const { return *m_clock; }
    const services::Actor& actor() const { return m_actor; }
    const services::ResourcePaths& paths() const { return m_paths; }
    const std::filesystem::path& dataDir() const { return m_dataDir; }
    /// The signed-in window as centre.json names it.
    const core::CentreWindow* window() const { return m_centre.window(m_actor.window); }

    /// An intake service acting as the signed-in staff, opening cases with their application forms.
    services::IntakeService intake();
    /// The application forms of forms/application, read once at the start (as the CLI reads them). A broken file is
    /// left out with its problems (`errors()`): its item's cases are refused until it is mended, the rest work.
    const services::ApplicationFormLibrary& applicationForms() const { return m_forms; }
    /// The document service with the centre's seal; an error when the seal image is configured but unusable.
    core::Expected<services::DocumentService> documents();

    /// Changes waiting in the outbox for the sync engine.
    std::size_t outboxDepth();
    /// Starts syncing with the central server in the background, as the signed-in staff at their window.
    void startSync(sync::SyncOptions options);
    /// Signed in with a central server (signInAt).
    bool hasServer() const { return !m_server.url.empty(); }
    /// A case another counter PC took in, fetched from the central server and taken in here so that it can be
    /// handed out (IntakeService::adoptServerCase). A network round trip: call it on a worker thread (it uses its
    /// own store connection).
    core::Expected<core::Case> fetchFromServer(const std::string& caseNumber);
    /// The hall's queue for this window on the central server (sync::HallQueue), signed in with the kept token.
    /// Opens its own store connection: make and use it on a worker thread.
    core::Expected<std::unique_ptr<sync::HallQueue>> hallQueue();
    /// After signInAt: starts syncing with that server, with the token its sign-in kept (or, signed in offline,
    /// the password once the server answers again).
    void startServerSync();
    /// The sync engine's state; nothing when the counter works offline (no server configured).
    std::optional<sync::SyncStatus> syncStatus() const;
    DueCounts dueCounts();

    /// Opens the devices of forms/devices.json, an address in `given` replacing the file's. Once, after sign-in; the
    /// drivers then reconnect by themselves. A device that cannot be opened is left out and its problem returned:
    /// the counter works without it.
    std::vector<core::Error> openDevices(const core::DeviceAddresses& given);
    bool hasDevice(CounterDevice device) const;
    /// The state of each device opened, in status-bar order.
    std::vector<std::pair<CounterDevice, devices::DeviceState>> deviceStates() const;
    /// The following block while the applicant acts (seconds to minutes): call them on a worker thread. Each uses
    /// a store connection of its own, so the window's own work goes on meanwhile.
    /// Reads the card on the ID-card reader.
    core::Expected<devices::IdCard> readIdCard();
    /// Asks the applicant to rate the case's `stage` and stores the answer (RatingService). When `cancelled` is set
    /// before the device answers, the answer is refused and nothing is stored.
    core::Expected<store::RatingRecord> rateOnDevice(const std::string& caseNumber, core::RatingStage stage,
                                                     const std::atomic<bool>& cancelled);
    /// Captures the applicant's signature for `kind` of the case on the pad and keeps it (SignatureService), to be
    /// taken by the decision or release; `cancelled` as for rateOnDevice.
    core::Expected<store::SignatureRecord> signOnPad(const std::string& caseNumber, render::DocumentKind kind,
                                                     const std::atomic<bool>& cancelled);
    /// From the window's thread: takes back whatever prompt the rating device and the pad show (the clerk's Esc).
    void cancelDevicePrompts();
    /// Ratings stored for the case.
    core::Expected<std::vector<store::RatingRecord>> ratings(const std::string& caseNumber);

    /// Scanning materials (session_scan.cpp). The scanner of forms/devices.json or --scanner (a SANE name), kept by
    /// openDevices; empty when none is configured.
    const std::string& scannerName() const { return m_deviceAddresses.scanner; }
    /// Runs ScanService::scan with the configured scanner and a store connection of its own: call it on a worker
    /// thread (it takes as long as the feeder). The listener hears on that thread.
    core::Expected<services::ScanOutcome> scanPages(const services::ScanRequest& request, services::ScanListener& listener,
                                                    const services::ScanCancel& cancel);
    /// The pages of a material of the case, in order (store::PageRepository, as the CLI's `pages`).
    core::Expected<std::vector<store::PageRecord>> pages(const std::string& caseNumber, const std::string& materialId = {});
    /// Puts a page at `position` (1-based) of its material; turns it by quarter turns; removes it. Audited as the
    /// signed-in staff, as `pages move|rotate|delete`.
    core::Expected<store::PageRecord> movePage(const std::string& caseNumber, std::int64_t pageId, int position);
    core::Expected<store::PageRecord> rotatePage(const std::string& caseNumber, std::int64_t pageId, int quarterTurns);
    core::Expected<core::Done> deletePage(const std::string& caseNumber, std::int64_t pageId);
    /// The JPEG bytes of a page's thumbnail from the blob store.
    core::Expected<std::string> pageThumbnail(const store::PageRecord& page);

    /// Demo data only: reserves document-number blocks 1–5000 of this year for the signed-in window where it has none.
    core::Expected<core::Done> reserveDemoNumberBlocks();

private:
    CounterSession() = default;
    /// The sync options of signInAt's server: its kept token (read through `db`), the password for when that expires.
    sync::SyncOptions serverOptions(store::Database& db) const;

    services::ResourcePaths m_paths;
    std::filesystem::path m_dataDir;
    std::unique_ptr<services::Clock> m_clock;
    std::unique_ptr<store::LocalStore> m_store;
    core::CentreConfig m_centre;
    core::WorkingCalendar m_calendar;
    core::RatingIndicatorSet m_indicators;
    core::Catalogue m_catalogue;
    services::ApplicationFormLibrary m_forms; ///< every IntakeService the GUI makes points here
    services::Actor m_actor;
    std::optional<services::SignInRoute> m_signInRoute; ///< set by signInAt
    ServerAccess m_server;
    std::string m_serverPassword;
    core::DeviceAddresses m_deviceAddresses; ///< as opened: the device names kept with ratings and signatures
    bool m_devicesOpened = false;
    std::unique_ptr<devices::IdCardReader> m_idCardReader;
    std::unique_ptr<devices::RatingDevice> m_ratingDevice;
    std::unique_ptr<devices::SignaturePad> m_signaturePad;
    std::unique_ptr<services::SyncRunner> m_sync; ///< last: stopped before the rest goes
};

} // namespace ywtb::app
