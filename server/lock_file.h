#pragma once
// An advisory whole-process lock on one file, and the file's few bytes of text: what DataDirLock stands on.
// The platform calls live in lock_file_posix.cpp (flock) and its Windows twin lock_file_win32.cpp
// (LockFileEx); CMake picks one. The operating system drops the lock when the process ends in any way,
// kill -9 included, so a lock left by a dead process is never held.

#include <cstdint>
#include <filesystem>
#include <string>

namespace ywtb::server {

/// A lock file open for reading and writing. Each call answers false and fills `detail` with the system's
/// words when it fails; the destructor closes the file, which releases the lock.
class LockFile {
public:
    LockFile() = default;
    ~LockFile();
    LockFile(const LockFile&) = delete;
    LockFile& operator=(const LockFile&) = delete;

    /// Opens `path`, creating it when missing (never inherited by a child process).
    bool open(const std::filesystem::path& path, std::string& detail);
    /// Takes the exclusive lock without waiting. False with `heldElsewhere` set when another process holds
    /// it; false with `detail` when the call itself failed (e.g. a file system without locks).
    bool tryLock(bool& heldElsewhere, std::string& detail);
    /// The whole text of the file.
    bool read(std::string& text, std::string& detail);
    /// Replaces the whole text of the file by `text`.
    bool replace(const std::string& text, std::string& detail);

private:
    std::intptr_t m_handle = -1; ///< a file descriptor on POSIX, a HANDLE on Windows
};

/// This process's id, as `ps` and the task manager show it.
long currentProcessId();

} // namespace ywtb::server
