#pragma once
// The schema of the local store as an ordered list of migrations; PRAGMA user_version is the one applied
// last.

#include <span>

namespace ywtb::store {

class Database;

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

/// Every migration, in order; the last one's version is the schema this build writes.
std::span<const Migration> migrations();
int latestSchemaVersion();

/// Applies the migrations `db` lacks, each in its own transaction with its user_version.
void applyMigrations(Database& db);

} // namespace ywtb::store
