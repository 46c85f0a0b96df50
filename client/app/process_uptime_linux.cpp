#include "app/process_uptime.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <time.h>
#include <unistd.h>

namespace ywtb::app {

namespace {
const auto g_codeStarted = std::chrono::steady_clock::now();
}

double millisecondsSinceProcessStart() {
    // /proc/self/stat field 22 (starttime, clock ticks since boot), counted from the closing parenthesis of
    // the command name, which may hold spaces; CLOCK_BOOTTIME is the same clock.
    std::ifstream stat("/proc/self/stat");
    std::string line;
    timespec now{};
    if (std::getline(stat, line) && clock_gettime(CLOCK_BOOTTIME, &now) == 0) {
        std::istringstream fields(line.substr(line.rfind(')') + 2));
        std::string field;
        for (int i = 3; i < 22 && fields >> field; ++i) {
        }
        unsigned long long ticks = 0;
        if (fields >> ticks) {
            const double started =
                static_cast<double>(ticks) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
            return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6 -
                   started;
        }
    }
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_codeStarted)
        .count();
}

} // namespace ywtb::app
