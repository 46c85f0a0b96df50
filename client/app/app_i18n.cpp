#include "app/app_i18n.h"

#include <clocale>
#include <cstring>
#include <wx/intl.h>
#include <wx/translation.h>

namespace ywtb::app {

void initLanguage(const std::filesystem::path& localeDir, const std::string& language) {
    // wx turns char strings into wxString with the C library's charset: it must be UTF-8 (our sources and
    // catalogues are), also where LANG is unset or names a locale the machine never generated.
    const char* current = std::setlocale(LC_CTYPE, nullptr);
    if (!current || (!std::strstr(current, "UTF-8") && !std::strstr(current, "utf8")))
        if (!std::setlocale(LC_CTYPE, "C.UTF-8"))
            std::setlocale(LC_CTYPE, "en_US.UTF-8");
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations); // takes ownership
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(localeDir.string()));
    translations->SetLanguage(language == "en" ? wxString("en") : wxString("zh_CN"));
    translations->AddCatalog(kTextDomain, wxLANGUAGE_ENGLISH_US);
}

core::Translator translator() {
    return [](const char* msgid) -> std::string {
        if (!msgid || !*msgid)
            return {};
        return wxGetTranslation(wxString::FromUTF8(msgid)).utf8_string();
    };
}

wxString tr(const core::Message& message) {
    return u8(message.render(translator()));
}
wxString tr(const core::Error& error) {
    return u8(error.render(translator()));
}

wxString fill(const wxString& pattern, const std::vector<std::pair<std::string, std::string>>& args) {
    return u8(core::fillPlaceholders(u8(pattern), args));
}

} // namespace ywtb::app
