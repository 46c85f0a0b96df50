#include "app/session.h"

#include "services/calendar_service.h"
#include "services/reference_data.h"
#include "services/counter_devices.h"
#include "services/catalogue_service.h"
#include "services/text_file.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/local_store.h"
#include "store/sync_state.h"

namespace ywtb::app {

std::unique_ptr<CounterSession> CounterSession::open(const services::ResourcePaths& paths, const std::filesystem::path& dataDir,
                                                     std::unique_ptr<services::Clock> clock, std::vector<core::Error>& errors) {
    std::unique_ptr<CounterSession> session(new CounterSession);
    session->m_paths = paths;
    session->m_dataDir = dataDir;
    session->m_clock = std::move(clock);

    const auto centrePath = paths.formsDir / "centre.json";
    if (auto text = services::readTextFile(centrePath); !text) {
        errors.push_back(text.error());
    } else {
        auto parsed = core::parseCentreConfig(*text, centrePath.string());
        errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
        session->m_centre = std::move(parsed.config);
    }
    auto calendars = services::loadCalendars(services::calendarFolder(dataDir, paths.formsDir));
    errors.insert(errors.end(), calendars.errors.begin(), calendars.errors.end());
    session->m_calendar = std::move(calendars.calendar);
    if (auto indicators = services::loadIndicatorSet(dataDir))
        session->m_indicators = std::move(indicators).value();
    else
        errors.push_back(indicators.error());

    auto opened = store::LocalStore::open(dataDir);
    if (!opened) {
        errors.push_back(opened.error());
        return nullptr;
    }
    session->m_store = std::move(opened).value();
    // The seeding import is audited; before sign-in the program itself is the actor, as in the CLI's first run.
    auto catalogue = services::loadCatalogueOrSeed(*session->m_store, paths.formsDir, {"ywtb-counter", "-"}, *session->m_clock);
    if (!catalogue)
        errors.push_back(catalogue.error());
    else
        session->m_catalogue = std::move(catalogue).value();
    // The same folder as the CLI's (forms/application). A broken file keeps only its own item from taking cases
    // (IntakeService refuses them, naming the problem), as in the CLI; the window says so at the start.
    session->m_forms = services::loadApplicationForms(paths.formsDir / "application");
    if (!errors.empty())
        return nullptr;
    return session;
}

CounterSession::~CounterSession() = default;

core::Expected<core::Done> CounterSession::signIn(const std::string& staff, const std::string& window) {
    if (staff.empty())
        return core::Error{"signin.staff", core::Message(N_("enter your staff number")), "staff", {}};
    if (!m_centre.window(window))
        return core::Error{"signin.window", core::Message(N_("the centre has no window \"{window}\""), {{"window", window}}), "centre.json",
                           core::Message(N_("choose one of the windows in forms/centre.json"))};
    m_actor = {staff, window};
    return core::Done{};
}

core::Expected<services::StaffSignInResult> CounterSession::signInAt(const ServerAccess& server, const std::string& staff,
                                                                     const std::string& password, const std::string& window) {
    if (staff.empty() || !m_centre.window(window))
        return signIn(staff, window).error(); // the same message as without a server
    sync::HttpOptions http;
    http.caFile = server.caFile;
    http.connectTimeoutMs = 3000; // the clerk waits: a server that does not answer soon is treated as away
    http.totalTimeoutMs = 8000;
    services::StaffSignIn signInService(m_store->db(), server.url, http);
    auto result = signInService.signIn(staff, password, window);
    if (!result)
        return result.error();
    m_actor = {staff, window};
    m_signInRoute = result->route;
    m_server = server;
    m_serverPassword = password;
    return result;
}

sync::SyncOptions CounterSession::serverOptions(store::Database& db) const {
    sync::SyncOptions options;
    options.serverUrl = sync::serverBase(m_server.url);
    options.staff = m_actor.staff;
    options.window = m_actor.window;
    options.http.caFile = m_server.caFile;
    options.http.totalTimeoutMs = 15000; // closing the window waits at most this for a request under way
    options.password = m_serverPassword;
    // The token is the one the server gave this staff member at this window (not a colleague's before them).
    if (auto kept = store::keptSession(db, options.serverUrl, m_actor.window, sync::utcNow()); kept && kept->staff == m_actor.staff)
        options.token = kept->token;
    return options;
}

void CounterSession::startServerSync() { startSync(serverOptions(m_store->db())); }

core::Expected<std::unique_ptr<sync::HallQueue>> CounterSession::hallQueue() {
    if (!hasServer())
        return core::Error{"sync.no_server", core::Message(N_("this counter works without a central server")), "queue",
                           core::Message(N_("start it with --server URL to call tickets from the hall's queue"))};
    auto opened = store::LocalStore::open(m_dataDir);
    if (!opened)
        return opened.error();
    auto options = serverOptions((**opened).db());
    options.http.totalTimeoutMs = 8000; // the clerk waits for it
    return std::make_unique<sync::HallQueue>(std::move(options));
}

core::Expected<core::Case> CounterSession::fetchFromServer(const std::string& caseNumber) {
    if (!hasServer())
        return core::Error{"sync.no_server", core::Message(N_("this counter works without a central server")), caseNumber,
                           core::Message(N_("start it with --server URL to find cases taken in at other counters"))};
    auto opened = store::LocalStore::open(m_dataDir);
    if (!opened)
        return opened.error();
    auto& own = **opened;
    auto options = serverOptions(own.db());
    options.onceAttempts = 2;
    options.http.totalTimeoutMs = 8000; // the clerk and the applicant wait for it
    sync::SyncEngine engine(own.db(), options);
    auto fetched = engine.fetchCase(caseNumber);
    if (!fetched)
        return fetched.error();
    services::IntakeService intake(own, m_centre, m_calendar, *m_clock, m_actor);
    intake.useApplicationForms(&m_forms);
    return intake.adoptServerCase(caseNumber, fetched->caseJson, fetched->status);
}

void CounterSession::startSync(sync::SyncOptions options) {
    m_sync.reset();
    options.staff = m_actor.staff;
    options.window = m_actor.window;
    services::SyncSetup setup;
    setup.dataDir = m_dataDir;
    setup.centre = &m_centre;
    setup.calendar = &m_calendar;
    setup.clock = m_clock.get();
    setup.actor = m_actor;
    setup.options = std::move(options);
    m_sync = std::make_unique<services::SyncRunner>(std::move(setup));
}

std::optional<sync::SyncStatus> CounterSession::syncStatus() const {
    if (!m_sync)
        return std::nullopt;
    return m_sync->status();
}

services::IntakeService CounterSession::intake() {
    services::IntakeService intake(*m_store, m_centre, m_calendar, *m_clock, m_actor);
    intake.useApplicationForms(&m_forms);
    return intake;
}

core::Expected<services::DocumentService> CounterSession::documents() {
    auto seal = services::loadSealImage(m_paths.formsDir, m_centre);
    if (!seal)
        return seal.error();
    return services::DocumentService(*m_store, m_centre, services::templateFolder(m_dataDir, m_paths.templatesDir), {render::FontSet{}, std::move(seal).value()}, *m_clock,
                                     m_actor);
}

std::size_t CounterSession::outboxDepth() { return static_cast<std::size_t>(store::outboxCounts(m_store->db()).pending); }

DueCounts CounterSession::dueCounts() {
    DueCounts counts;
    if (auto found = intake().deadlineCounts(2)) {
        counts.dueSoon = found->dueSoon;
        counts.overdue = found->overdue;
    }
    return counts;
}

core::Expected<core::Done> CounterSession::reserveDemoNumberBlocks() {
    const int year = m_clock->today().year();
    const auto existing = store::documentBlocks(m_store->db(), m_actor.window);
    store::Transaction tx(m_store->db());
    for (const auto& kind : core::numberedDocumentKinds()) {
        bool has = false;
        for (const auto& block : existing)
            has = has || (block.kind == kind && block.year == year);
        if (has)
            continue;
        // Blocks of one kind and year may not overlap across windows: each window of the centre gets its own range.
        std::int64_t index = 0;
        for (std::size_t i = 0; i < m_centre.windows.size(); ++i)
            if (m_centre.windows[i].id == m_actor.window)
                index = static_cast<std::int64_t>(i);
        const std::int64_t first = index * 5000 + 1;
        auto reserved = store::reserveDocumentBlock(tx, {kind, year, m_actor.window, first, first + 4999, first});
        if (!reserved)
            return reserved.error();
        store::appendAudit(tx, {.at = m_clock->nowUtc(), .staff = m_actor.staff, .window = m_actor.window, .action = "numbers.reserve",
                                .subject = kind + " " + std::to_string(year),
                                .detail = std::to_string(first) + "-" + std::to_string(first + 4999) + " (demo)"});
    }
    tx.commit();
    return core::Done{};
}

} // namespace ywtb::app
