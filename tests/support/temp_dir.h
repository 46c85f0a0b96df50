#pragma once
// A fresh directory per test, removed afterwards; real files, no mocks.

#include <filesystem>
#include <string>

namespace ywtb::testing {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
    /// Writes `content` to `name` inside the directory and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
    std::filesystem::path m_path;
};

std::string readFile(const std::filesystem::path& path);
std::filesystem::path sourceDir();
std::filesystem::path fixturesDir();

} // namespace ywtb::testing

namespace ywtb::testing {
/// An error's place without its line: "scjg.json:12 $.items[0]" → "scjg.json $.items[0]".
std::string withoutLine(const std::string& where);
} // namespace ywtb::testing
