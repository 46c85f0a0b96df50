#pragma once
// Content-addressed files (scans, PDFs, signatures): named by SHA-256, written durably before anything points
// at them.

#include "core/error.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace ywtb::store {

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

/// Files under DIR/ab/abcdef… with temp files in DIR/.tmp; safe to share between processes.
class BlobStore {
public:
    explicit BlobStore(std::filesystem::path dir);

    /// Stores `bytes` and returns their SHA-256; storing the same bytes again is a no-op returning the same
    /// name.
    core::Expected<std::string> put(std::string_view bytes);
    /// The bytes named `sha256`, checked against their name; an error when missing or damaged.
    core::Expected<std::string> get(const std::string& sha256) const;
    bool contains(const std::string& sha256) const;
    std::filesystem::path pathOf(const std::string& sha256) const;
    const std::filesystem::path& dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
};

} // namespace ywtb::store
