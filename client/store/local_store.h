#pragma once
// The counter's own data: one SQLite file (WAL) plus the blob store, in one data directory.

#include "core/error.h"
#include "store/blob_store.h"
#include "store/database.h"

#include <filesystem>
#include <memory>

namespace ywtb::store {

/// The application_id stamped into our database files ("YWTB"), so a foreign SQLite file is never migrated.
inline constexpr std::int64_t kApplicationId = 0x59575442;

class LocalStore {
public:
    /// Opens or creates the store in `dataDir`. A database written by a newer version, or a file that
    /// is not ours, is refused with a clear error and left untouched.
    static core::Expected<std::unique_ptr<LocalStore>> open(const std::filesystem::path& dataDir);

    Database& db() { return *m_db; }
    BlobStore& blobs() { return m_blobs; }
    const std::filesystem::path& dataDir() const { return m_dataDir; }
    std::filesystem::path databasePath() const { return m_dataDir / "counter.sqlite3"; }
    int schemaVersion();

private:
    LocalStore(std::filesystem::path dataDir, std::unique_ptr<Database> db);

    std::filesystem::path m_dataDir;
    std::unique_ptr<Database> m_db;
    BlobStore m_blobs;
};

} // namespace ywtb::store
