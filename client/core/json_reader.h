#pragma once
// Reads hand-edited JSON data files field by field, collecting every problem with its JSON path,
// so an administrator fixes a file in one pass (the data-file twin of the one-time notice).

#include "core/error.h"
#include "core/json_syntax.h"

#include <Poco/JSON/Object.h>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// The problems found in one file, each naming the file and the JSON path.
class JsonProblems {
public:
    explicit JsonProblems(std::string file, std::size_t limit = 100)
        : m_file(std::move(file)), m_limit(limit) {}

    /// Records a problem at a JSON path; `where` becomes "file:line path" when the line is known.
    void add(const std::string& path, const char* code, Message what, Message fix);
    /// Records a problem at a line and column of the text (a syntax error): "file:line:column".
    void addAt(std::size_t line, std::size_t column, const char* code, Message what, Message fix);
    /// Where each value starts in the file, so that problems name the line an editor jumps to.
    void setLines(JsonLineMap lines) { m_lines = std::move(lines); }
    bool empty() const { return m_errors.empty(); }
    const std::vector<Error>& errors() const { return m_errors; }
    const std::string& file() const { return m_file; }

private:
    std::string m_file;
    JsonLineMap m_lines;
    std::size_t m_limit;
    std::vector<Error> m_errors;
};

/// Parses `text` into a JSON object, reporting syntax errors with line and column and keys written twice.
/// Returns null (and adds to `problems`) when the text is not a JSON object.
Poco::JSON::Object::Ptr parseJsonObject(std::string_view text, JsonProblems& problems);

enum class Presence { Required, Optional };

/// The header every data file of forms/ starts with: "format" names the kind of file, "format_version" its
/// version.
struct DataFileFormat {
    const char* format;     ///< e.g. "ywtb-catalogue"
    int version;            ///< the version this build reads
    const char* codePrefix; ///< error codes become "<prefix>.format" and "<prefix>.format_version"
    const char* kind;       ///< msgid naming the kind of file, e.g. N_("an item catalogue")
};

/// One JSON object being read; remembers which keys were asked for so that finish() can name the rest.
class JsonObjectReader {
public:
    JsonObjectReader(Poco::JSON::Object::Ptr object, std::string path, JsonProblems& problems);

    /// A non-empty string; "" when absent or wrong (the problem is recorded).
    std::string text(const std::string& key, Presence presence = Presence::Required);
    std::optional<long long> integer(const std::string& key, long long min, long long max,
                                     Presence presence = Presence::Required);
    std::optional<bool> boolean(const std::string& key, Presence presence = Presence::Required);
    /// A string that must be one of `allowed`.
    std::string choice(const std::string& key, const std::vector<std::string_view>& allowed,
                       Presence presence = Presence::Required);
    /// A list of non-empty strings with at least `minItems` entries.
    std::vector<std::string> texts(const std::string& key, Presence presence, std::size_t minItems);
    /// A list of distinct values from `allowed`, at least `minItems` of them.
    std::vector<std::string> choices(const std::string& key, const std::vector<std::string_view>& allowed,
                                     Presence presence, std::size_t minItems);
    std::optional<JsonObjectReader> object(const std::string& key, Presence presence = Presence::Required);
    std::vector<JsonObjectReader> objects(const std::string& key, Presence presence, std::size_t minItems);

    bool has(const std::string& key) const { return m_object->has(key); }
    /// The object as parsed, for callers that keep the JSON itself (the store keeps each item's).
    const Poco::JSON::Object::Ptr& json() const { return m_object; }
    /// Records the keys nobody asked for, suggesting the closest known one ("nmae" → "name").
    void finish();
    /// Records a problem with the value at `key` (empty key: the object itself).
    void problem(const std::string& key, const char* code, Message what, Message fix);
    std::string pathOf(const std::string& key) const;
    const std::string& path() const { return m_path; }

private:
    const Poco::Dynamic::Var* fetch(const std::string& key, Presence presence);
    void wrongType(const std::string& key, const char* expected);

    Poco::JSON::Object::Ptr m_object;
    std::string m_path;
    JsonProblems* m_problems;
    std::set<std::string> m_known;
    Poco::Dynamic::Var m_current;
};

/// Checks the data-file header (format and version) of `top`; problems go to the reader's file.
void checkDataFileFormat(JsonObjectReader& top, const DataFileFormat& format);

/// Parses a data file of forms/ or templates/ and checks its header: the reader of its top object, or
/// nothing when the text is not a JSON object (the problem is in `problems` either way).
std::optional<JsonObjectReader> openDataFile(std::string_view text, JsonProblems& problems,
                                             const DataFileFormat& format);

/// Edit distance, used to suggest the key an administrator meant.
std::size_t editDistance(std::string_view a, std::string_view b);

} // namespace ywtb::core
