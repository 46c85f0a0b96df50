#include "app/process_uptime.h"

#include <chrono>

namespace ywtb::app {

namespace {
const auto g_codeStarted = std::chrono::steady_clock::now(); // this program's static initialisation
}

double millisecondsSinceProcessStart() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_codeStarted)
        .count();
}

} // namespace ywtb::app
