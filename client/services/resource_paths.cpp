#include "services/resource_paths.h"

#include <cstdlib>
#include <string_view>
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

// argv[0] is a bare name when the shell found the program on PATH (an installed /usr/bin/ywtb-counter-cli):
// find it there as the shell did, or share/ would be looked for next to the current folder.
std::filesystem::path foundOnPath(const std::filesystem::path& executable) {
    const char* path = std::getenv("PATH");
    if (executable.empty() || executable.has_parent_path() || !path)
        return executable;
#ifdef _WIN32
    constexpr char separator = ';';
#else
    constexpr char separator = ':';
#endif
    std::string_view rest(path);
    while (!rest.empty()) {
        const auto end = rest.find(separator);
        const std::filesystem::path candidate = std::filesystem::path(rest.substr(0, end)) / executable;
        std::error_code ec;
        if (!candidate.parent_path().empty() && std::filesystem::is_regular_file(candidate, ec))
            return candidate;
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
    return executable;
}

} // namespace

ResourcePaths ResourcePaths::locate(const std::filesystem::path& executable) {
    std::error_code ec;
    auto exe = std::filesystem::weakly_canonical(foundOnPath(executable), ec);
    const auto share = exe.empty() ? std::filesystem::path() : exe.parent_path().parent_path() / "share";
    ResourcePaths paths;
    paths.formsDir = firstExisting("YWTB_FORMS_DIR", share.empty() ? share : share / "ywtb-counter" / "forms",
                                   std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "forms");
    paths.templatesDir =
        firstExisting("YWTB_TEMPLATES_DIR", share.empty() ? share : share / "ywtb-counter" / "templates",
                      std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "templates");
    paths.localeDir =
        firstExisting("YWTB_LOCALE_DIR", share.empty() ? share : share / "locale", YWTB_BUILD_LOCALE_DIR);
    return paths;
}

std::filesystem::path defaultDataDir() {
#ifdef _WIN32
    // Windows has neither XDG nor a HOME by default: the per-user local application data folder.
    if (const char* local = std::getenv("LOCALAPPDATA"); local && *local)
        return std::filesystem::path(local) / "ywtb-counter";
#endif
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/')
        return std::filesystem::path(xdg) / "ywtb-counter";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "ywtb-counter";
    return std::filesystem::current_path() / "ywtb-counter-data";
}

} // namespace ywtb::services
