#pragma once
// Writing a file so that it survives a power cut: temp file, flush to disk, rename, flush the directory.
// The platform calls live in durable_file_posix.cpp and its Windows twin durable_file_win32.cpp.

#include "core/error.h"

#include <filesystem>
#include <string_view>

namespace ywtb::store {

/// Writes `bytes` to `target` atomically and durably; `target`'s directory must exist. The temp file is
/// created in `tempDir` (same file system as `target`) and removed on failure.
core::Expected<core::Done> writeFileDurably(const std::filesystem::path& tempDir,
                                            const std::filesystem::path& target, std::string_view bytes);

} // namespace ywtb::store
