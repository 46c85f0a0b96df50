#include "store/audit_log.h"
#include "store/catalogue_repository.h"
#include "store/local_store.h"
#include "store/migrations.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace ywtb::store;
using ywtb::testing::TempDir;

namespace {

std::unique_ptr<LocalStore> openStore(const TempDir& dir) {
    auto store = LocalStore::open(dir.path());
    REQUIRE(store.ok());
    return std::move(store).value();
}

// Writes a file with the raw C API, as another program (or a newer ywtb-counter) would.
void writeForeignDatabase(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

AuditRecord entry(const std::string& action) {
    return {.at = "2026-11-28T08:00:00Z",
            .staff = "S001",
            .window = "W01",
            .action = action,
            .subject = "subject"};
}

} // namespace

TEST_CASE("a new store is created in WAL mode at the latest schema version", "[store]") {
    TempDir dir;
    auto store = openStore(dir);
    CHECK(std::filesystem::exists(dir / "counter.sqlite3"));
    CHECK(store->schemaVersion() == latestSchemaVersion());
    Statement mode(store->db(), "PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "wal");
    CHECK(store->db().queryInteger("PRAGMA synchronous") == 2); // FULL
    CHECK(store->db().queryInteger("PRAGMA application_id") == kApplicationId);
}

TEST_CASE("reopening a store keeps its data and applies no migration twice", "[store]") {
    TempDir dir;
    {
        auto store = openStore(dir);
        Transaction tx(store->db());
        appendAudit(tx, entry("first"));
        tx.commit();
    }
    auto store = openStore(dir);
    CHECK(store->schemaVersion() == latestSchemaVersion());
    CHECK(recentAudit(store->db(), 10).size() == 1);
}

TEST_CASE("migrations are an ordered list with rising versions", "[store]") {
    int previous = 0;
    for (const auto& m : migrations()) {
        CHECK(m.version == previous + 1);
        previous = m.version;
    }
    CHECK(previous == latestSchemaVersion());
}

TEST_CASE("a database from a newer version is refused and left byte for byte unchanged", "[store]") {
    TempDir dir;
    const auto path = dir / "counter.sqlite3";
    writeForeignDatabase(
        path, "PRAGMA application_id = 1498895426; CREATE TABLE future (x); PRAGMA user_version = 99;");
    const auto before = ywtb::testing::readFile(path);
    auto store = LocalStore::open(dir.path());
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.too_new");
    CHECK_THAT(store.error().str(), Catch::Contains("99") && Catch::Contains("newer"));
    CHECK(ywtb::testing::readFile(path) == before);
}

TEST_CASE("an SQLite file of another program is refused, not migrated", "[store]") {
    TempDir dir;
    const auto path = dir / "counter.sqlite3";
    writeForeignDatabase(path, "PRAGMA application_id = 42; CREATE TABLE theirs (x);");
    const auto before = ywtb::testing::readFile(path);
    auto store = LocalStore::open(dir.path());
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.not_a_database");
    CHECK(ywtb::testing::readFile(path) == before);
}

TEST_CASE("a file that is not SQLite at all is refused", "[store]") {
    TempDir dir;
    dir.write("counter.sqlite3", std::string(4096, 'x'));
    auto store = LocalStore::open(dir.path());
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.not_a_database");
}

TEST_CASE("the audit log is append-only", "[store][audit]") {
    TempDir dir;
    auto store = openStore(dir);
    {
        Transaction tx(store->db());
        CHECK(appendAudit(tx, entry("a")) == 1);
        CHECK(appendAudit(tx, entry("b")) == 2);
        tx.commit();
    }
    CHECK_THROWS_AS(store->db().exec("UPDATE audit_log SET action = 'forged'"), StoreFailure);
    CHECK_THROWS_AS(store->db().exec("DELETE FROM audit_log"), StoreFailure);
    auto entries = recentAudit(store->db(), 10);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].action == "b");
    CHECK(entries[1].action == "a");
}

TEST_CASE("a transaction left without commit writes nothing", "[store]") {
    TempDir dir;
    auto store = openStore(dir);
    try {
        Transaction tx(store->db());
        appendAudit(tx, entry("half done"));
        throw std::runtime_error("power cut");
    } catch (const std::runtime_error&) {
    }
    CHECK(recentAudit(store->db(), 10).empty());
}

TEST_CASE("an SQL failure says what the database was doing", "[store]") {
    TempDir dir;
    auto store = openStore(dir);
    try {
        store->db().exec("INSERT INTO no_such_table VALUES (1)");
        FAIL("no exception");
    } catch (const StoreFailure& failure) {
        CHECK_THAT(failure.error().str(), Catch::Contains("no_such_table"));
        CHECK(failure.error().where == (dir / "counter.sqlite3").string());
    }
}

TEST_CASE("catalogue items are inserted, replaced by code and loaded in code order", "[store]") {
    TempDir dir;
    auto store = openStore(dir);
    {
        Transaction tx(store->db());
        const auto id = recordCatalogueImport(tx, {"2026-11-28T08:00:00Z", "a.json", "00", 2});
        putCatalogueItem(tx, id, "B-XK-0001", "乙", "部门", "{\"v\":1}");
        putCatalogueItem(tx, id, "A-XK-0001", "甲", "部门", "{\"v\":1}");
        putCatalogueItem(tx, id, "B-XK-0001", "乙", "部门", "{\"v\":2}");
        tx.commit();
    }
    auto items = loadCatalogueItems(store->db());
    REQUIRE(items.size() == 2);
    CHECK(items[0].code == "A-XK-0001");
    CHECK(items[1].body == "{\"v\":2}");
    CHECK(catalogueItemCount(store->db()) == 2);
}

TEST_CASE("a data directory that cannot be created is a clear error", "[store]") {
    TempDir dir;
    dir.write("file", "not a directory");
    auto store = LocalStore::open(dir / "file" / "sub");
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "store.data_dir");
}
