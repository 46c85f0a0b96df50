#pragma once
// The file calls of a resumable upload: append at a recorded offset, flush to disk, move into place for
// good. The platform calls live in upload_file_posix.cpp and its Windows twin upload_file_win32.cpp
// (docs/windows.md); CMake picks one.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace ywtb::server {

/// A partial upload open for writing. Each call answers false and fills `detail` with the system's words
/// when it fails; the destructor closes the file.
class UploadFile {
public:
    UploadFile() = default;
    ~UploadFile();
    UploadFile(const UploadFile&) = delete;
    UploadFile& operator=(const UploadFile&) = delete;

    /// Opens `path` for writing, creating it when missing.
    bool open(const std::filesystem::path& path, std::string& detail);
    /// Drops any bytes past `offset` and sets the next write there.
    bool truncateAt(std::int64_t offset, std::string& detail);
    /// Writes all of `size` bytes.
    bool write(const char* data, std::size_t size, std::string& detail);
    /// Flushes what was written to the disk (fsync, FlushFileBuffers).
    bool flushToDisk(std::string& detail);

private:
    std::intptr_t m_handle = -1; ///< a file descriptor on POSIX, a HANDLE on Windows
};

/// Renames `from` to `to`, replacing `to`, so that the rename survives a power cut (the directory is
/// flushed on POSIX; MOVEFILE_WRITE_THROUGH on Windows).
bool moveIntoPlace(const std::filesystem::path& from, const std::filesystem::path& to, std::string& detail);

} // namespace ywtb::server
