#include "store/durable_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace ywtb::store {
namespace {

core::Error ioError(const std::filesystem::path& where, const char* doing, int err) {
    return core::Error{
        "store.io",
        core::Message(N_("cannot {doing}: {detail}"), {{"detail", std::strerror(err)}}).term("doing", doing),
        where.string(), core::Message(N_("check free disk space and the permissions of the data directory"))};
}

bool syncDirectory(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

core::Expected<core::Done> writeFileDurably(const std::filesystem::path& tempDir,
                                            const std::filesystem::path& target, std::string_view bytes) {
    std::string pattern = (tempDir / "write-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        return ioError(tempDir, N_("create a temporary file"), errno);
    const std::filesystem::path temp(pattern);
    const auto failWith = [&](const char* doing) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return ioError(target, doing, err);
    };
    for (std::size_t written = 0; written < bytes.size();) {
        const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return failWith(N_("write the file"));
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return failWith(N_("flush the file to disk"));
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return ioError(target, N_("close the file"), err);
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return ioError(target, N_("move the file into place"), err);
    }
    if (!syncDirectory(target.parent_path()))
        return ioError(target.parent_path(), N_("flush the directory to disk"), errno);
    return core::Done{};
}

} // namespace ywtb::store
