#pragma once
// Finds where JSON text goes wrong, for the messages an administrator reads after editing a file by hand.
// Poco::JSON parses; it names neither the line of a syntax error nor a key written twice, so this does.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ywtb::core {

/// Where and why JSON text is not acceptable.
struct JsonSyntaxProblem {
    std::size_t line = 1;   ///< 1-based
    std::size_t column = 1; ///< 1-based, in bytes
    std::string what;       ///< English, e.g. "unexpected ','"
};

/// The first syntax error or duplicate object key in `text`, or nothing when the text is well formed.
std::optional<JsonSyntaxProblem> findJsonSyntaxProblem(std::string_view text);

/// The line (1-based) where each value of well-formed `text` starts, by JSON path ("$", "$.items[3].name").
using JsonLineMap = std::map<std::string, std::size_t>;
/// Like findJsonSyntaxProblem, also filling `lines` for the values it read.
std::optional<JsonSyntaxProblem> findJsonSyntaxProblem(std::string_view text, JsonLineMap& lines);

} // namespace ywtb::core
