#include "services/application_forms.h"

#include "services/text_file.h"

namespace ywtb::services {

std::shared_ptr<const core::ApplicationForm> ApplicationFormLibrary::find(const std::string& itemCode) const {
    const auto found = forms.find(itemCode);
    return found == forms.end() ? nullptr : found->second;
}

std::vector<core::Error> ApplicationFormLibrary::errors() const {
    std::vector<core::Error> all;
    for (const auto& [code, errors] : broken)
        all.insert(all.end(), errors.begin(), errors.end());
    return all;
}

ApplicationFormLibrary loadApplicationForms(const std::filesystem::path& dir) {
    ApplicationFormLibrary library;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return library;
    auto files = jsonFilesAt(dir);
    if (!files) {
        library.broken[dir.string()].push_back(files.error());
        return library;
    }
    for (const auto& path : *files) {
        const auto code = path.stem().string();
        const auto name = dir.filename().string() + "/" + path.filename().string();
        library.files.push_back(name);
        auto text = readTextFile(path);
        if (!text) {
            library.broken[code].push_back(text.error());
            continue;
        }
        auto parsed = core::parseApplicationForm(*text, name);
        if (!parsed.ok()) {
            library.broken[code] = parsed.errors;
            continue;
        }
        if (parsed.form->item != code) {
            library.broken[code].push_back(
                core::Error{"form.file_name",
                            core::Message(N_("the file is named {file} but holds the form of item {item}"),
                                          {{"file", path.filename().string()}, {"item", parsed.form->item}}),
                            name,
                            core::Message(N_("name the file {item}.json, after the item's code"),
                                          {{"item", parsed.form->item}})});
            continue;
        }
        library.forms[code] = parsed.form;
    }
    return library;
}

} // namespace ywtb::services
