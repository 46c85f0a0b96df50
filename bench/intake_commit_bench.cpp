// Intake commit latency: one whole intake (new case + every material of the checklist + the decision,
// nine transactions) through IntakeService, with N cases already in the store; beside it, SQLite's bare
// single-row insert commit in the same directory, WAL, synchronous = FULL — the floor any store pays.
//
// usage: ywtb-bench-intake [--store-only] DIR PREFILLED_CASES [INTAKES]
// DIR should be on the disk the counter uses; the store there (DIR/store, a counter data directory) is
// rebuilt.
// --store-only: only build the store (for gui_launch_bench.sh), nothing measured.

#include "core/case_json.h"
#include "services/calendar_service.h"
#include "services/catalogue_service.h"
#include "services/intake_service.h"
#include "store/case_repository.h"
#include "store/local_store.h"

#include <Poco/JSON/Stringifier.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <vector>

using namespace ywtb;
using Clock = std::chrono::steady_clock;

namespace {

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> micros) {
    std::sort(micros.begin(), micros.end());
    const auto at = [&](double q) {
        return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))];
    };
    return {at(0.50), at(0.99), micros.back()};
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

// The floor: one tiny row per transaction, WAL, synchronous FULL, on the same disk.
Percentiles bareInsertCommits(const std::filesystem::path& dir, int count) {
    const auto path = dir / "bare.sqlite3";
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY "
                       "KEY, v TEXT)",
                       nullptr, nullptr, nullptr),
          db, "setup");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO t (v) VALUES ('x')", -1, &insert, nullptr), db, "prepare");
    std::vector<double> micros;
    for (int i = 0; i < count; ++i) {
        const auto start = Clock::now();
        check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
        check(sqlite3_step(insert), db, "insert");
        sqlite3_reset(insert);
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
        micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return percentiles(micros);
}

// Fills the store with `count` cases as a busy centre would have them: full bodies, one audit entry per
// transaction of their intake. Written in bulk with synchronous OFF: this is set-up, not what is measured.
void prefill(const std::filesystem::path& database, const std::string& body, const std::string& itemCode,
             long count) {
    sqlite3* db = nullptr;
    check(sqlite3_open(database.c_str(), &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* insertCase = nullptr;
    sqlite3_stmt* insertAudit = nullptr;
    check(sqlite3_prepare_v2(
              db,
              "INSERT INTO intake_case (number, item_code, status, window_id, applicant_key, created_on, "
              "due_promised, due_statutory, body, version, updated_at) "
              "VALUES (?, ?, 'released', 'W99', ?, '2025-03-01', '2025-03-08', '2025-03-20', ?, 12, "
              "'2025-03-01T02:00:00Z')",
              -1, &insertCase, nullptr),
          db, "prepare case");
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO audit_log (at, staff, window_id, action, subject, before, after, "
                             "detail, prev_hash, hash) "
                             "VALUES ('2025-03-01T02:00:00Z', 'S001', 'W99', 'case.material', ?, 'draft', "
                             "'draft', 'M01 provided', ?, ?)",
                             -1, &insertAudit, nullptr),
          db, "prepare audit");
    const std::string hash(64, 'a');
    char number[64], key[32];
    for (long i = 0; i < count; ++i) {
        std::snprintf(number, sizeof number, "310104-W99-2025%04ld-%04ld", 101 + (i / 9999) % 1200,
                      i % 9999 + 1);
        std::snprintf(key, sizeof key, "9131010%011ld", i);
        sqlite3_bind_text(insertCase, 1, number, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insertCase, 2, itemCode.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(insertCase, 3, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insertCase, 4, body.c_str(), static_cast<int>(body.size()), SQLITE_STATIC);
        if (sqlite3_step(insertCase) != SQLITE_DONE) { // a number repeated by the pattern above: skip it
            sqlite3_reset(insertCase);
            continue;
        }
        sqlite3_reset(insertCase);
        for (int a = 0; a < 9; ++a) {
            sqlite3_bind_text(insertAudit, 1, number, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insertAudit, 2, hash.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(insertAudit, 3, hash.c_str(), -1, SQLITE_STATIC);
            check(sqlite3_step(insertAudit), db, "audit");
            sqlite3_reset(insertAudit);
        }
        if (i % 50000 == 49999) {
            check(sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr), db, "batch");
            std::fprintf(stderr, "  prefilled %ld\n", i + 1);
        }
    }
    sqlite3_finalize(insertCase);
    sqlite3_finalize(insertAudit);
    check(sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr), db,
          "commit");
    sqlite3_close(db);
}

} // namespace

int main(int argc, char** argv) {
    const bool storeOnly = argc > 1 && std::string(argv[1]) == "--store-only";
    if (storeOnly) {
        --argc;
        ++argv;
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s [--store-only] DIR PREFILLED_CASES [INTAKES]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const long prefilled = std::atol(argv[2]);
    const int intakes = argc > 3 ? std::atoi(argv[3]) : 300;
    std::filesystem::remove_all(dir / "store");
    std::filesystem::create_directories(dir / "store");

    const auto forms = std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "forms";
    auto centreText = std::string();
    {
        std::ifstream in(forms / "centre.json");
        std::ostringstream s;
        s << in.rdbuf();
        centreText = s.str();
    }
    auto centre = core::parseCentreConfig(centreText, "centre.json");
    auto calendars = services::loadCalendars(forms / "calendar");
    core::FixedClock clock(*core::CivilDate::parse("2026-09-28"), "2026-09-28T01:00:00Z");
    auto store = std::move(store::LocalStore::open(dir / "store")).value();
    auto catalogue = services::loadCatalogueOrSeed(*store, forms, {"bench", "-"}, clock);
    const auto& item = *catalogue->find("SCJG-XK-001");
    {
        store::Transaction tx(store->db());
        for (const auto& kind : core::numberedDocumentKinds())
            (void)store::reserveDocumentBlock(tx, {kind, 2026, "W01", 1, 1000000, 1});
        tx.commit();
    }
    core::Applicant applicant{core::ApplicantKind::Organisation,
                              "上海某某餐饮有限公司",
                              "",
                              "91350100M000100Y43",
                              "张三",
                              "021-64871234",
                              ""};

    const auto intakeOnce = [&](services::IntakeService& intake) {
        auto c = intake.open(item, applicant, std::nullopt);
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
            (void)intake.recordMaterial(c->number, m.id, status, licence, "");
        }
        core::Decision accept;
        accept.kind = core::DecisionKind::Accept;
        auto done = intake.decide(c->number, accept);
        if (!done) {
            std::fprintf(stderr, "intake failed: %s\n", done.error().str().c_str());
            std::exit(1);
        }
        return *done;
    };
    // A real body for the prefill, then the store reopened so the cache starts cold.
    core::Case sample;
    {
        services::IntakeService first(*store, centre.config, calendars.calendar, clock, {"S001", "W01"});
        sample = intakeOnce(first);
    }
    std::ostringstream body;
    Poco::JSON::Stringifier::condense(core::caseToJson(sample), body);
    store.reset();
    std::fprintf(stderr, "prefilling %ld cases (body %zu bytes)...\n", prefilled, body.str().size());
    const auto prefillStart = Clock::now();
    prefill(dir / "store" / "counter.sqlite3", body.str(), item.code, prefilled);
    if (storeOnly) {
        std::printf("store: %s, %ld released cases written in %.0f s, %.0f MB\n", (dir / "store").c_str(),
                    prefilled, std::chrono::duration<double>(Clock::now() - prefillStart).count(),
                    static_cast<double>(std::filesystem::file_size(dir / "store" / "counter.sqlite3")) / 1e6);
        return 0;
    }
    store = std::move(store::LocalStore::open(dir / "store")).value();
    services::IntakeService measured(*store, centre.config, calendars.calendar, clock, {"S001", "W01"});

    std::vector<double> perIntake;
    for (int i = 0; i < intakes; ++i) {
        const auto start = Clock::now();
        intakeOnce(measured);
        perIntake.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    const auto commits = 2 + static_cast<int>(item.materials.size()); // open, each material, the decision
    const auto ours = percentiles(perIntake);
    const auto bare = bareInsertCommits(dir, intakes * commits);
    const auto size = std::filesystem::file_size(dir / "store" / "counter.sqlite3");
    std::printf("store: %lld cases, %.0f MB\n", static_cast<long long>(store::caseCount(store->db())),
                static_cast<double>(size) / 1e6);
    std::printf("whole intake (%d commits: case + audit + outbox each), %d intakes: p50 %.2f ms  p99 %.2f ms "
                " max %.2f ms\n",
                commits, intakes, ours.p50 / 1000, ours.p99 / 1000, ours.max / 1000);
    std::printf("per commit of an intake (p50 / %d):               %.0f us\n", commits, ours.p50 / commits);
    std::printf("bare SQLite single-row insert commit, %d commits:   p50 %.0f us  p99 %.0f us  max %.0f us\n",
                intakes * commits, bare.p50, bare.p99, bare.max);
    return 0;
}
