#include "services/counter.h"

#include "core/clock.h"
#include "devices/printer/printer.h"
#include "services/calendar_service.h"
#include "services/catalogue_service.h"
#include "services/counter_cli.h"
#include "services/counter_devices.h"
#include "services/rating_service.h"
#include "services/reference_data.h"
#include "services/text_file.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/local_store.h"
#include "store/sync_state.h"

namespace ywtb::services {

Counter::Counter(ResourcePaths paths, std::filesystem::path dataDir, std::unique_ptr<core::Clock> clock)
    : m_paths(std::move(paths)), m_dataDir(std::move(dataDir)), m_ownClock(std::move(clock)),
      m_clock(m_ownClock.get()) {}

Counter::Counter(ResourcePaths paths, std::filesystem::path dataDir, const core::Clock& clock)
    : m_paths(std::move(paths)), m_dataDir(std::move(dataDir)), m_clock(&clock) {}

std::unique_ptr<Counter> Counter::open(const ResourcePaths& paths, const std::filesystem::path& dataDir,
                                       std::unique_ptr<core::Clock> clock, std::vector<core::Error>& errors) {
    auto counter = std::make_unique<Counter>(paths, dataDir, std::move(clock));
    counter->needCentre(errors);
    counter->needCalendar(errors);
    counter->needIndicators(errors);
    if (!counter->needStore(errors))
        return nullptr;
    // The seeding import is audited; before sign-in the program itself is the actor, as in the CLI's first
    // run.
    counter->m_actor = {"ywtb-counter", "-"};
    counter->needCatalogue(errors);
    // Dates counted on a provisional calendar are counted again as soon as a notice for their year is in the
    // data (docs/intake.md, "The year boundary"); the window names the cases that moved.
    if (errors.empty()) {
        auto moved = counter->recountProvisionalDates();
        if (moved)
            counter->m_movedAtOpen = std::move(moved).value();
        else
            counter->m_recountProblem = moved.error();
    }
    counter->m_actor = {};
    // The same folder as the CLI's (forms/application). A broken file keeps only its own item from taking
    // cases (IntakeService refuses them, naming the problem), as in the CLI; the window says so at the start.
    counter->needApplicationForms();
    if (!errors.empty())
        return nullptr;
    return counter;
}

Counter::~Counter() = default;

store::LocalStore* Counter::needStore(std::vector<core::Error>& errors) {
    if (m_store || m_storeFailed)
        return m_store.get();
    auto opened = store::LocalStore::open(m_dataDir);
    if (!opened) {
        m_storeFailed = true;
        errors.push_back(opened.error());
        return nullptr;
    }
    m_store = std::move(opened).value();
    return m_store.get();
}

const core::CentreConfig* Counter::needCentre(std::vector<core::Error>& errors) {
    if (m_centre)
        return &*m_centre;
    const auto path = m_paths.formsDir / "centre.json";
    auto text = readTextFile(path);
    if (!text) {
        errors.push_back(text.error());
        return nullptr;
    }
    auto parsed = core::parseCentreConfig(*text, path.string());
    if (!parsed.ok()) {
        errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
        return nullptr;
    }
    m_centre = std::move(parsed.config);
    return &*m_centre;
}

const core::WorkingCalendar* Counter::needCalendar(std::vector<core::Error>& errors) {
    if (m_calendar)
        return &*m_calendar;
    // Every notice in the data, and provisional years where a notice is missing (docs/intake.md, "The year
    // boundary"): an acceptance or a rating is never refused for a calendar not yet published.
    auto loaded = loadWorkingCalendar(calendarFolder(m_dataDir, m_paths.formsDir), m_clock->today());
    if (!loaded.ok()) {
        errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
        return nullptr;
    }
    m_calendar = std::move(loaded.calendar);
    return &*m_calendar;
}

const core::Catalogue* Counter::needCatalogue(std::vector<core::Error>& errors) {
    if (m_catalogue)
        return &*m_catalogue;
    auto* opened = needStore(errors);
    if (!opened)
        return nullptr;
    auto loaded = loadCatalogueOrSeed(*opened, m_paths.formsDir, m_actor, *m_clock);
    if (!loaded) {
        errors.push_back(loaded.error());
        return nullptr;
    }
    m_catalogue = std::move(loaded).value();
    return &*m_catalogue;
}

const core::RatingIndicatorSet* Counter::needIndicators(std::vector<core::Error>& errors) {
    if (m_indicators)
        return &*m_indicators;
    auto loaded = loadIndicatorSet(m_dataDir);
    if (!loaded) {
        errors.push_back(loaded.error());
        return nullptr;
    }
    m_indicators = std::move(loaded).value();
    return &*m_indicators;
}

const ApplicationFormLibrary& Counter::needApplicationForms() {
    if (!m_formsLoaded) {
        m_forms = loadApplicationForms(m_paths.formsDir / "application");
        m_formsLoaded = true;
    }
    return m_forms;
}

core::Expected<core::Done> Counter::signIn(const std::string& staff, const std::string& window) {
    if (staff.empty())
        return core::Error{"signin.staff", core::Message(N_("enter your staff number")), "staff", {}};
    if (!m_centre->window(window))
        return core::Error{
            "signin.window", core::Message(N_("the centre has no window \"{window}\""), {{"window", window}}),
            "centre.json", core::Message(N_("choose one of the windows in forms/centre.json"))};
    m_actor = {staff, window};
    return core::Done{};
}

core::Expected<StaffSignInResult> Counter::signInAt(const ServerAccess& server, const std::string& staff,
                                                    const std::string& password, const std::string& window) {
    if (staff.empty() || !m_centre->window(window))
        return signIn(staff, window).error(); // the same message as without a server
    sync::HttpOptions http;
    http.caFile = server.caFile;
    http.connectTimeoutMs = 3000; // the clerk waits: a server that does not answer soon is treated as away
    http.totalTimeoutMs = 8000;
    StaffSignIn signInService(m_store->db(), server.url, http);
    auto result = signInService.signIn(staff, password, window);
    if (!result)
        return result.error();
    m_actor = {staff, window};
    m_signInRoute = result->route;
    m_server = server;
    m_serverPassword = password;
    return result;
}

sync::SyncOptions Counter::serverOptions(store::Database& db) const {
    sync::SyncOptions options;
    options.serverUrl = sync::serverBase(m_server.url);
    options.staff = m_actor.staff;
    options.window = m_actor.window;
    options.http.caFile = m_server.caFile;
    options.http.totalTimeoutMs = 15000; // closing the window waits at most this for a request under way
    options.password = m_serverPassword;
    // The token is the one the server gave this staff member at this window (not a colleague's before them).
    if (auto kept = store::keptSession(db, options.serverUrl, m_actor.window, core::utcNow());
        kept && kept->staff == m_actor.staff)
        options.token = kept->token;
    return options;
}

void Counter::startServerSync() {
    startSync(serverOptions(m_store->db()));
}

core::Expected<std::unique_ptr<sync::HallQueue>> Counter::hallQueue() {
    if (!hasServer())
        return core::Error{
            "sync.no_server", core::Message(N_("this counter works without a central server")), "queue",
            core::Message(N_("start it with --server URL to call tickets from the hall's queue"))};
    auto opened = store::LocalStore::open(m_dataDir);
    if (!opened)
        return opened.error();
    auto options = serverOptions((**opened).db());
    options.http.totalTimeoutMs = 8000; // the clerk waits for it
    return hallQueue(options);
}

core::Expected<core::Case> Counter::fetchFromServer(const std::string& caseNumber) {
    if (!hasServer())
        return core::Error{
            "sync.no_server", core::Message(N_("this counter works without a central server")), caseNumber,
            core::Message(N_("start it with --server URL to find cases taken in at other counters"))};
    sync::SyncOptions options;
    {
        auto opened = store::LocalStore::open(m_dataDir);
        if (!opened)
            return opened.error();
        options = serverOptions((**opened).db());
    }
    options.onceAttempts = 2;
    options.http.totalTimeoutMs = 8000; // the clerk and the applicant wait for it
    return fetchFromServer(caseNumber, options);
}

void Counter::startSync(sync::SyncOptions options) {
    m_sync.reset();
    options.staff = m_actor.staff;
    options.window = m_actor.window;
    SyncSetup setup;
    setup.dataDir = m_dataDir;
    setup.centre = &*m_centre;
    setup.calendar = &*m_calendar;
    setup.clock = m_clock;
    setup.actor = m_actor;
    setup.options = std::move(options);
    m_sync = std::make_unique<SyncRunner>(std::move(setup));
}

std::optional<sync::SyncStatus> Counter::syncStatus() const {
    if (!m_sync)
        return std::nullopt;
    return m_sync->status();
}

core::Expected<std::vector<MovedDate>> Counter::recountProvisionalDates() {
    std::vector<core::Error> errors;
    if (!needStore(errors) || !needCentre(errors) || !needCalendar(errors))
        return errors.front();
    auto cases = intake().recountProvisionalDates();
    if (!cases)
        return cases.error();
    auto moved = std::move(cases).value();
    RatingService ratings(*m_store, *m_centre, *m_calendar, *m_clock, m_actor);
    auto rectifications = ratings.recountProvisionalDates();
    if (!rectifications)
        return rectifications.error();
    moved.insert(moved.end(), rectifications->begin(), rectifications->end());
    return moved;
}

IntakeService Counter::intake() {
    IntakeService intake(*m_store, *m_centre, *m_calendar, *m_clock, m_actor);
    intake.useApplicationForms(&needApplicationForms());
    return intake;
}

core::Expected<DocumentService> Counter::documents() {
    auto seal = loadSealImage(m_paths.formsDir, *m_centre);
    if (!seal)
        return seal.error();
    return DocumentService(*m_store, *m_centre, templateFolder(m_dataDir, m_paths.templatesDir),
                           {render::FontSet{}, std::move(seal).value()}, *m_clock, m_actor);
}

std::size_t Counter::outboxDepth() {
    return static_cast<std::size_t>(store::outboxCounts(m_store->db()).pending);
}

DueCounts Counter::dueCounts() {
    DueCounts counts;
    if (auto found = intake().deadlineCounts(2)) {
        counts.dueSoon = found->dueSoon;
        counts.overdue = found->overdue;
    }
    return counts;
}

core::Expected<core::Done> Counter::reserveDemoNumberBlocks() {
    const int year = m_clock->today().year();
    const auto existing = store::documentBlocks(m_store->db(), m_actor.window);
    store::Transaction tx(m_store->db());
    for (const auto& kind : core::numberedDocumentKinds()) {
        bool has = false;
        for (const auto& block : existing)
            has = has || (block.kind == kind && block.year == year);
        if (has)
            continue;
        // Blocks of one kind and year may not overlap across windows: each window of the centre gets its own
        // range.
        std::int64_t index = 0;
        for (std::size_t i = 0; i < m_centre->windows.size(); ++i)
            if (m_centre->windows[i].id == m_actor.window)
                index = static_cast<std::int64_t>(i);
        const std::int64_t first = index * 5000 + 1;
        auto reserved = recordNumberBlock(
            tx, {kind, year, m_actor.window, first, first + 4999, first},
            {.at = m_clock->nowUtc(),
             .staff = m_actor.staff,
             .window = m_actor.window,
             .action = "numbers.reserve",
             .subject = kind + " " + std::to_string(year),
             .detail = std::to_string(first) + "-" + std::to_string(first + 4999) + " (demo)"});
        if (!reserved)
            return reserved.error();
    }
    tx.commit();
    return core::Done{};
}

namespace {

/// The step that issues `kinds` of papers for the case inside the change's own transaction, collecting them
/// in `papers`: the papers of a decision or of a release commit with it, or not at all.
IntakeService::Within issuing(DocumentService& documents, const std::vector<core::DecisionPaper>& kinds,
                              std::vector<IssuedPaper>& papers) {
    return [&documents, &kinds, &papers](store::Transaction& tx,
                                         const core::Case& c) -> core::Expected<core::Done> {
        for (const auto& paper : kinds) {
            auto issued = documents.issueWithin(tx, c, paper.kind);
            if (!issued)
                return issued.error();
            papers.push_back(std::move(issued).value());
        }
        return core::Done{};
    };
}

} // namespace

core::Expected<CaseOutcome> Counter::decide(const std::string& number, const core::Decision& decision) {
    auto documents = this->documents();
    if (!documents)
        return documents.error();
    std::vector<IssuedPaper> papers;
    auto decided = intake().decide(
        number, decision, issuing(documents.value(), core::decisionRow(decision.kind).papers, papers));
    if (!decided)
        return decided.error();
    return CaseOutcome{std::move(decided).value(), std::move(papers)};
}

core::Expected<core::Done> Counter::canDecide(const std::string& number, const core::Decision& decision) {
    return intake().canDecide(number, decision);
}

core::Expected<core::Done> Counter::checkReceiver(const std::string& number, const ReceiverCard& card,
                                                  const std::string& proxyIdNumber) {
    auto c = intake().find(number);
    if (!c)
        return c.error();
    return core::checkReceiverCard(*c, card.idNumber, card.name, proxyIdNumber);
}

core::Expected<CaseOutcome> Counter::release(const std::string& number, const core::Release& release,
                                             const std::optional<ReceiverCard>& card) {
    if (card)
        if (auto same = checkReceiver(number, *card, release.byProxy ? release.proxyIdNumber : std::string());
            !same)
            return same.error();
    auto documents = this->documents();
    if (!documents)
        return documents.error();
    std::vector<IssuedPaper> papers;
    auto released =
        intake().release(number, release, issuing(documents.value(), core::releasePapers(), papers));
    if (!released)
        return released.error();
    return CaseOutcome{std::move(released).value(), std::move(papers)};
}

core::Expected<core::Done> Counter::canRelease(const std::string& number, const core::Release& release) {
    auto service = intake();
    auto c = service.find(number);
    if (!c)
        return c.error();
    auto tried = core::releaseResult(*c, release, service.context());
    if (!tried)
        return tried.error();
    return core::Done{};
}

core::Expected<PrintOutcome> Counter::printFiles(const std::vector<std::filesystem::path>& files,
                                                 const std::function<void(std::size_t)>& printed) {
    // A store connection is not shared between threads: this call has its own.
    auto own = store::LocalStore::open(m_dataDir);
    if (!own)
        return own.error();
    auto printer = devices::systemPrinter();
    PrintService service(**own, *printer, *m_clock, m_actor);
    std::optional<core::Expected<PrintOutcome>> last;
    for (std::size_t i = 0; i < files.size(); ++i) {
        last.emplace(service.printFile(files[i], "", 1));
        if (!*last)
            return last->error();
        if (printed)
            printed(i + 1);
    }
    if (!last)
        return core::Error{"print.nothing", core::Message(N_("there is nothing to print")), {}, {}};
    return std::move(*last);
}

} // namespace ywtb::services
