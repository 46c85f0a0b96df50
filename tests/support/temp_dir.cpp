#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ywtb::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ywtb-test-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary directory");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
    const auto target = m_path / name;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary) << content;
    return target;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::filesystem::path sourceDir() {
    return YWTB_SOURCE_DIR;
}
std::filesystem::path fixturesDir() {
    return YWTB_FIXTURES_DIR;
}

} // namespace ywtb::testing

namespace ywtb::testing {
std::string withoutLine(const std::string& where) {
    const auto space = where.find(' ');
    const auto colon = where.rfind(':', space);
    if (colon == std::string::npos || (space != std::string::npos && colon > space))
        return where;
    const auto digits =
        where.substr(colon + 1, space == std::string::npos ? std::string::npos : space - colon - 1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
        return where;
    return where.substr(0, colon) + (space == std::string::npos ? "" : where.substr(space));
}
} // namespace ywtb::testing
