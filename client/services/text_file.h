#pragma once
// Reading the data files an administrator edits, and writing the files a user asks for.

#include "core/error.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::services {

/// The whole file; an error naming the file when it cannot be read or is larger than `maxBytes`.
core::Expected<std::string> readTextFile(const std::filesystem::path& path, std::size_t maxBytes = 16u << 20);

/// Writes `bytes` as the whole of `path` (an output the user asked for: a PDF, an export); an error naming
/// the file when it cannot be written.
core::Expected<core::Done> writeFile(const std::filesystem::path& path, std::string_view bytes);

/// The *.json files of `path` in name order, or `path` itself when it is a file.
core::Expected<std::vector<std::filesystem::path>> jsonFilesAt(const std::filesystem::path& path);

} // namespace ywtb::services
