// The "relevant" expressions of application forms: a small, strict language parsed when the form is loaded,
// so that a misspelt field or a comparison that can never hold is refused then, not ignored at the counter.

#include "core/application_form.h"
#include "core/json_reader.h"

#include <algorithm>
#include <cctype>

namespace ywtb::core {
namespace {

struct Token {
    enum class Kind { Name, String, Number, Op, Open, Close, End } kind = Kind::End;
    std::string text;
    std::size_t at = 0; ///< 1-based character position, for the message
};

class ConditionParser {
public:
    ConditionParser(std::string_view text, const std::vector<const FormField*>& visible)
        : m_text(text), m_visible(visible) {}

    Expected<Condition> parse() {
        if (!tokenize())
            return *m_error;
        auto c = parseOr();
        if (m_error)
            return *m_error;
        if (peek().kind != Token::Kind::End)
            return syntax(N_("unexpected character or word"), peek());
        return c;
    }

private:
    bool tokenize() {
        std::size_t i = 0;
        while (i < m_text.size()) {
            const char ch = m_text[i];
            if (ch == ' ' || ch == '\t') {
                ++i;
                continue;
            }
            Token t;
            t.at = i + 1;
            if (std::isalpha(static_cast<unsigned char>(ch)) || ch == '_') {
                std::size_t j = i;
                while (j < m_text.size() &&
                       (std::isalnum(static_cast<unsigned char>(m_text[j])) || m_text[j] == '_'))
                    ++j;
                t.kind = Token::Kind::Name;
                t.text = std::string(m_text.substr(i, j - i));
                i = j;
            } else if (ch == '\'' || ch == '"') {
                const auto close = m_text.find(ch, i + 1);
                if (close == std::string_view::npos) {
                    t.text = std::string(1, ch);
                    m_error = syntax(N_("a text in quotes is not closed"), t);
                    return false;
                }
                t.kind = Token::Kind::String;
                t.text = std::string(m_text.substr(i + 1, close - i - 1));
                i = close + 1;
            } else if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '-') {
                std::size_t j = i + 1;
                while (j < m_text.size() &&
                       (std::isdigit(static_cast<unsigned char>(m_text[j])) || m_text[j] == '.'))
                    ++j;
                t.kind = Token::Kind::Number;
                t.text = std::string(m_text.substr(i, j - i));
                i = j;
            } else if (ch == '(' || ch == ')') {
                t.kind = ch == '(' ? Token::Kind::Open : Token::Kind::Close;
                t.text = std::string(1, ch);
                ++i;
            } else if (ch == '=' || ch == '!' || ch == '<' || ch == '>') {
                t.kind = Token::Kind::Op;
                const bool twoChars = i + 1 < m_text.size() && m_text[i + 1] == '=';
                t.text = std::string(m_text.substr(i, twoChars ? 2 : 1));
                i += twoChars ? 2 : 1;
                if (t.text == "!") {
                    m_error = syntax(N_("unexpected character or word"), t);
                    return false;
                }
            } else {
                t.text = std::string(1, ch);
                m_error = syntax(N_("unexpected character or word"), t);
                return false;
            }
            m_tokens.push_back(std::move(t));
        }
        Token end;
        end.at = m_text.size() + 1;
        m_tokens.push_back(end);
        return true;
    }

    const Token& peek() const { return m_tokens[m_next]; }
    const Token& take() { return m_tokens[m_next < m_tokens.size() - 1 ? m_next++ : m_next]; }
    bool isWord(const Token& t, const char* word) const {
        return t.kind == Token::Kind::Name && t.text == word;
    }

    Error syntax(const char* what, const Token& t) {
        return Error{
            "form.condition_syntax",
            Message(
                N_("the condition \"{condition}\" cannot be read at character {at} (\"{token}\"): {problem}"),
                {{"condition", std::string(m_text)},
                 {"at", std::to_string(t.at)},
                 {"token", t.kind == Token::Kind::End ? std::string("…") : t.text}})
                .term("problem", what),
            {},
            Message(N_("write conditions as in forms/README.md 8.4, e.g. business_type = 'catering' and not "
                       "has_licence"))};
    }
    Error syntaxWithToken(const char* what, const Token& t) { return syntax(what, t); }

    void fail(Error e) {
        if (!m_error)
            m_error = std::move(e);
    }

    Condition parseOr() {
        Condition left = parseAnd();
        if (!isWord(peek(), "or"))
            return left;
        Condition out;
        out.kind = Condition::Kind::Or;
        out.operands.push_back(std::move(left));
        while (!m_error && isWord(peek(), "or")) {
            take();
            out.operands.push_back(parseAnd());
        }
        return out;
    }

    Condition parseAnd() {
        Condition left = parseNot();
        if (!isWord(peek(), "and"))
            return left;
        Condition out;
        out.kind = Condition::Kind::And;
        out.operands.push_back(std::move(left));
        while (!m_error && isWord(peek(), "and")) {
            take();
            out.operands.push_back(parseNot());
        }
        return out;
    }

    Condition parseNot() {
        if (isWord(peek(), "not")) {
            take();
            Condition out;
            out.kind = Condition::Kind::Not;
            out.operands.push_back(parseNot());
            return out;
        }
        return parseTerm();
    }

    const FormField* findVisible(const std::string& name) const {
        for (const auto* f : m_visible)
            if (f->id == name)
                return f;
        return nullptr;
    }

    Condition parseTerm() {
        Condition out;
        if (m_error)
            return out;
        const Token t = take();
        if (t.kind == Token::Kind::Open) {
            out = parseOr();
            if (!m_error && take().kind != Token::Kind::Close)
                fail(syntaxWithToken(N_("a \"(\" is not closed by \")\""), t));
            return out;
        }
        if (t.kind != Token::Kind::Name || t.text == "and" || t.text == "or" || t.text == "not" ||
            t.text == "contains") {
            fail(syntaxWithToken(N_("a field name is expected here"), t));
            return out;
        }
        const FormField* field = findVisible(t.text);
        if (!field) {
            std::string suggestion;
            std::size_t best = 3;
            for (const auto* f : m_visible)
                if (const auto d = editDistance(t.text, f->id); d < best) {
                    best = d;
                    suggestion = f->id;
                }
            fail(Error{
                "form.condition_field",
                Message(N_("the condition \"{condition}\" names \"{field}\", which is not a field defined "
                           "before this one"),
                        {{"condition", std::string(m_text)}, {"field", t.text}}),
                {},
                suggestion.empty()
                    ? Message(
                          N_("use the id of a field above this one (a condition may look back, never ahead)"))
                    : Message(N_("did you mean \"{suggestion}\"?"), {{"suggestion", suggestion}})});
            return out;
        }
        if (field->type == FieldType::Group) {
            fail(typeError(N_("a repeating group cannot be tested; test one of its fields inside the group"),
                           field));
            return out;
        }
        out.field = field->id;
        const Token& next = peek();
        if (isWord(next, "contains")) {
            take();
            const Token value = take();
            if (field->type != FieldType::MultiChoice)
                fail(typeError(N_("\"contains\" works only on a multiple choice field"), field));
            else if (value.kind != Token::Kind::String)
                fail(syntaxWithToken(N_("an option value in quotes is expected here"), value));
            else if (!optionExists(*field, value.text))
                fail(optionError(*field, value.text));
            out.kind = Condition::Kind::Contains;
            out.literal = value.text;
            return out;
        }
        if (next.kind != Token::Kind::Op) {
            out.kind = Condition::Kind::Answered;
            return out;
        }
        const Token op = take();
        static const std::vector<std::pair<std::string, Condition::Op>> kOps{
            {"=", Condition::Op::Equal},   {"!=", Condition::Op::NotEqual},
            {"<", Condition::Op::Less},    {"<=", Condition::Op::LessEqual},
            {">", Condition::Op::Greater}, {">=", Condition::Op::GreaterEqual}};
        bool known = false;
        for (const auto& [text, value] : kOps)
            if (text == op.text) {
                out.op = value;
                known = true;
            }
        if (!known) {
            fail(syntaxWithToken(N_("not a comparison; use =, !=, <, <=, > or >="), op));
            return out;
        }
        out.kind = Condition::Kind::Compare;
        const Token value = take();
        const bool ordering = out.op != Condition::Op::Equal && out.op != Condition::Op::NotEqual;
        switch (field->type) {
        case FieldType::YesNo:
            if (ordering || !(isWord(value, "true") || isWord(value, "false")))
                fail(typeError(N_("a yes/no field is compared with = true, = false or != with them"), field));
            out.literalIsBool = true;
            break;
        case FieldType::Number:
        case FieldType::Money:
            if (value.kind != Token::Kind::Number || !isDecimal(value.text))
                fail(typeError(N_("a number field is compared with a number, e.g. > 100"), field));
            break;
        case FieldType::Date:
            if (value.kind != Token::Kind::String || !CivilDate::parse(value.text))
                fail(typeError(N_("a date field is compared with a date in quotes, e.g. >= '2026-01-01'"),
                               field));
            break;
        case FieldType::Choice:
            if (ordering || value.kind != Token::Kind::String)
                fail(typeError(N_("a choice field is compared with = or != and an option value in quotes"),
                               field));
            else if (!optionExists(*field, value.text))
                fail(optionError(*field, value.text));
            break;
        case FieldType::MultiChoice:
            fail(typeError(
                N_("a multiple choice field is tested with contains, e.g. categories contains 'catering'"),
                field));
            break;
        default:
            if (ordering || value.kind != Token::Kind::String)
                fail(typeError(N_("a text field is compared with = or != and a text in quotes"), field));
            break;
        }
        out.literal = value.text;
        return out;
    }

    // -12.5, 100: what a number comparison may hold (the tokenizer lets "-" or "1.2.3" through).
    static bool isDecimal(const std::string& s) {
        const std::size_t start = s.starts_with("-") ? 1 : 0;
        const auto dot = s.find('.');
        const auto digits = [](std::string_view part) {
            return !part.empty() && part.size() <= 15 &&
                   std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        const std::string_view view(s);
        return dot == std::string::npos
                   ? digits(view.substr(start))
                   : digits(view.substr(start, dot - start)) && digits(view.substr(dot + 1));
    }

    static bool optionExists(const FormField& field, const std::string& value) {
        for (const auto& o : field.options)
            if (o.value == value)
                return true;
        return false;
    }

    Error typeError(const char* rule, const FormField* field) {
        return Error{
            "form.condition_type",
            Message(
                N_("the condition \"{condition}\" tests \"{field}\" ({type}) in a way that can never hold"),
                {{"condition", std::string(m_text)}, {"field", field->id}})
                .term("type", displayName(field->type)),
            {},
            Message(rule)};
    }

    Error optionError(const FormField& field, const std::string& value) {
        std::string values;
        for (const auto& o : field.options)
            values += (values.empty() ? "" : ", ") + ("'" + o.value + "'");
        return Error{"form.condition_option",
                     Message(N_("the condition \"{condition}\" names the option '{value}', which \"{field}\" "
                                "does not have"),
                             {{"condition", std::string(m_text)}, {"value", value}, {"field", field.id}}),
                     {},
                     Message(N_("use one of the option values: {values}"), {{"values", values}})};
    }

    std::string_view m_text;
    const std::vector<const FormField*>& m_visible;
    std::vector<Token> m_tokens;
    std::size_t m_next = 0;
    std::optional<Error> m_error;
};

} // namespace

Expected<Condition> parseCondition(std::string_view text, const std::vector<const FormField*>& visible) {
    ConditionParser parser(text, visible);
    auto result = parser.parse();
    return result;
}

} // namespace ywtb::core
