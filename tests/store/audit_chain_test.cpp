#include "store/audit_log.h"
#include "store/local_store.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb::store;
using ywtb::testing::TempDir;

namespace {

std::unique_ptr<LocalStore> storeWithEntries(const TempDir& dir, int count) {
    auto store = std::move(LocalStore::open(dir.path())).value();
    for (int i = 1; i <= count; ++i) {
        Transaction tx(store->db());
        appendAudit(tx, {.at = "2026-11-28T08:00:00Z",
                         .staff = "S001",
                         .window = "W01",
                         .action = "case.accept",
                         .subject = "310104-W01-20261128-000" + std::to_string(i),
                         .before = "draft",
                         .after = "accepted"});
        tx.commit();
    }
    return store;
}

// What someone with the sqlite3 shell could do: drop the guard triggers and edit the log.
void tamper(LocalStore& store, const std::string& sql) {
    store.db().exec("DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;");
    store.db().exec(sql);
}

} // namespace

TEST_CASE("each audit entry hashes the one before it, and an intact log verifies", "[audit]") {
    TempDir dir;
    auto store = storeWithEntries(dir, 5);
    auto entries = recentAudit(store->db(), 10);
    REQUIRE(entries.size() == 5);
    CHECK(entries[0].prevHash == entries[1].hash);
    CHECK(entries[4].prevHash == std::string(64, '0'));
    auto verified = verifyAudit(store->db());
    REQUIRE(verified.ok());
    CHECK(verified->entries == 5);
}

TEST_CASE("audit verify names the first altered entry", "[audit]") {
    TempDir dir;
    auto store = storeWithEntries(dir, 5);
    tamper(*store, "UPDATE audit_log SET staff = 'S999' WHERE seq = 3");
    auto verified = verifyAudit(store->db());
    REQUIRE_FALSE(verified.ok());
    CHECK(verified.error().code == "audit.tampered");
    CHECK(verified.error().where == "audit_log seq 3");
    CHECK_THAT(verified.error().str(), Catch::Contains("altered"));
}

TEST_CASE("audit verify finds a removed entry in the middle and one cut off at the end", "[audit]") {
    TempDir dir;
    auto store = storeWithEntries(dir, 5);
    SECTION("middle") {
        tamper(*store, "DELETE FROM audit_log WHERE seq = 2");
        auto verified = verifyAudit(store->db());
        REQUIRE_FALSE(verified.ok());
        CHECK(verified.error().where == "audit_log seq 2");
        CHECK_THAT(verified.error().str(), Catch::Contains("missing"));
    }
    SECTION("end") {
        tamper(*store, "DELETE FROM audit_log WHERE seq = 5");
        auto verified = verifyAudit(store->db());
        REQUIRE_FALSE(verified.ok());
        CHECK(verified.error().where == "audit_log seq 5");
    }
    SECTION("a forged entry recomputed without the chain") {
        tamper(*store, "UPDATE audit_log SET prev_hash = hash WHERE seq = 4");
        CHECK(verifyAudit(store->db()).error().where == "audit_log seq 4");
    }
}

TEST_CASE("an empty log verifies", "[audit]") {
    TempDir dir;
    auto store = std::move(LocalStore::open(dir.path())).value();
    CHECK(verifyAudit(store->db())->entries == 0);
}
