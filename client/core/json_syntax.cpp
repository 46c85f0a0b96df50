#include "core/json_syntax.h"

#include <cctype>
#include <set>
#include <vector>

namespace ywtb::core {
namespace {

class Scanner {
public:
    Scanner(std::string_view text, JsonLineMap* lines) : m_text(text), m_lines(lines) {}

    std::optional<JsonSyntaxProblem> run() {
        skipSpace();
        if (m_pos == 0 && m_text.substr(0, 3) == "\xEF\xBB\xBF") { // a UTF-8 byte order mark is harmless
            m_pos = 3;
            skipSpace();
        }
        if (!value(0, "$"))
            return m_problem;
        skipSpace();
        if (m_pos != m_text.size())
            fail("unexpected text after the end of the document");
        return m_problem;
    }

private:
    static constexpr int kMaxDepth = 200;

    bool fail(std::string what) {
        if (!m_problem) {
            JsonSyntaxProblem p;
            for (std::size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
                if (m_text[i] == '\n') {
                    ++p.line;
                    p.column = 1;
                } else {
                    ++p.column;
                }
            }
            p.what = std::move(what);
            m_problem = p;
        }
        return false;
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    std::string describe() const {
        if (atEnd())
            return "the text ends too early";
        return std::string("unexpected '") + peek() + "'";
    }

    bool value(int depth, const std::string& path) {
        skipSpace();
        if (depth > kMaxDepth)
            return fail("nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
        if (m_lines) {
            while (m_counted < m_pos && m_counted < m_text.size())
                m_line += m_text[m_counted++] == '\n' ? 1 : 0;
            (*m_lines)[path] = m_line;
        }
        switch (peek()) {
        case '{':
            return object(depth, path);
        case '[':
            return array(depth, path);
        case '"': {
            std::string ignored;
            return string(ignored);
        }
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return number();
            return fail(describe() + " where a value should start");
        }
    }

    bool literal(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail(describe() + " where a value should start");
        m_pos += word.size();
        return true;
    }

    bool digits() {
        const auto start = m_pos;
        while (peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number() {
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (!digits()) {
            return fail("a number needs digits");
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits())
                return fail("a number needs digits after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return fail("a number needs digits in its exponent");
        }
        return true;
    }

    bool string(std::string& out) {
        ++m_pos; // opening quote
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(c == '\n' ? "a string is not closed before the end of the line"
                                      : "a control character inside a string must be escaped");
            if (c == '\\') {
                ++m_pos;
                const char e = peek();
                if (e == 'u') {
                    for (int i = 1; i <= 4; ++i)
                        if (!std::isxdigit(static_cast<unsigned char>(
                                m_text.size() > m_pos + i ? m_text[m_pos + i] : 'g')))
                            return fail("\\u needs four hexadecimal digits");
                    out.append(m_text.substr(m_pos - 1, 6));
                    m_pos += 5;
                    continue;
                }
                if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || atEnd())
                    return fail(std::string("unknown escape \\") + e);
                out += '\\';
                out += e;
                ++m_pos;
                continue;
            }
            out += c;
            ++m_pos;
        }
        return fail("a string is not closed");
    }

    bool object(int depth, const std::string& path) {
        ++m_pos; // {
        std::set<std::string> keys;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return fail(describe() + " where a quoted key should be");
            const auto keyStart = m_pos;
            std::string key;
            if (!string(key))
                return false;
            if (!keys.insert(key).second) {
                m_pos = keyStart;
                return fail("the key \"" + key + "\" appears twice in the same object");
            }
            skipSpace();
            if (peek() != ':')
                return fail(describe() + " where ':' should follow the key");
            ++m_pos;
            if (!value(depth + 1, path + "." + key))
                return false;
            skipSpace();
            if (peek() == ',') {
                const auto comma = m_pos++;
                skipSpace();
                if (peek() == '}') {
                    m_pos = comma;
                    return fail("a comma before '}' (trailing commas are not allowed)");
                }
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            return fail(describe() + " where ',' or '}' should be (is a comma missing?)");
        }
    }

    bool array(int depth, const std::string& path) {
        ++m_pos; // [
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (std::size_t index = 0;; ++index) {
            if (!value(depth + 1, path + "[" + std::to_string(index) + "]"))
                return false;
            skipSpace();
            if (peek() == ',') {
                const auto comma = m_pos++;
                skipSpace();
                if (peek() == ']') {
                    m_pos = comma;
                    return fail("a comma before ']' (trailing commas are not allowed)");
                }
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            return fail(describe() + " where ',' or ']' should be (is a comma missing?)");
        }
    }

    std::string_view m_text;
    JsonLineMap* m_lines;
    std::size_t m_line = 1; ///< line of m_counted, advanced lazily: counting costs only when lines are wanted
    std::size_t m_counted = 0;
    std::size_t m_pos = 0;
    std::optional<JsonSyntaxProblem> m_problem;
};

} // namespace

std::optional<JsonSyntaxProblem> findJsonSyntaxProblem(std::string_view text) {
    return Scanner(text, nullptr).run();
}

std::optional<JsonSyntaxProblem> findJsonSyntaxProblem(std::string_view text, JsonLineMap& lines) {
    return Scanner(text, &lines).run();
}

} // namespace ywtb::core
