#pragma once
// The application forms of forms/application/, read and checked: one file per item, named after its code.

#include "core/application_form.h"
#include "core/error.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ywtb::services {

/// Every form of a folder, by item code; a file with any problem is kept out, with its problems.
struct ApplicationFormLibrary {
    std::map<std::string, std::shared_ptr<const core::ApplicationForm>> forms;
    std::map<std::string, std::vector<core::Error>> broken; ///< by the item code the file is named after
    std::vector<std::string> files;                         ///< every file read, in name order

    /// The form of the item, or null when the item has none (or its file is broken: see `broken`).
    std::shared_ptr<const core::ApplicationForm> find(const std::string& itemCode) const;
    /// Every problem of every file.
    std::vector<core::Error> errors() const;
};

/// Reads every *.json of `dir` (forms/application). A missing folder is an empty library: no item has a form.
/// A file must be named after the item it belongs to: SCJG-XK-001.json holds "item": "SCJG-XK-001".
ApplicationFormLibrary loadApplicationForms(const std::filesystem::path& dir);

} // namespace ywtb::services
