#include "server/os_error.h"
#include "server/upload_file.h"

// The Windows twin of upload_file_posix.cpp (docs/windows.md): syntax-checked with MinGW-w64 only, not yet
// compiled by MSVC nor run on Windows.
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <algorithm>
#include <windows.h>

namespace ywtb::server {
namespace {

HANDLE handleOf(std::intptr_t handle) {
    return reinterpret_cast<HANDLE>(handle);
}

} // namespace

UploadFile::~UploadFile() {
    if (m_handle != -1)
        CloseHandle(handleOf(m_handle));
}

bool UploadFile::open(const std::filesystem::path& path, std::string& detail) {
    // FILE_SHARE_READ and _DELETE: others may read, rename or remove it meanwhile, as on POSIX.
    const HANDLE file = CreateFileW(path.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                                    OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        return osFailed(detail);
    m_handle = reinterpret_cast<std::intptr_t>(file);
    return true;
}

bool UploadFile::truncateAt(std::int64_t offset, std::string& detail) {
    LARGE_INTEGER position;
    position.QuadPart = offset;
    if (!SetFilePointerEx(handleOf(m_handle), position, nullptr, FILE_BEGIN) ||
        !SetEndOfFile(handleOf(m_handle)))
        return osFailed(detail);
    return true;
}

bool UploadFile::write(const char* data, std::size_t size, std::string& detail) {
    for (std::size_t done = 0; done < size;) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(size - done, 1u << 30));
        DWORD written = 0;
        if (!WriteFile(handleOf(m_handle), data + done, chunk, &written, nullptr))
            return osFailed(detail);
        done += written;
    }
    return true;
}

bool UploadFile::flushToDisk(std::string& detail) {
    if (!FlushFileBuffers(handleOf(m_handle)))
        return osFailed(detail);
    return true;
}

bool moveIntoPlace(const std::filesystem::path& from, const std::filesystem::path& to, std::string& detail) {
    // WRITE_THROUGH: the rename is on disk when the call returns (Windows has no directory fsync).
    if (!MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return osFailed(detail);
    return true;
}

} // namespace ywtb::server
