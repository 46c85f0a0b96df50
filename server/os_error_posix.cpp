#include "server/os_error.h"

#include <cerrno>
#include <cstring>

namespace ywtb::server {

bool osFailed(std::string& detail) {
    detail = std::strerror(errno);
    return false;
}

} // namespace ywtb::server
