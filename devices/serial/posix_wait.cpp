#include "devices/serial/posix_wait.h"

#include <cerrno>
#include <poll.h>
#include <sys/stat.h>

namespace ywtb::devices::posix {

WaitResult waitFor(int fd, bool forWrite, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd, static_cast<short>(forWrite ? POLLOUT : POLLIN), 0};
        const int n = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count())));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return WaitResult::Failed;
        }
        if (n == 0)
            return WaitResult::TimedOut;
        // Data still buffered before a hang-up is read first; the next wait reports the hang-up.
        if (!forWrite && (p.revents & POLLIN))
            return WaitResult::Ready;
        if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
            return WaitResult::HungUp;
        return WaitResult::Ready;
    }
}

bool pathExists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

bool meansDeviceGone(int error) {
    return error == EIO || error == ENXIO || error == ENODEV || error == EBADF;
}

} // namespace ywtb::devices::posix
