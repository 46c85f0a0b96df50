#include "store/local_store.h"

#include "store/migrations.h"

namespace ywtb::store {

using core::Error;
using core::Message;

namespace {

// Reads the header fields without changing the file: a read-only connection, no journal-mode switch.
core::Expected<core::Done> checkExistingFile(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        return core::Done{};
    Database probe(path.string(), Database::Mode::ReadOnly);
    std::int64_t version = 0, applicationId = 0;
    try {
        version = probe.queryInteger("PRAGMA user_version");
        applicationId = probe.queryInteger("PRAGMA application_id");
    } catch (const StoreFailure&) {
        return Error{"store.not_a_database", Message(N_("this file is not a ywtb-counter database")),
                     path.string(), Message(N_("move it away, or point --data-dir at the right directory"))};
    }
    if (applicationId != 0 && applicationId != kApplicationId)
        return Error{"store.not_a_database", Message(N_("this file is not a ywtb-counter database")),
                     path.string(), Message(N_("move it away, or point --data-dir at the right directory"))};
    if (version > latestSchemaVersion())
        return Error{
            "store.too_new",
            Message(
                N_("the database has schema version {found}, but this program knows versions up to {known}: "
                   "it was written by a newer ywtb-counter"),
                {{"found", std::to_string(version)}, {"known", std::to_string(latestSchemaVersion())}}),
            path.string(),
            Message(
                N_("install that newer version (or later) to use this data; the file was left unchanged"))};
    return core::Done{};
}

} // namespace

LocalStore::LocalStore(std::filesystem::path dataDir, std::unique_ptr<Database> db)
    : m_dataDir(std::move(dataDir)), m_db(std::move(db)), m_blobs(m_dataDir / "blobs") {}

core::Expected<std::unique_ptr<LocalStore>> LocalStore::open(const std::filesystem::path& dataDir) {
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec)
        return Error{"store.data_dir",
                     Message(N_("cannot create the data directory: {detail}"), {{"detail", ec.message()}}),
                     dataDir.string(), Message(N_("choose a writable directory with --data-dir"))};
    const auto path = dataDir / "counter.sqlite3";
    try {
        if (auto check = checkExistingFile(path); !check)
            return check.error();
        auto db = std::make_unique<Database>(path.string());
        // FULL makes every commit durable in WAL mode: a case is never lost to a power cut (DESIGN.md).
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = FULL");
        db->exec("PRAGMA foreign_keys = ON");
        db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        applyMigrations(*db);
        return std::unique_ptr<LocalStore>(new LocalStore(dataDir, std::move(db)));
    } catch (const StoreFailure& failure) {
        return failure.error();
    } catch (const std::filesystem::filesystem_error& e) {
        return Error{"store.data_dir",
                     Message(N_("cannot prepare the data directory: {detail}"), {{"detail", e.what()}}),
                     dataDir.string(), Message(N_("choose a writable directory with --data-dir"))};
    }
}

int LocalStore::schemaVersion() {
    return static_cast<int>(m_db->queryInteger("PRAGMA user_version"));
}

} // namespace ywtb::store
