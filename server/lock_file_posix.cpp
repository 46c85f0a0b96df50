#include "server/lock_file.h"
#include "server/os_error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace ywtb::server {
namespace {

int fdOf(std::intptr_t handle) {
    return static_cast<int>(handle);
}

} // namespace

LockFile::~LockFile() {
    if (m_handle >= 0)
        ::close(fdOf(m_handle));
}

bool LockFile::open(const std::filesystem::path& path, std::string& detail) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return osFailed(detail);
    m_handle = fd;
    return true;
}

bool LockFile::tryLock(bool& heldElsewhere, std::string& detail) {
    heldElsewhere = false;
    // flock, not fcntl's F_SETLK: an flock lock belongs to this open file, so no other open and close of the
    // same file in this process (a backup, a test) drops it, as closing any descriptor drops an fcntl lock.
    if (::flock(fdOf(m_handle), LOCK_EX | LOCK_NB) == 0)
        return true;
    if (errno == EWOULDBLOCK) {
        heldElsewhere = true;
        return false;
    }
    return osFailed(detail);
}

bool LockFile::read(std::string& text, std::string& detail) {
    text.clear();
    char buffer[512];
    for (off_t offset = 0;;) {
        const ssize_t n = ::pread(fdOf(m_handle), buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return osFailed(detail);
        if (n == 0)
            return true;
        text.append(buffer, static_cast<std::size_t>(n));
        offset += n;
    }
}

bool LockFile::replace(const std::string& text, std::string& detail) {
    if (::ftruncate(fdOf(m_handle), 0) != 0)
        return osFailed(detail);
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n =
            ::pwrite(fdOf(m_handle), text.data() + done, text.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return osFailed(detail);
        done += static_cast<std::size_t>(n);
    }
    return true;
}

long currentProcessId() {
    return static_cast<long>(::getpid());
}

} // namespace ywtb::server
