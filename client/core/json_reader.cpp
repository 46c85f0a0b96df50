#include "core/json_reader.h"

#include "core/json_syntax.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>

namespace ywtb::core {
namespace {

std::string joinQuoted(const std::vector<std::string_view>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty())
            out += ", ";
        out += "\"" + std::string(v) + "\"";
    }
    return out;
}

bool isObject(const Poco::Dynamic::Var& v) {
    return v.type() == typeid(Poco::JSON::Object::Ptr);
}
bool isArray(const Poco::Dynamic::Var& v) {
    return v.type() == typeid(Poco::JSON::Array::Ptr);
}

} // namespace

void JsonProblems::add(const std::string& path, const char* code, Message what, Message fix) {
    if (m_errors.size() >= m_limit)
        return;
    // A missing key has no line of its own: take the line of the nearest enclosing value.
    std::string line;
    for (std::string at = path; !at.empty() && line.empty() && !m_lines.empty();) {
        if (const auto found = m_lines.find(at); found != m_lines.end())
            line = ":" + std::to_string(found->second);
        const auto cut = at.find_last_of(".[");
        at = cut == std::string::npos ? std::string() : at.substr(0, cut);
    }
    const bool isJsonPath = path.rfind("$", 0) == 0;
    m_errors.push_back(Error{code, std::move(what),
                             m_file + (isJsonPath ? line : "") + (path.empty() ? "" : " " + path),
                             std::move(fix)});
}

void JsonProblems::addAt(std::size_t line, std::size_t column, const char* code, Message what, Message fix) {
    if (m_errors.size() < m_limit)
        m_errors.push_back(Error{code, std::move(what),
                                 m_file + ":" + std::to_string(line) + ":" + std::to_string(column),
                                 std::move(fix)});
}

Poco::JSON::Object::Ptr parseJsonObject(std::string_view text, JsonProblems& problems) {
    JsonLineMap lines;
    if (auto syntax = findJsonSyntaxProblem(text, lines)) {
        problems.addAt(syntax->line, syntax->column, "json.syntax",
                       Message(N_("the file is not valid JSON: {problem}"), {{"problem", syntax->what}}),
                       Message(N_("correct the text at that place; a JSON-aware editor shows the mistake")));
        return nullptr;
    }
    problems.setLines(std::move(lines));
    try {
        Poco::JSON::Parser parser;
        auto result = parser.parse(std::string(text));
        if (!isObject(result)) {
            problems.add("$", "json.not_object", Message(N_("the file must hold one JSON object {…}")),
                         Message(N_("wrap the content in an object as forms/README.md shows")));
            return nullptr;
        }
        return result.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        problems.add("$", "json.syntax",
                     Message(N_("the file is not valid JSON: {problem}"), {{"problem", e.message()}}),
                     Message(N_("correct the text; a JSON-aware editor shows the mistake")));
        return nullptr;
    }
}

JsonObjectReader::JsonObjectReader(Poco::JSON::Object::Ptr object, std::string path, JsonProblems& problems)
    : m_object(std::move(object)), m_path(std::move(path)), m_problems(&problems) {}

std::string JsonObjectReader::pathOf(const std::string& key) const {
    if (key.empty())
        return m_path;
    return m_path + "." + key;
}

void JsonObjectReader::problem(const std::string& key, const char* code, Message what, Message fix) {
    m_problems->add(pathOf(key), code, std::move(what), std::move(fix));
}

void JsonObjectReader::wrongType(const std::string& key, const char* expected) {
    problem(key, "json.type",
            Message(N_("\"{field}\" must be {expected}"), {{"field", key}}).term("expected", expected),
            Message(N_("see forms/README.md for the type of each field")));
}

const Poco::Dynamic::Var* JsonObjectReader::fetch(const std::string& key, Presence presence) {
    m_known.insert(key);
    if (!m_object->has(key) || m_object->isNull(key)) {
        if (presence == Presence::Required)
            problem(key, "json.missing",
                    Message(N_("the required field \"{field}\" is missing"), {{"field", key}}),
                    Message(N_("add \"{field}\" to this entry; forms/README.md says what it holds"),
                            {{"field", key}}));
        return nullptr;
    }
    m_current = m_object->get(key);
    return &m_current;
}

std::string JsonObjectReader::text(const std::string& key, Presence presence) {
    const auto* v = fetch(key, presence);
    if (!v)
        return {};
    if (!v->isString()) {
        wrongType(key, N_("text in quotes"));
        return {};
    }
    auto value = v->extract<std::string>();
    if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
        problem(key, "json.empty", Message(N_("\"{field}\" is empty"), {{"field", key}}),
                Message(N_("write the value, or remove the field if it is optional")));
        return {};
    }
    return value;
}

std::optional<long long> JsonObjectReader::integer(const std::string& key, long long min, long long max,
                                                   Presence presence) {
    const auto* v = fetch(key, presence);
    if (!v)
        return std::nullopt;
    if (!v->isInteger() || v->isBoolean()) {
        wrongType(key, N_("a whole number"));
        return std::nullopt;
    }
    const auto value = v->convert<long long>();
    if (value < min || value > max) {
        problem(key, "json.range",
                Message(N_("\"{field}\" is {value}, but must be between {min} and {max}"),
                        {{"field", key},
                         {"value", std::to_string(value)},
                         {"min", std::to_string(min)},
                         {"max", std::to_string(max)}}),
                Message(N_("use a number in that range")));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> JsonObjectReader::boolean(const std::string& key, Presence presence) {
    const auto* v = fetch(key, presence);
    if (!v)
        return std::nullopt;
    if (!v->isBoolean()) {
        wrongType(key, N_("true or false (without quotes)"));
        return std::nullopt;
    }
    return v->extract<bool>();
}

std::string JsonObjectReader::choice(const std::string& key, const std::vector<std::string_view>& allowed,
                                     Presence presence) {
    auto value = text(key, presence);
    if (value.empty())
        return {};
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        problem(key, "json.choice",
                Message(N_("\"{field}\" is \"{value}\", which is not one of {allowed}"),
                        {{"field", key}, {"value", value}, {"allowed", joinQuoted(allowed)}}),
                Message(N_("use one of the listed values exactly as written")));
        return {};
    }
    return value;
}

std::vector<std::string> JsonObjectReader::texts(const std::string& key, Presence presence,
                                                 std::size_t minItems) {
    std::vector<std::string> out;
    const auto* v = fetch(key, presence);
    if (!v)
        return out;
    if (!isArray(*v)) {
        wrongType(key, N_("a list [ … ] of texts"));
        return out;
    }
    const auto array = v->extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto element = array->get(static_cast<unsigned>(i));
        const std::string elementPath = key + "[" + std::to_string(i) + "]";
        if (!element.isString() ||
            element.extract<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
            problem(elementPath, "json.type",
                    Message(N_("each entry of \"{field}\" must be non-empty text"), {{"field", key}}),
                    Message(N_("write the entry in quotes, or remove it")));
            continue;
        }
        out.push_back(element.extract<std::string>());
    }
    if (array->size() < minItems)
        problem(key, "json.too_few",
                Message(N_("\"{field}\" needs at least {count} entries"),
                        {{"field", key}, {"count", std::to_string(minItems)}}),
                Message(N_("add the missing entries")));
    return out;
}

std::vector<std::string> JsonObjectReader::choices(const std::string& key,
                                                   const std::vector<std::string_view>& allowed,
                                                   Presence presence, std::size_t minItems) {
    auto values = texts(key, presence, minItems);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& value = values[i];
        const std::string elementPath = key + "[" + std::to_string(i) + "]";
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            problem(elementPath, "json.choice",
                    Message(N_("\"{field}\" is \"{value}\", which is not one of {allowed}"),
                            {{"field", key}, {"value", value}, {"allowed", joinQuoted(allowed)}}),
                    Message(N_("use one of the listed values exactly as written")));
        } else if (std::find(out.begin(), out.end(), value) != out.end()) {
            problem(
                elementPath, "json.duplicate",
                Message(N_("\"{value}\" is listed twice in \"{field}\""), {{"field", key}, {"value", value}}),
                Message(N_("remove the second one")));
        } else {
            out.push_back(value);
        }
    }
    return out;
}

std::optional<JsonObjectReader> JsonObjectReader::object(const std::string& key, Presence presence) {
    const auto* v = fetch(key, presence);
    if (!v)
        return std::nullopt;
    if (!isObject(*v)) {
        wrongType(key, N_("an object { … }"));
        return std::nullopt;
    }
    return JsonObjectReader(v->extract<Poco::JSON::Object::Ptr>(), pathOf(key), *m_problems);
}

std::vector<JsonObjectReader> JsonObjectReader::objects(const std::string& key, Presence presence,
                                                        std::size_t minItems) {
    std::vector<JsonObjectReader> out;
    const auto* v = fetch(key, presence);
    if (!v)
        return out;
    if (!isArray(*v)) {
        wrongType(key, N_("a list [ … ] of objects"));
        return out;
    }
    const auto array = v->extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto element = array->get(static_cast<unsigned>(i));
        const std::string elementPath = pathOf(key) + "[" + std::to_string(i) + "]";
        if (!isObject(element)) {
            m_problems->add(
                elementPath, "json.type",
                Message(N_("each entry of \"{field}\" must be an object { … }"), {{"field", key}}),
                Message(N_("see forms/README.md for the shape of an entry")));
            continue;
        }
        out.emplace_back(element.extract<Poco::JSON::Object::Ptr>(), elementPath, *m_problems);
    }
    if (array->size() < minItems)
        problem(key, "json.too_few",
                Message(N_("\"{field}\" needs at least {count} entries"),
                        {{"field", key}, {"count", std::to_string(minItems)}}),
                Message(N_("add the missing entries")));
    return out;
}

void JsonObjectReader::finish() {
    std::vector<std::string> names;
    m_object->getNames(names);
    for (const auto& name : names) {
        if (m_known.count(name) || name == "$schema")
            continue;
        std::string suggestion;
        std::size_t best = 3; // suggest only near misses
        for (const auto& known : m_known) {
            const auto d = editDistance(name, known);
            if (d < best && !m_object->has(known)) {
                best = d;
                suggestion = known;
            }
        }
        if (!suggestion.empty())
            problem(name, "json.unknown_field", Message(N_("unknown field \"{field}\""), {{"field", name}}),
                    Message(N_("did you mean \"{suggestion}\"?"), {{"suggestion", suggestion}}));
        else
            problem(name, "json.unknown_field", Message(N_("unknown field \"{field}\""), {{"field", name}}),
                    Message(N_("remove it, or check its spelling against forms/README.md")));
    }
}

void checkDataFileFormat(JsonObjectReader& top, const DataFileFormat& f) {
    const auto format = top.text("format");
    if (!format.empty() && format != f.format)
        top.problem("format", (std::string(f.codePrefix) + ".format").c_str(),
                    Message(N_("\"format\" is \"{format}\", but {kind} says \"{expected}\""),
                            {{"format", format}, {"expected", f.format}})
                        .term("kind", f.kind),
                    Message(N_("check that the file is {kind}")).term("kind", f.kind));
    if (auto version = top.integer("format_version", 1, 1000); version && *version != f.version)
        top.problem(
            "format_version", (std::string(f.codePrefix) + ".format_version").c_str(),
            Message(N_("format version {version} is not the one this program reads ({supported})"),
                    {{"version", std::to_string(*version)}, {"supported", std::to_string(f.version)}}),
            Message(N_("update ywtb-counter, or write the file in format version {supported}"),
                    {{"supported", std::to_string(f.version)}}));
}

std::optional<JsonObjectReader> openDataFile(std::string_view text, JsonProblems& problems,
                                             const DataFileFormat& format) {
    auto root = parseJsonObject(text, problems);
    if (!root)
        return std::nullopt;
    JsonObjectReader top(root, "$", problems);
    checkDataFileFormat(top, format);
    return top;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace ywtb::core
