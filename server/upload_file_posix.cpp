#include "server/os_error.h"
#include "server/upload_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace ywtb::server {
namespace {

int fdOf(std::intptr_t handle) {
    return static_cast<int>(handle);
}

} // namespace

UploadFile::~UploadFile() {
    if (m_handle >= 0)
        ::close(fdOf(m_handle));
}

bool UploadFile::open(const std::filesystem::path& path, std::string& detail) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return osFailed(detail);
    m_handle = fd;
    return true;
}

bool UploadFile::truncateAt(std::int64_t offset, std::string& detail) {
    if (::ftruncate(fdOf(m_handle), offset) != 0 || ::lseek(fdOf(m_handle), offset, SEEK_SET) < 0)
        return osFailed(detail);
    return true;
}

bool UploadFile::write(const char* data, std::size_t size, std::string& detail) {
    for (std::size_t done = 0; done < size;) {
        const auto n = ::write(fdOf(m_handle), data + done, size - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return osFailed(detail);
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool UploadFile::flushToDisk(std::string& detail) {
    if (::fsync(fdOf(m_handle)) != 0)
        return osFailed(detail);
    return true;
}

bool moveIntoPlace(const std::filesystem::path& from, const std::filesystem::path& to, std::string& detail) {
    if (::rename(from.c_str(), to.c_str()) != 0)
        return osFailed(detail);
    // The rename lives in the directory: flush it too, or a power cut can bring back the old name.
    const int dir = ::open(to.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

} // namespace ywtb::server
