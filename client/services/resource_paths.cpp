#include "services/resource_paths.h"

#include <cstdlib>
#include <system_error>

#ifndef YWTB_SOURCE_DATA_DIR
#error "YWTB_SOURCE_DATA_DIR must be defined by the build"
#endif

namespace ywtb::services {
namespace {

std::filesystem::path firstExisting(const char* variable, const std::filesystem::path& installed,
                                    const std::filesystem::path& fromBuild) {
    if (const char* value = std::getenv(variable); value && *value)
        return value;
    std::error_code ec;
    if (!installed.empty() && std::filesystem::is_directory(installed, ec))
        return installed;
    return fromBuild;
}

} // namespace

ResourcePaths ResourcePaths::locate(const std::filesystem::path& executable) {
    std::error_code ec;
    auto exe = std::filesystem::weakly_canonical(executable, ec);
    const auto share = exe.empty() ? std::filesystem::path() : exe.parent_path().parent_path() / "share";
    ResourcePaths paths;
    paths.formsDir = firstExisting("YWTB_FORMS_DIR", share.empty() ? share : share / "ywtb-counter" / "forms",
                                   std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "forms");
    paths.templatesDir = firstExisting("YWTB_TEMPLATES_DIR", share.empty() ? share : share / "ywtb-counter" / "templates",
                                       std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "templates");
    paths.localeDir = firstExisting("YWTB_LOCALE_DIR", share.empty() ? share : share / "locale", YWTB_BUILD_LOCALE_DIR);
    return paths;
}

std::filesystem::path defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/')
        return std::filesystem::path(xdg) / "ywtb-counter";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "ywtb-counter";
    return std::filesystem::current_path() / "ywtb-counter-data";
}

} // namespace ywtb::services
