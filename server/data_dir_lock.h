#pragma once
// One server per data directory: DATA_DIR/server.lock, locked for the life of the process and naming its
// holder (pid, start time, address), like PostgreSQL's postmaster.pid. The lock is the operating system's
// (lock_file.h), so one left by a killed process is free and is taken over; the text only names the holder.
// With a shared database back end (PostgreSQL) several servers on one database are the design: the lock
// then guards only each process's own local folder.

#include "server/lock_file.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace ywtb::server {

/// Who holds, or held, a data directory: the fields of its lock file ("" when the file lacks one).
struct LockHolder {
    std::string pid;
    std::string started;   ///< UTC, ISO 8601
    std::string listening; ///< http://ADDRESS:PORT
    std::string host;
    /// "pid 1234, started 2026-12-08T09:30:00Z, listening on http://127.0.0.1:8080, on host h".
    std::string describe() const;
};

/// The lock file's text for `holder`, and the holder read back from such a text.
std::string lockFileText(const LockHolder& holder);
LockHolder parseLockFile(const std::string& text);

/// Another process holds the data directory: its message names the holder and what to do.
class DataDirInUse : public std::runtime_error {
public:
    DataDirInUse(const std::string& message, LockHolder holder)
        : std::runtime_error(message), m_holder(std::move(holder)) {}
    const LockHolder& holder() const { return m_holder; }

private:
    LockHolder m_holder;
};

/// The lock of one data directory, held while this object lives.
class DataDirLock {
public:
    /// Takes the lock of `dataDir` (creating the folder and its server.lock when missing) and writes this
    /// process's pid, the time and `listening` into it. Throws DataDirInUse when another process holds it,
    /// std::runtime_error when the file cannot be made or locked.
    DataDirLock(const std::filesystem::path& dataDir, const std::string& listening);
    /// Empties the file, then releases the lock: an empty file means the last server stopped in order.
    ~DataDirLock();
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;

    /// The holder the file still named when the lock was free: a server that ended without releasing it
    /// (killed, crashed, power cut); none after an orderly stop.
    const std::optional<LockHolder>& takenOverFrom() const { return m_takenOverFrom; }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    LockFile m_file;
    std::optional<LockHolder> m_takenOverFrom;
};

/// The lock file of `dataDir`.
std::filesystem::path lockFilePath(const std::filesystem::path& dataDir);

} // namespace ywtb::server
