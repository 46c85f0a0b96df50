#pragma once
// The CLI's language: gettext catalogues from i18n/, chosen by LANG (Chinese for any zh locale).

#include <filesystem>
#include <string>

namespace ywtb::cli {

inline constexpr const char* kTextDomain = "ywtb-counter";

/// Selects the user's locale and binds the catalogue in `localeDir`. Works even where the zh_CN locale
/// is not generated on the machine (falls back to C.UTF-8 and picks the catalogue through LANGUAGE).
void initLanguage(const std::filesystem::path& localeDir);

/// The msgid in the user's language.
std::string tr(const char* msgid);

} // namespace ywtb::cli
