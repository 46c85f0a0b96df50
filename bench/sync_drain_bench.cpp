// Draining the outbox to the server on loopback: N queued cases (every change of a real intake) and M MB of
// scans, through SyncEngine::syncOnce, against raw libcurl keep-alive requests carrying the same payloads
// to a second fresh server of the same binary, in the same run. Issue 7: at least 50 % of the raw request
// rate for cases, at least 80 % of the raw throughput for blobs.
//
// usage: ywtb-bench-sync DIR [CASES] [BLOB_MB] [RUNS]      (defaults 10000 200 1)
// DIR should be on the counter's disk. The queued cases are made once per CASES in DIR/cases-N and copied
// for each run; the servers' logs stay in DIR/run (their data is removed after each phase).

#include "core/centre_config.h"
#include "services/calendar_service.h"
#include "services/catalogue_service.h"
#include "services/intake_service.h"
#include "store/case_repository.h"
#include "store/local_store.h"
#include "store/page_repository.h"
#include "sync/sync_engine.h"

#include <Poco/JSON/Stringifier.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <curl/curl.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <poll.h>
#include <random>
#include <signal.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ywtb;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr const char* kStaff = "S001"; // seeded by --seed-demo (server/server_store.cpp demoAccounts)
constexpr const char* kPassword = "s001-demo-pass";
constexpr const char* kWindow = "W01";
constexpr int kCasesPerDay = 500; // a busy window's day; case numbers run per window and day
constexpr int kPagesPerCase = 5;
constexpr std::size_t kScanBytes = 1024 * 1024;   // a 300-dpi colour A4 page as JPEG is ~1 MB
constexpr std::size_t kThumbnailBytes = 8 * 1024; // and its 256-px thumbnail ~7 KB

/// The servers running now: a failed run stops them before it exits, so none is left behind.
std::vector<pid_t>& runningServers() {
    static std::vector<pid_t> pids;
    return pids;
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "ywtb-bench-sync: %s\n", what.c_str());
    for (const pid_t pid : runningServers()) {
        ::kill(pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
    }
    std::exit(1);
}

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

double ownCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// The real ywtb-counter-server on a free loopback port with a fresh data directory and the demo staff,
/// as tests/server/server_process.cpp starts it; stopped with SIGTERM and its data removed when destroyed.
class ServerChild {
public:
    explicit ServerChild(const fs::path& dataDir) {
        fs::remove_all(dataDir);
        fs::remove(dataDir.string() + ".log");
        int out[2];
        if (::pipe(out) != 0)
            die("pipe failed");
        const std::string log = dataDir.string() + ".log";
        std::vector<std::string> args{YWTB_SERVER, "--data-dir", dataDir.string(),
                                      "--port",    "0",          "--seed-demo"};
        m_pid = ::fork();
        if (m_pid < 0)
            die("fork failed");
        if (m_pid == 0) {
            ::dup2(out[1], STDOUT_FILENO);
            const int logFd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (logFd >= 0)
                ::dup2(logFd, STDERR_FILENO);
            ::close(out[0]);
            ::close(out[1]);
            std::vector<char*> argv;
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(out[1]);
        runningServers().push_back(m_pid);
        // The first line is "listening on http://127.0.0.1:PORT".
        std::string line;
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
            pollfd p{out[0], POLLIN, 0};
            if (::poll(&p, 1, 200) > 0) {
                char buffer[256];
                const auto n = ::read(out[0], buffer, sizeof buffer);
                if (n <= 0)
                    break;
                line.append(buffer, static_cast<std::size_t>(n));
            }
        }
        ::close(out[0]);
        if (line.rfind("listening on http://127.0.0.1:", 0) != 0)
            die("the server did not start (" YWTB_SERVER "); its log: " + log);
        m_port = std::stoi(line.substr(line.rfind(':') + 1));
        m_dataDir = dataDir;
    }
    ~ServerChild() {
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
        std::erase(runningServers(), m_pid);
        std::error_code ignored;
        fs::remove_all(m_dataDir, ignored); // up to 0.9 GB a server after a full run; its log stays
    }
    ServerChild(const ServerChild&) = delete;
    ServerChild& operator=(const ServerChild&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// User + system CPU the server used so far (/proc/PID/stat), to tell its share of a drain.
    double cpuSeconds() const {
        std::ifstream in("/proc/" + std::to_string(m_pid) + "/stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::istringstream fields(stat.substr(stat.rfind(')') + 2));
        std::string field;
        std::vector<std::string> all;
        while (fields >> field)
            all.push_back(field);
        if (all.size() < 13)
            return 0;
        const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
        return (std::stod(all[11]) + std::stod(all[12])) / ticks; // fields 14 and 15: utime, stime
    }
    /// One number from the server's own SQLite file: what arrived is counted there, not in our answers.
    std::int64_t count(const std::string& sql) const {
        store::Database db((m_dataDir / "server.sqlite").string(), store::Database::Mode::ReadOnly);
        return db.queryInteger(sql);
    }

private:
    pid_t m_pid = -1;
    int m_port = 0;
    fs::path m_dataDir;
};

/// The engine's own HTTP client with a stopwatch around it: how long a drain waits on the network and the
/// server, and how many requests of each kind it makes.
struct HttpTally {
    double seconds = 0;
    std::map<std::string, std::int64_t>
        requests;                            ///< "POST /api/v1/changes", "HEAD /api/v1/blobs/{sha256}", …
    std::map<std::string, double> secondsOf; ///< the same, the time inside send()
    std::int64_t failures = 0;               ///< transport errors and 5xx: retried by the engine
    std::int64_t total() const {
        std::int64_t n = 0;
        for (const auto& [kind, count] : requests)
            n += count;
        return n;
    }
};

class TimedHttpClient : public sync::HttpClient {
public:
    TimedHttpClient(std::unique_ptr<sync::HttpClient> inner, HttpTally& tally)
        : m_inner(std::move(inner)), m_tally(tally) {}
    core::Expected<sync::HttpResponse> send(const sync::HttpRequest& request) override {
        const auto start = Clock::now();
        auto answer = m_inner->send(request);
        const auto took = seconds(Clock::now() - start);
        m_tally.seconds += took;
        const auto api = request.url.find("/api/v1/");
        std::string path = api == std::string::npos ? request.url : request.url.substr(api);
        if (path.rfind("/api/v1/blobs/", 0) == 0)
            path = "/api/v1/blobs/{sha256}";
        ++m_tally.requests[request.method + " " + path];
        m_tally.secondsOf[request.method + " " + path] += took;
        if (!answer || answer->status >= 500)
            ++m_tally.failures;
        return answer;
    }

private:
    std::unique_ptr<sync::HttpClient> m_inner;
    HttpTally& m_tally;
};

/// What a naive client does: one libcurl easy handle kept for every request (keep-alive), no retries.
class RawCurl {
public:
    RawCurl() {
        m_curl = curl_easy_init();
        if (!m_curl)
            die("curl_easy_init failed");
        curl_easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(m_curl, CURLOPT_TIMEOUT_MS, 30000L);
        curl_easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(m_curl, CURLOPT_WRITEDATA, &m_answer);
    }
    ~RawCurl() { curl_easy_cleanup(m_curl); }
    RawCurl(const RawCurl&) = delete;
    RawCurl& operator=(const RawCurl&) = delete;

    /// Sends `body` with `method`; the HTTP status, the answer in answer(). Dies on a transport error.
    long send(const char* method, const std::string& url, const char* data, std::size_t size,
              const std::vector<std::string>& headers) {
        m_answer.clear();
        curl_slist* list = nullptr;
        for (const auto& h : headers)
            list = curl_slist_append(list, h.c_str());
        list = curl_slist_append(list, "Expect:"); // no 100-continue round trip, as the engine
        curl_easy_setopt(m_curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(m_curl, CURLOPT_CUSTOMREQUEST, method);
        curl_easy_setopt(m_curl, CURLOPT_POSTFIELDS, data);
        curl_easy_setopt(m_curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(size));
        curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, list);
        const CURLcode code = curl_easy_perform(m_curl);
        curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, nullptr);
        curl_slist_free_all(list);
        if (code != CURLE_OK)
            die(std::string("raw request to ") + url + " failed: " + curl_easy_strerror(code));
        long status = 0;
        curl_easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &status);
        ++m_requests;
        return status;
    }
    const std::string& answer() const { return m_answer; }
    std::int64_t requests() const { return m_requests; }

    /// POST /api/v1/sessions; the bearer header for the requests after it.
    std::string signIn(const std::string& base) {
        const std::string body = std::string(R"({"staff_id":")") + kStaff + R"(","password":")" + kPassword +
                                 R"(","window":")" + kWindow + "\"}";
        if (send("POST", base + "/api/v1/sessions", body.data(), body.size(),
                 {"Content-Type: application/json"}) != 201)
            die("raw sign-in refused: " + m_answer.substr(0, 200));
        const auto key = m_answer.find("\"token\"");
        const auto at = key == std::string::npos ? key : m_answer.find('"', m_answer.find(':', key) + 1);
        if (at == std::string::npos || at + 65 > m_answer.size())
            die("raw sign-in: no token in the answer");
        return "Authorization: Bearer " + m_answer.substr(at + 1, 64);
    }

private:
    static std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
        static_cast<std::string*>(user)->append(data, size * count);
        return size * count;
    }
    CURL* m_curl = nullptr;
    std::string m_answer;
    std::int64_t m_requests = 0;
};

/// The demo centre's configuration, calendars and catalogue, read once from forms/.
struct Centre {
    core::CentreConfig config;
    core::WorkingCalendar calendar;
    fs::path forms = fs::path(YWTB_SOURCE_DATA_DIR) / "forms";

    Centre() {
        std::ifstream in(forms / "centre.json");
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = core::parseCentreConfig(text.str(), "centre.json");
        if (!parsed.ok())
            die("forms/centre.json does not load");
        config = parsed.config;
        calendar = services::loadCalendars(forms / "calendar").calendar;
    }
};

/// `count` whole intakes through IntakeService, as the counter makes them: open, each material of
/// 食品经营许可, accept — nine transactions and nine outbox entries a case, `kCasesPerDay` a day.
struct TakenIn {
    std::vector<std::string> numbers;
    std::vector<std::string> materials; ///< the item's material ids, for the pages
};
TakenIn takeIn(const Centre& centre, store::LocalStore& store, int count) {
    core::FixedClock setupClock(*core::CivilDate::parse("2026-09-01"), "2026-09-01T01:00:00Z");
    auto catalogue = services::loadCatalogueOrSeed(store, centre.forms, {"bench", "-"}, setupClock);
    if (!catalogue)
        die("the catalogue does not load: " + catalogue.error().str());
    const auto& item = *catalogue->find("SCJG-XK-001");
    {
        store::Transaction tx(store.db());
        for (const auto& kind : core::numberedDocumentKinds())
            (void)store::reserveDocumentBlock(tx, {kind, 2026, kWindow, 1, 1000000, 1});
        tx.commit();
    }
    const core::Applicant applicant{core::ApplicantKind::Organisation,
                                    "上海某某餐饮有限公司",
                                    "",
                                    "91350100M000100Y43",
                                    "张三",
                                    "021-64871234",
                                    ""};
    TakenIn taken;
    for (const auto& m : item.materials)
        taken.materials.push_back(m.id);
    auto& numbers = taken.numbers;
    const auto first = *core::CivilDate::parse("2026-09-01");
    for (int day = 0; static_cast<int>(numbers.size()) < count; ++day) {
        const auto today = first.plusDays(day);
        core::FixedClock clock(today, today.iso() + "T01:00:00Z");
        services::IntakeService intake(store, centre.config, centre.calendar, clock, {kStaff, kWindow});
        for (int i = 0; i < kCasesPerDay && static_cast<int>(numbers.size()) < count; ++i) {
            auto c = intake.open(item, applicant, std::nullopt);
            if (!c)
                die("intake failed: " + c.error().str());
            for (const auto& m : item.materials) {
                auto status = m.form == core::MaterialForm::Copy ? core::MaterialStatus::Copy
                                                                 : core::MaterialStatus::Original;
                std::string licence;
                if (!m.elicence.empty()) {
                    status = core::MaterialStatus::Exempt;
                    licence = "EL-1";
                } else if (!m.appliesWhen.empty()) {
                    status = core::MaterialStatus::NotApplicable;
                }
                if (auto recorded = intake.recordMaterial(c->number, m.id, status, licence, ""); !recorded)
                    die("intake failed: " + recorded.error().str());
            }
            core::Decision accept;
            accept.kind = core::DecisionKind::Accept;
            if (auto done = intake.decide(c->number, accept); !done)
                die("intake failed: " + done.error().str());
            numbers.push_back(c->number);
            if (numbers.size() % 1000 == 0)
                std::fprintf(stderr, "  %zu cases taken in\n", numbers.size());
        }
    }
    return taken;
}

/// The store with the queued cases, made once per size (set-up, not measured: written with synchronous OFF).
fs::path pristineCaseStore(const fs::path& dir, const Centre& centre, int cases) {
    const auto pristine = dir / ("cases-" + std::to_string(cases));
    if (fs::exists(pristine / "complete"))
        return pristine;
    fs::remove_all(pristine);
    std::fprintf(stderr, "taking in %d cases through IntakeService (once; kept in %s)...\n", cases,
                 pristine.c_str());
    const auto start = Clock::now();
    {
        auto store = store::LocalStore::open(pristine);
        if (!store)
            die("the store does not open: " + store.error().str());
        (*store)->db().exec("PRAGMA synchronous = OFF");
        takeIn(centre, **store, cases);
    }
    std::ofstream(pristine / "complete") << cases << "\n";
    std::fprintf(stderr, "  done in %.0f s\n", seconds(Clock::now() - start));
    return pristine;
}

/// A change as the engine puts it in a batch (sync_engine.cpp sendOneBatch).
std::string changeJson(const store::OutboxEntry& e) {
    const auto quoted = [](const std::string& text) {
        std::ostringstream out;
        Poco::JSON::Stringifier::formatString(text, out);
        return out.str();
    };
    return "{\"uuid\":" + quoted(e.uuid) + ",\"case_number\":" + quoted(e.caseNumber) +
           ",\"kind\":" + quoted(e.kind) + ",\"created_at\":" + quoted(e.createdAt) +
           ",\"body\":" + e.payload + "}";
}

std::vector<store::OutboxEntry> allOutbox(store::Database& db) {
    store::Statement s(db,
                       "SELECT seq, uuid, case_number, kind, payload, created_at FROM outbox ORDER BY seq");
    std::vector<store::OutboxEntry> out;
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    return out;
}

sync::SyncOptions optionsFor(const ServerChild& server) {
    sync::SyncOptions options;
    options.serverUrl = server.url();
    options.staff = kStaff;
    options.password = kPassword;
    options.window = kWindow;
    options.onceAttempts = 20; // a hiccup shows in the time and the failure count, it does not end the run
    return options;
}

struct Measured {
    double wall = 0;
    std::int64_t requests = 0;
    std::int64_t changes = 0;
    std::int64_t cases = 0;
    double blobBytes = 0;
    double clientCpu = 0;
    double serverCpu = 0;
    double httpWait = -1; ///< ours only: time inside HttpClient::send
    std::string detail;
};

/// Ours: SyncEngine::syncOnce draining the store, with the blob store set as the counter runs it.
Measured drainWithEngine(store::LocalStore& store, const ServerChild& server, std::int64_t cases,
                         double blobBytes) {
    HttpTally tally;
    sync::SyncEngine engine(store.db(), optionsFor(server),
                            std::make_unique<TimedHttpClient>(sync::makeHttpClient(), tally));
    engine.setBlobStore(&store.blobs());
    const auto cpu = ownCpuSeconds();
    const auto serverCpu = server.cpuSeconds();
    const auto start = Clock::now();
    auto report = engine.syncOnce();
    Measured m;
    m.wall = seconds(Clock::now() - start);
    m.clientCpu = ownCpuSeconds() - cpu;
    m.serverCpu = server.cpuSeconds() - serverCpu;
    if (!report)
        die("syncOnce failed: " + report.error().str());
    if (report->poisoned || engine.status().outboxDepth)
        die("syncOnce left " + std::to_string(engine.status().outboxDepth) + " entries and set " +
            std::to_string(report->poisoned) + " aside");
    m.requests = tally.total();
    m.changes = report->sent;
    m.cases = cases;
    m.blobBytes = blobBytes;
    m.httpWait = tally.seconds;
    std::ostringstream detail;
    for (const auto& [kind, count] : tally.requests)
        detail << kind << " ×" << count << " " << static_cast<int>(tally.secondsOf[kind] * 1000 + 0.5)
               << " ms; ";
    detail << report->batches << " batches, " << tally.failures << " failed requests retried";
    m.detail = detail.str();
    return m;
}

/// Raw: one POST /api/v1/changes per change, carrying the same change JSON, on one keep-alive handle.
Measured postOneByOne(const std::vector<std::string>& bodies, const ServerChild& server, std::int64_t cases) {
    RawCurl curl;
    const auto cpu = ownCpuSeconds();
    const auto serverCpu = server.cpuSeconds();
    const auto start = Clock::now();
    const std::vector<std::string> headers{curl.signIn(server.url()), "Content-Type: application/json"};
    const std::string url = server.url() + "/api/v1/changes";
    for (const auto& body : bodies)
        if (curl.send("POST", url, body.data(), body.size(), headers) != 200 ||
            curl.answer().find("\"status\":201") == std::string::npos)
            die("raw change refused: " + curl.answer().substr(0, 200));
    Measured m;
    m.wall = seconds(Clock::now() - start);
    m.clientCpu = ownCpuSeconds() - cpu;
    m.serverCpu = server.cpuSeconds() - serverCpu;
    m.requests = curl.requests();
    m.changes = static_cast<std::int64_t>(bodies.size());
    m.cases = cases;
    m.detail = "POST /api/v1/sessions ×1; POST /api/v1/changes ×" + std::to_string(bodies.size());
    return m;
}

/// Raw: one PUT per chunk of each blob (the engine's chunk size, Content-Range as docs/api.md section 6).
Measured putBlobs(const std::vector<std::pair<std::string, std::string>>& blobs, const ServerChild& server,
                  std::size_t chunk) {
    RawCurl curl;
    const auto cpu = ownCpuSeconds();
    const auto serverCpu = server.cpuSeconds();
    const auto start = Clock::now();
    const auto bearer = curl.signIn(server.url());
    double bytes = 0;
    for (const auto& [sha, data] : blobs) {
        for (std::size_t offset = 0; offset < data.size(); offset += chunk) {
            const auto length = std::min(chunk, data.size() - offset);
            const std::string range = "Content-Range: bytes " + std::to_string(offset) + "-" +
                                      std::to_string(offset + length - 1) + "/" + std::to_string(data.size());
            const auto status = curl.send("PUT", server.url() + "/api/v1/blobs/" + sha, data.data() + offset,
                                          length, {bearer, "Content-Type: application/octet-stream", range});
            if (status != (offset + length == data.size() ? 201 : 200))
                die("raw blob upload refused: " + curl.answer().substr(0, 200));
        }
        bytes += static_cast<double>(data.size());
    }
    Measured m;
    m.wall = seconds(Clock::now() - start);
    m.clientCpu = ownCpuSeconds() - cpu;
    m.serverCpu = server.cpuSeconds() - serverCpu;
    m.requests = curl.requests();
    m.blobBytes = bytes;
    m.detail = "POST /api/v1/sessions ×1; PUT /api/v1/blobs/{sha256} ×" + std::to_string(curl.requests() - 1);
    return m;
}

std::string incompressible(std::size_t size, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; i += 8) {
        const auto word = random();
        for (std::size_t b = 0; b < 8 && i + b < size; ++b)
            bytes[i + b] = static_cast<char>((word >> (8 * b)) & 0xff);
    }
    return bytes;
}

struct RunResult {
    Measured oursCases, rawCases, oursBlobs, rawBlobs;
};

RunResult runOnce(const fs::path& dir, const Centre& centre, const fs::path& pristine, int cases, int pages,
                  bool rawFirst) {
    const auto runDir = dir / "run";
    fs::remove_all(runDir);
    fs::create_directories(runDir);
    RunResult result;

    // Cases: the same outbox, drained by the engine into one fresh server and posted raw into another.
    fs::copy(pristine, runDir / "cases", fs::copy_options::recursive);
    auto store = std::move(store::LocalStore::open(runDir / "cases")).value();
    const auto entries = allOutbox(store->db());
    std::vector<std::string> bodies;
    bodies.reserve(entries.size());
    for (const auto& e : entries)
        bodies.push_back("{\"changes\":[" + changeJson(e) + "]}");
    const auto oursCases = [&] {
        ServerChild server(runDir / "server-ours-cases");
        result.oursCases = drainWithEngine(*store, server, cases, 0);
        if (server.count("SELECT count(*) FROM change") != static_cast<std::int64_t>(entries.size()))
            die("the server did not get every change from the engine");
    };
    const auto rawCases = [&] {
        ServerChild server(runDir / "server-raw-cases");
        result.rawCases = postOneByOne(bodies, server, cases);
        if (server.count("SELECT count(*) FROM change") != static_cast<std::int64_t>(entries.size()))
            die("the server did not get every raw change");
    };
    std::fprintf(stderr, "cases: %zu changes of %d cases, %.0f MB of JSON\n", entries.size(), cases,
                 static_cast<double>(
                     std::accumulate(bodies.begin(), bodies.end(), std::size_t{0},
                                     [](std::size_t n, const std::string& b) { return n + b.size(); })) /
                     1e6);
    if (rawFirst) {
        rawCases();
        oursCases();
    } else {
        oursCases();
        rawCases();
    }
    bodies.clear();
    store.reset();

    // Scans: real cases with pages added through PageRepository, each page a 1 MiB scan and an 8 KiB
    // thumbnail in the blob store; the cases themselves are synced before the clock starts, so only the pages
    // are measured.
    store = std::move(store::LocalStore::open(runDir / "blobs")).value();
    const auto scanCases = takeIn(centre, *store, (pages + kPagesPerCase - 1) / kPagesPerCase);
    std::vector<std::pair<std::string, std::string>> blobs; // sha256, bytes, in upload order
    for (int p = 0; p < pages; ++p) {
        for (const auto size : {kScanBytes, kThumbnailBytes}) {
            auto bytes =
                incompressible(size, static_cast<std::uint64_t>(p) * 2 + (size == kScanBytes ? 0 : 1));
            auto sha = store->blobs().put(bytes);
            if (!sha)
                die("the blob store refused a scan: " + sha.error().str());
            blobs.emplace_back(*sha, std::move(bytes));
        }
    }
    double blobBytes = 0;
    for (const auto& b : blobs)
        blobBytes += static_cast<double>(b.second.size());
    const auto oursBlobs = [&] {
        ServerChild server(runDir / "server-ours-blobs");
        {
            sync::SyncEngine presync(store->db(), optionsFor(server));
            if (auto done = presync.syncOnce(); !done)
                die("syncing the scan cases failed: " + done.error().str());
        }
        store::PageRepository pageRepository(*store);
        for (std::size_t p = 0; p < static_cast<std::size_t>(pages); ++p) {
            const store::NewPage page{scanCases.numbers[p / kPagesPerCase],
                                      scanCases.materials[p % scanCases.materials.size()],
                                      blobs[p * 2].first,
                                      blobs[p * 2 + 1].first,
                                      2480,
                                      3508,
                                      300,
                                      "color",
                                      false};
            if (auto added = pageRepository.add(page, {kStaff, kWindow, "2026-09-01T02:00:00Z"}); !added)
                die("a page was refused: " + added.error().str());
        }
        result.oursBlobs = drainWithEngine(*store, server, 0, blobBytes);
        if (server.count("SELECT count(*) FROM blob") != static_cast<std::int64_t>(blobs.size()))
            die("the server did not get every blob from the engine");
    };
    const auto rawBlobs = [&] {
        ServerChild server(runDir / "server-raw-blobs");
        result.rawBlobs = putBlobs(blobs, server, sync::SyncOptions{}.blobChunkBytes);
        if (server.count("SELECT count(*) FROM blob") != static_cast<std::int64_t>(blobs.size()))
            die("the server did not get every raw blob");
    };
    std::fprintf(stderr, "scans: %d pages, %zu blobs, %.1f MB\n", pages, blobs.size(), blobBytes / 1e6);
    if (rawFirst) {
        rawBlobs();
        oursBlobs();
    } else {
        oursBlobs();
        rawBlobs();
    }
    return result;
}

void printHeader(int run) {
    std::printf("%-14s %8s %8s %8s %9s %8s %7s %8s %9s %8s\n", ("run " + std::to_string(run)).c_str(),
                "wall s", "requests", "req/s", "changes/s", "cases/s", "MB/s", "cpu s", "srv cpu s",
                "in http");
}

void printRow(const char* name, const Measured& m) {
    char http[32] = "-";
    if (m.httpWait >= 0)
        std::snprintf(http, sizeof http, "%.2f", m.httpWait);
    std::printf("%-14s %8.2f %8lld %8.0f %9.0f %8.0f %7.1f %8.2f %9.2f %8s\n", name, m.wall,
                static_cast<long long>(m.requests), static_cast<double>(m.requests) / m.wall,
                static_cast<double>(m.changes) / m.wall, static_cast<double>(m.cases) / m.wall,
                m.blobBytes / 1e6 / m.wall, m.clientCpu, m.serverCpu, http);
    std::printf("    %s\n", m.detail.c_str());
}

Measured median(std::vector<Measured> runs) {
    std::sort(runs.begin(), runs.end(), [](const Measured& a, const Measured& b) { return a.wall < b.wall; });
    return runs[runs.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR [CASES=10000] [BLOB_MB=200] [RUNS=1]\n", argv[0]);
        return 2;
    }
    const fs::path dir = argv[1];
    const int cases = argc > 2 ? std::atoi(argv[2]) : 10000;
    const int pages = argc > 3 ? std::atoi(argv[3]) : 200; // one 1 MiB scan a page
    const int runs = argc > 4 ? std::atoi(argv[4]) : 1;
    if (cases < 1 || pages < 1 || runs < 1)
        die("CASES, BLOB_MB and RUNS must be positive");
    fs::create_directories(dir);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const Centre centre;
    const auto pristine = pristineCaseStore(dir, centre, cases);

    std::vector<RunResult> results;
    for (int r = 0; r < runs; ++r) {
        std::fprintf(stderr, "run %d of %d (%s first)\n", r + 1, runs, r % 2 ? "raw" : "ours");
        results.push_back(runOnce(dir, centre, pristine, cases, pages, r % 2 == 1));
        const auto& last = results.back();
        printHeader(r + 1);
        printRow("ours: cases", last.oursCases);
        printRow("raw: cases", last.rawCases);
        printRow("ours: scans", last.oursBlobs);
        printRow("raw: scans", last.rawBlobs);
        std::fflush(stdout);
    }
    std::vector<Measured> oc, rc, ob, rb;
    for (const auto& r : results) {
        oc.push_back(r.oursCases);
        rc.push_back(r.rawCases);
        ob.push_back(r.oursBlobs);
        rb.push_back(r.rawBlobs);
    }
    const auto oursCases = median(oc), rawCases = median(rc), oursBlobs = median(ob), rawBlobs = median(rb);
    const double casesRatio = (static_cast<double>(oursCases.changes) / oursCases.wall) /
                              (static_cast<double>(rawCases.changes) / rawCases.wall);
    const double blobsRatio = (oursBlobs.blobBytes / oursBlobs.wall) / (rawBlobs.blobBytes / rawBlobs.wall);
    std::printf("\nmedian of %d run(s): %d cases (%lld changes), %.1f MB of blobs\n", runs, cases,
                static_cast<long long>(oursCases.changes), oursBlobs.blobBytes / 1e6);
    std::printf("cases: ours %.0f changes/s (%.0f cases/s), raw %.0f changes/s: ratio %.2f (goal >= 0.50)\n",
                static_cast<double>(oursCases.changes) / oursCases.wall,
                static_cast<double>(oursCases.cases) / oursCases.wall,
                static_cast<double>(rawCases.changes) / rawCases.wall, casesRatio);
    std::printf("scans: ours %.1f MB/s, raw %.1f MB/s: ratio %.2f (goal >= 0.80)\n",
                oursBlobs.blobBytes / 1e6 / oursBlobs.wall, rawBlobs.blobBytes / 1e6 / rawBlobs.wall,
                blobsRatio);
    curl_global_cleanup();
    return 0;
}
