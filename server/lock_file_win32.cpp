#include "server/lock_file.h"
#include "server/os_error.h"

// The Windows twin of lock_file_posix.cpp (docs/windows.md): not yet compiled by MSVC nor run on Windows.
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

// Windows byte-range locks are mandatory: a locked byte cannot be read by anyone else. The lock is therefore
// on one byte far past the text (at 4 GiB, where the file never reaches), so others can still read the text
// naming the holder.
OVERLAPPED lockedRange() {
    OVERLAPPED range{};
    range.Offset = 0;
    range.OffsetHigh = 1;
    return range;
}

bool setPosition(HANDLE file, LONGLONG offset) {
    LARGE_INTEGER position;
    position.QuadPart = offset;
    return SetFilePointerEx(file, position, nullptr, FILE_BEGIN) != 0;
}

} // namespace

LockFile::~LockFile() {
    if (m_handle != -1)
        CloseHandle(handleOf(m_handle)); // releases the lock too
}

bool LockFile::open(const std::filesystem::path& path, std::string& detail) {
    // Shared for reading and writing: the second server must open the file to find the lock held and to
    // read who holds it. Not inheritable (the default security attributes).
    const HANDLE file =
        CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                    OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        return osFailed(detail);
    m_handle = reinterpret_cast<std::intptr_t>(file);
    return true;
}

bool LockFile::tryLock(bool& heldElsewhere, std::string& detail) {
    heldElsewhere = false;
    OVERLAPPED range = lockedRange();
    if (LockFileEx(handleOf(m_handle), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &range))
        return true;
    if (GetLastError() == ERROR_LOCK_VIOLATION) {
        heldElsewhere = true;
        return false;
    }
    return osFailed(detail);
}

bool LockFile::read(std::string& text, std::string& detail) {
    text.clear();
    if (!setPosition(handleOf(m_handle), 0))
        return osFailed(detail);
    char buffer[512];
    for (;;) {
        DWORD got = 0;
        if (!ReadFile(handleOf(m_handle), buffer, sizeof buffer, &got, nullptr))
            return osFailed(detail);
        if (got == 0)
            return true;
        text.append(buffer, got);
    }
}

bool LockFile::replace(const std::string& text, std::string& detail) {
    if (!setPosition(handleOf(m_handle), 0) || !SetEndOfFile(handleOf(m_handle)))
        return osFailed(detail);
    for (std::size_t done = 0; done < text.size();) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(text.size() - done, 1u << 20));
        DWORD written = 0;
        if (!WriteFile(handleOf(m_handle), text.data() + done, chunk, &written, nullptr))
            return osFailed(detail);
        done += written;
    }
    return true;
}

long currentProcessId() {
    return static_cast<long>(GetCurrentProcessId());
}

} // namespace ywtb::server
