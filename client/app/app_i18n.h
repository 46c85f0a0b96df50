#pragma once
// The GUI's language: the project's gettext catalogue (domain "ywtb-counter", i18n/*.po) loaded through
// wxTranslations, Chinese unless English was chosen. Core messages are translated here, at the edge.

#include "core/error.h"
#include "core/message.h"

#include <filesystem>
#include <string>
#include <wx/string.h>

namespace ywtb::app {

inline constexpr const char* kTextDomain = "ywtb-counter";

/// "zh_CN" (the default) or "en".
void initLanguage(const std::filesystem::path& localeDir, const std::string& language);

/// The translator core::Message::render wants.
core::Translator translator();
wxString tr(const core::Message& message);
wxString tr(const core::Error& error);
/// UTF-8 text from core or the store, as a wxString.
inline wxString u8(const std::string& text) {
    return wxString::FromUTF8(text);
}
/// A wxString back to the UTF-8 core expects.
inline std::string u8(const wxString& text) {
    return text.utf8_string();
}
/// A translated pattern with {name} placeholders filled in.
wxString fill(const wxString& pattern, const std::vector<std::pair<std::string, std::string>>& args);

} // namespace ywtb::app
