#pragma once
// Who acts, for the audit log (services take it with a core::Clock: core/clock.h).

#include "core/clock.h"

#include <string>

namespace ywtb::services {

/// Who is acting, for the audit log.
struct Actor {
    std::string staff;
    std::string window;
};

} // namespace ywtb::services
