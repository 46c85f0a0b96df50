#pragma once
// Where the program finds its data (forms/, translations) and keeps the counter's own data.

#include <filesystem>
#include <string>

namespace ywtb::services {

/// The shipped data folders, found in this order: the environment (YWTB_FORMS_DIR, YWTB_TEMPLATES_DIR,
/// YWTB_LOCALE_DIR), the installed share/ywtb-counter next to the executable, the source tree the build came
/// from.
struct ResourcePaths {
    std::filesystem::path formsDir;
    std::filesystem::path templatesDir;
    std::filesystem::path localeDir;

    static ResourcePaths locate(const std::filesystem::path& executable);
};

/// $XDG_DATA_HOME/ywtb-counter, or ~/.local/share/ywtb-counter.
std::filesystem::path defaultDataDir();

} // namespace ywtb::services
