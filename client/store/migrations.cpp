#include "store/migrations.h"

#include "store/database.h"

#include <array>
#include <string>

namespace ywtb::store {
namespace {

// Append new migrations at the end; never edit one that has shipped, a counter PC may already have run it.
constexpr std::array<Migration, 1> kMigrations{{
    {1, "catalogue, audit log and blob register",
     R"sql(
CREATE TABLE catalogue_import (
    id          INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    item_count  INTEGER NOT NULL
);
CREATE TABLE catalogue_item (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    department TEXT NOT NULL,
    body       TEXT NOT NULL,
    import_id  INTEGER NOT NULL REFERENCES catalogue_import(id)
);
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    staff     TEXT NOT NULL,
    window_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
);
)sql"},
}};

} // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latestSchemaVersion() { return kMigrations.back().version; }

void applyMigrations(Database& db) {
    const auto current = db.queryInteger("PRAGMA user_version");
    for (const auto& migration : kMigrations) {
        if (migration.version <= current)
            continue;
        Transaction tx(db);
        db.exec(migration.sql);
        db.exec("PRAGMA user_version = " + std::to_string(migration.version));
        tx.commit();
    }
}

} // namespace ywtb::store
