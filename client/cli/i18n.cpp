#include "cli/i18n.h"

#include <clocale>
#include <cstdlib>
#include <libintl.h>
#include <string_view>

namespace ywtb::cli {
namespace {

// setenv is POSIX; the Windows CRT has _putenv_s, whose environment is the one getenv and libintl read.
void setLanguageVariable(const char* value) {
#ifdef _WIN32
    _putenv_s("LANGUAGE", value);
#else
    setenv("LANGUAGE", value, 1);
#endif
}

std::string requestedLanguage() {
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (const char* value = std::getenv(variable); value && *value)
            return value;
    return {};
}

} // namespace

void initLanguage(const std::filesystem::path& localeDir) {
    const std::string requested = requestedLanguage();
    const bool localeAvailable = std::setlocale(LC_ALL, "") != nullptr;
    if (!localeAvailable)
        std::setlocale(LC_ALL, "C.UTF-8");
    // gettext ignores LANGUAGE only in the plain "C" locale; in C.UTF-8 it honours it, so the catalogue
    // is found even on a machine that never generated zh_CN.UTF-8. Any Chinese locale reads zh_CN.
    const char* language = std::getenv("LANGUAGE");
    if (!language || !*language) {
        if (std::string_view(requested).starts_with("zh"))
            setLanguageVariable("zh_CN");
        else if (!localeAvailable && std::string_view(requested).starts_with("en"))
            setLanguageVariable("en");
    }
#ifdef _WIN32
    // path::c_str() is wide on Windows; GNU libintl (vcpkg's gettext-libintl, 0.21 and later) takes it as is.
    wbindtextdomain(kTextDomain, localeDir.c_str());
#else
    bindtextdomain(kTextDomain, localeDir.c_str());
#endif
    bind_textdomain_codeset(kTextDomain, "UTF-8");
    textdomain(kTextDomain);
}

std::string tr(const char* msgid) {
    if (!msgid || !*msgid)
        return {};
    return dgettext(kTextDomain, msgid);
}

} // namespace ywtb::cli
