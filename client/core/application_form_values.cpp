#include "core/application_form_values.h"

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/json_reader.h"
#include "core/phone_number.h"
#include "core/utf8.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/RegularExpression.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace ywtb::core {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// Var converts to anything, so an optional<Var> must be built in place.
std::optional<Var> some(Var v) {
    return std::optional<Var>(std::in_place, std::move(v));
}

bool isObject(const Var& v) {
    return v.type() == typeid(Object::Ptr);
}
bool isArray(const Var& v) {
    return v.type() == typeid(Array::Ptr);
}

std::string condensed(const Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

Object::Ptr parseObject(std::string_view text) {
    if (text.empty())
        return newObject();
    try {
        Poco::JSON::Parser parser;
        auto v = parser.parse(std::string(text));
        if (isObject(v))
            return v.extract<Object::Ptr>();
    } catch (const Poco::Exception&) {
    }
    return newObject();
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

// A JSON number as its shortest decimal text: Poco gives doubles, and money must not pick up rounding noise.
std::string numberText(const Var& v) {
    if (v.isInteger())
        return std::to_string(v.convert<long long>());
    const double d = v.convert<double>();
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, d).ptr;
    return std::string(buffer, end);
}

// Strict decimal: optional '-', digits, optional '.' and digits. Returns the number of decimals, or -1.
int decimalsOf(const std::string& s) {
    std::size_t i = s.starts_with("-") ? 1 : 0;
    const auto dot = s.find('.');
    const std::string whole = s.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
    const std::string fraction = dot == std::string::npos ? std::string("0") : s.substr(dot + 1);
    const auto digits = [](const std::string& part) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(whole) || !digits(fraction))
        return -1;
    return dot == std::string::npos ? 0 : static_cast<int>(fraction.size());
}

// "0120.50" → "120.5"; keeps the text exact (no floating point on the stored value).
std::string canonicalDecimal(const std::string& s, int minDecimals) {
    std::string sign = s.starts_with("-") ? "-" : "";
    std::string body = sign.empty() ? s : s.substr(1);
    const auto dot = body.find('.');
    std::string whole = body.substr(0, dot);
    std::string fraction = dot == std::string::npos ? std::string() : body.substr(dot + 1);
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    while (!fraction.empty() && fraction.back() == '0' && static_cast<int>(fraction.size()) > minDecimals)
        fraction.pop_back();
    while (static_cast<int>(fraction.size()) < minDecimals)
        fraction.push_back('0');
    if (whole == "0" && std::all_of(fraction.begin(), fraction.end(), [](char c) { return c == '0'; }))
        sign.clear();
    return sign + whole + (fraction.empty() ? "" : "." + fraction);
}

std::string boundText(double bound) {
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, bound).ptr;
    return std::string(buffer, end);
}

std::string optionList(const FormField& f) {
    std::string out;
    for (const auto& o : f.options)
        out += (out.empty() ? "" : "、") + o.label + "（" + o.value + "）";
    return out;
}

std::vector<std::string> splitChoices(const std::string& text) {
    std::vector<std::string> parts;
    std::string current;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ',') {
            parts.push_back(trim(current));
            current.clear();
            ++i;
        } else if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0) {
            parts.push_back(trim(current));
            current.clear();
            i += 3;
        } else {
            current += text[i++];
        }
    }
    parts.push_back(trim(current));
    parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
    return parts;
}

// Evaluates a parsed condition against the normalised values of the fields before it (`scope`: the row of a
// group first, then the form). An unanswered field makes every comparison false.
bool holds(const Condition& c, const std::vector<const Object*>& scopes,
           const std::vector<const FormField*>& fields) {
    const auto lookup = [&](const std::string& id) -> std::optional<Var> {
        for (const auto* scope : scopes)
            if (scope->has(id))
                return some(scope->get(id));
        return std::nullopt;
    };
    const auto fieldOf = [&](const std::string& id) -> const FormField* {
        for (const auto* f : fields)
            if (f->id == id)
                return f;
        return nullptr;
    };
    switch (c.kind) {
    case Condition::Kind::Not:
        return !holds(c.operands.front(), scopes, fields);
    case Condition::Kind::And:
        return std::all_of(c.operands.begin(), c.operands.end(),
                           [&](const Condition& o) { return holds(o, scopes, fields); });
    case Condition::Kind::Or:
        return std::any_of(c.operands.begin(), c.operands.end(),
                           [&](const Condition& o) { return holds(o, scopes, fields); });
    case Condition::Kind::Answered: {
        const auto v = lookup(c.field);
        if (!v)
            return false;
        if (v->isBoolean())
            return v->extract<bool>();
        return true;
    }
    case Condition::Kind::Contains: {
        const auto v = lookup(c.field);
        if (!v || !isArray(*v))
            return false;
        const auto array = v->extract<Array::Ptr>();
        for (std::size_t i = 0; i < array->size(); ++i)
            if (array->getElement<std::string>(static_cast<unsigned>(i)) == c.literal)
                return true;
        return false;
    }
    case Condition::Kind::Compare: {
        const auto v = lookup(c.field);
        if (!v)
            return false;
        const auto* f = fieldOf(c.field);
        int order = 0;
        if (c.literalIsBool) {
            const bool value = v->isBoolean() && v->extract<bool>();
            order = value == (c.literal == "true") ? 0 : 1;
        } else if (f && (f->type == FieldType::Number || f->type == FieldType::Money)) {
            const double a = std::stod(v->convert<std::string>());
            const double b = std::stod(c.literal);
            order = a < b ? -1 : (a > b ? 1 : 0);
        } else {
            const auto a = v->convert<std::string>();
            order = a < c.literal ? -1 : (a > c.literal ? 1 : 0);
        }
        switch (c.op) {
        case Condition::Op::Equal:
            return order == 0;
        case Condition::Op::NotEqual:
            return order != 0;
        case Condition::Op::Less:
            return order < 0;
        case Condition::Op::LessEqual:
            return order <= 0;
        case Condition::Op::Greater:
            return order > 0;
        case Condition::Op::GreaterEqual:
            return order >= 0;
        }
        return false;
    }
    }
    return false;
}

struct Place {
    std::string path;  ///< "area", "shareholders[2].name"
    std::string label; ///< "经营场所面积", "股东（第2行）姓名"
};

class Checker {
public:
    Checker(const ApplicationForm& form, CivilDate today) : m_form(form), m_today(today) {}

    FormCheck run(const Object::Ptr& input) {
        auto out = newObject();
        rejectUnknown(*input, m_form.fields, "");
        std::vector<const FormField*> seen;
        checkFields(m_form.fields, *input, *out, {}, seen, {"", ""});
        m_result.values = condensed(out);
        return std::move(m_result);
    }

private:
    void rejectUnknown(const Object& values, const std::vector<FormField>& fields,
                       const std::string& prefix) {
        std::vector<std::string> names;
        values.getNames(names);
        for (const auto& name : names) {
            if (std::any_of(fields.begin(), fields.end(), [&](const FormField& f) { return f.id == name; }))
                continue;
            std::string suggestion;
            std::size_t best = 3;
            for (const auto& f : fields)
                if (const auto d = editDistance(name, f.id); d < best) {
                    best = d;
                    suggestion = f.id;
                }
            addError(
                prefix + name,
                Error{
                    "form.unknown_field",
                    Message(N_("{form} has no field \"{field}\""), {{"form", m_form.title}, {"field", name}}),
                    prefix + name,
                    suggestion.empty()
                        ? Message(N_("see the fields with: form show {item}"), {{"item", m_form.item}})
                        : Message(N_("did you mean \"{suggestion}\"?"), {{"suggestion", suggestion}})});
        }
    }

    void addError(const std::string& path, Error e) {
        m_result.errors.push_back(std::move(e));
        m_result.errorFields.push_back(path);
    }

    void problem(const Place& at, const char* code, Message what, Message fix) {
        addError(at.path, Error{code, std::move(what), at.label + " (" + at.path + ")", std::move(fix)});
    }

    // Wraps an error of a shared validator (ID number, credit code, phone) with the field it belongs to.
    void wrapped(const Place& at, const Error& e) {
        addError(at.path,
                 Error{e.code, e.what,
                       at.label + " (" + at.path + ")" + (e.where.empty() ? "" : " " + e.where), e.fix});
    }

    void checkFields(const std::vector<FormField>& fields, const Object& input, Object& out,
                     std::vector<const Object*> outerScopes, std::vector<const FormField*>& seen,
                     const Place& rowPlace) {
        std::vector<const Object*> scopes{&out};
        scopes.insert(scopes.end(), outerScopes.begin(), outerScopes.end());
        for (const auto& f : fields) {
            const Place at{rowPlace.path + f.id, rowPlace.label + f.label};
            seen.push_back(&f);
            if (f.relevant && !holds(*f.relevant, scopes, seen)) {
                m_result.hidden.push_back(at.path);
                continue; // hidden: not required, and whatever was typed is dropped
            }
            const bool present = input.has(f.id) && !input.isNull(f.id);
            if (!present) {
                missingIfRequired(f, at);
                continue;
            }
            const auto value = input.get(f.id);
            if (f.type == FieldType::Group) {
                checkGroup(f, value, out, scopes, seen, at);
                continue;
            }
            if (auto normalised = checkValue(f, value, at))
                out.set(f.id, normalised.value());
            else if (m_unanswered)
                missingIfRequired(f, at);
        }
    }

    void missingIfRequired(const FormField& f, const Place& at) {
        m_unanswered = false;
        if (f.type == FieldType::Group) {
            if (f.required || f.minItems)
                m_result.missing.push_back(
                    {at.path, at.label + "（至少" + std::to_string(f.minItems.value_or(1)) + "行）"});
        } else if (f.required) {
            m_result.missing.push_back({at.path, at.label});
        }
    }

    void checkGroup(const FormField& f, const Var& value, Object& out,
                    const std::vector<const Object*>& scopes, std::vector<const FormField*>& seen,
                    const Place& at) {
        if (!isArray(value)) {
            problem(at, "form.type", Message(N_("the answer must be a list of rows [ { … } ]")),
                    Message(N_("give one object per row")));
            return;
        }
        const auto rows = value.extract<Array::Ptr>();
        Array::Ptr kept = new Array;
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const auto row = rows->get(static_cast<unsigned>(i));
            const Place rowPlace{at.path + "[" + std::to_string(i + 1) + "].",
                                 at.label + "（第" + std::to_string(i + 1) + "行）"};
            if (!isObject(row)) {
                problem({at.path + "[" + std::to_string(i + 1) + "]", rowPlace.label}, "form.type",
                        Message(N_("each row must be an object { … }")),
                        Message(N_("give the row's answers by field id")));
                continue;
            }
            const auto rowInput = row.extract<Object::Ptr>();
            rejectUnknown(*rowInput, f.fields, rowPlace.path);
            auto rowOut = newObject();
            auto rowSeen = seen;
            checkFields(f.fields, *rowInput, *rowOut, scopes, rowSeen, rowPlace);
            kept->add(rowOut);
        }
        const auto count = static_cast<int>(rows->size());
        if (f.maxItems && count > *f.maxItems)
            problem(at, "form.too_many_rows",
                    Message(N_("{count} rows are given, at most {max} are allowed"),
                            {{"count", std::to_string(count)}, {"max", std::to_string(*f.maxItems)}}),
                    Message(N_("remove the rows that are not needed")));
        const int needed = f.minItems.value_or(f.required ? 1 : 0);
        if (count < needed)
            m_result.missing.push_back({at.path, at.label + "（至少" + std::to_string(needed) + "行）"});
        if (count > 0)
            out.set(f.id, kept);
    }

    // The normalised answer, or nothing (an error was recorded, or the answer is empty: m_unanswered).
    std::optional<Var> checkValue(const FormField& f, const Var& value, const Place& at) {
        if (f.type == FieldType::MultiChoice)
            return checkMultiChoice(f, value, at);
        if (f.type == FieldType::YesNo)
            return checkYesNo(value, at);
        std::string text;
        if (value.isString())
            text = trim(value.extract<std::string>());
        else if (value.isNumeric() && !value.isBoolean() &&
                 (f.type == FieldType::Number || f.type == FieldType::Money))
            text = numberText(value);
        else {
            problem(at, "form.type",
                    Message(N_("the answer must be {expected}")).term("expected", displayName(f.type)),
                    Message(N_("write the answer as text in quotes")));
            return std::nullopt;
        }
        if (text.empty()) {
            m_unanswered = true;
            return std::nullopt;
        }
        switch (f.type) {
        case FieldType::Text:
        case FieldType::Address:
            return checkText(f, text, at);
        case FieldType::Number:
        case FieldType::Money:
            return checkNumber(f, text, at);
        case FieldType::Date:
            return checkDate(f, text, at);
        case FieldType::Choice: {
            if (const auto* o = f.option(text))
                return some(Var(o->value));
            problem(at, "form.choice",
                    Message(N_("\"{value}\" is not one of the options"), {{"value", text}}),
                    Message(N_("choose one of: {options}"), {{"options", optionList(f)}}));
            return std::nullopt;
        }
        case FieldType::Phone: {
            auto phone = parsePhoneNumber(text);
            if (!phone) {
                wrapped(at, phone.error());
                return std::nullopt;
            }
            return some(Var(phone->normalised()));
        }
        case FieldType::IdNumber: {
            auto id = parseIdNumber(text, m_today);
            if (!id) {
                wrapped(at, id.error());
                return std::nullopt;
            }
            return some(Var(id->number));
        }
        case FieldType::CreditCode: {
            auto code = parseCreditCode(text);
            if (!code) {
                wrapped(at, code.error());
                return std::nullopt;
            }
            return some(Var(code->code));
        }
        default:
            return std::nullopt;
        }
    }

    std::optional<Var> checkText(const FormField& f, const std::string& text, const Place& at) {
        const auto length = static_cast<int>(decodeUtf8(text).size());
        bool ok = true;
        if (f.minLength && length < *f.minLength) {
            problem(at, "form.too_short",
                    Message(N_("the answer has {count} characters, at least {min} are needed"),
                            {{"count", std::to_string(length)}, {"min", std::to_string(*f.minLength)}}),
                    Message(N_("write the answer in full")));
            ok = false;
        }
        if (f.maxLength && length > *f.maxLength) {
            problem(at, "form.too_long",
                    Message(N_("the answer has {count} characters, at most {max} are allowed"),
                            {{"count", std::to_string(length)}, {"max", std::to_string(*f.maxLength)}}),
                    Message(N_("shorten it to {max} characters"), {{"max", std::to_string(*f.maxLength)}}));
            ok = false;
        }
        if (ok && !f.pattern.empty()) {
            bool matches = false;
            try {
                Poco::RegularExpression pattern(f.pattern, Poco::RegularExpression::RE_UTF8);
                matches = pattern.match(text);
            } catch (const Poco::Exception&) {
                matches = false;
            }
            if (!matches) {
                // The answer may be personal (a name, a licence number): the message does not repeat it.
                problem(at, "form.pattern", Message(N_("the answer is not in the form this field asks for")),
                        Message(N_("write it as: {hint}"), {{"hint", f.patternHint}}));
                ok = false;
            }
        }
        if (!ok)
            return std::nullopt;
        return some(Var(text));
    }

    std::optional<Var> checkNumber(const FormField& f, std::string text, const Place& at) {
        const bool money = f.type == FieldType::Money;
        if (money && text.ends_with(f.unit))
            text = trim(text.substr(0, text.size() - f.unit.size()));
        else if (!money && !f.unit.empty() && text.ends_with(f.unit))
            text = trim(text.substr(0, text.size() - f.unit.size()));
        // Longer than any figure on a form, and beyond what a double holds exactly.
        const int decimals = text.size() > 24 ? -1 : decimalsOf(text);
        if (decimals < 0) {
            problem(
                at, money ? "form.money" : "form.number",
                Message(N_("\"{value}\" is not a number"), {{"value", text}}),
                money ? Message(
                            N_("write the amount in {unit} with at most two decimals, e.g. 1200 or 1200.50"),
                            {{"unit", f.unit}})
                      : Message(N_("write digits, with a decimal point if needed, e.g. 120.5")));
            return std::nullopt;
        }
        if (decimals > f.decimals) {
            if (f.decimals == 0)
                problem(at, "form.decimals",
                        Message(N_("\"{value}\" is not a whole number"), {{"value", text}}),
                        Message(N_("write a whole number of {unit}"), {{"unit", f.unit}}));
            else
                problem(at, "form.decimals",
                        Message(N_("\"{value}\" has more than {decimals} decimals"),
                                {{"value", text}, {"decimals", std::to_string(f.decimals)}}),
                        Message(N_("round it to {decimals} decimals"),
                                {{"decimals", std::to_string(f.decimals)}}));
            return std::nullopt;
        }
        const double number = std::stod(text);
        if (f.min && number < *f.min) {
            problem(at, "form.below_min",
                    Message(N_("{value} {unit} is less than the least allowed, {min} {unit}"),
                            {{"value", text}, {"unit", f.unit}, {"min", boundText(*f.min)}}),
                    Message(N_("check the figure against the applicant's documents")));
            return std::nullopt;
        }
        if (f.max && number > *f.max) {
            problem(at, "form.above_max",
                    Message(N_("{value} {unit} is more than the most allowed, {max} {unit}"),
                            {{"value", text}, {"unit", f.unit}, {"max", boundText(*f.max)}}),
                    Message(N_("check the figure against the applicant's documents")));
            return std::nullopt;
        }
        return some(Var(canonicalDecimal(text, money ? 2 : 0)));
    }

    std::optional<Var> checkDate(const FormField& f, const std::string& text, const Place& at) {
        auto date = CivilDate::parse(text);
        if (!date) {
            problem(at, "form.date", Message(N_("\"{value}\" is not a date"), {{"value", text}}),
                    Message(N_("write it as YYYY-MM-DD, e.g. 2026-09-28")));
            return std::nullopt;
        }
        const auto bound = [&](const std::string& b) {
            return b == "today" ? m_today : CivilDate::parse(b).value();
        };
        if (!f.minDate.empty() && *date < bound(f.minDate)) {
            problem(at, "form.date_too_early",
                    Message(N_("{value} is before the earliest date allowed, {min}"),
                            {{"value", date->iso()}, {"min", bound(f.minDate).iso()}}),
                    Message(N_("check the date with the applicant")));
            return std::nullopt;
        }
        if (!f.maxDate.empty() && *date > bound(f.maxDate)) {
            problem(at, "form.date_too_late",
                    Message(N_("{value} is after the latest date allowed, {max}"),
                            {{"value", date->iso()}, {"max", bound(f.maxDate).iso()}}),
                    Message(N_("check the date with the applicant")));
            return std::nullopt;
        }
        return some(Var(date->iso()));
    }

    std::optional<Var> checkYesNo(const Var& value, const Place& at) {
        if (value.isBoolean())
            return some(Var(value.extract<bool>()));
        if (value.isString()) {
            const auto text = trim(value.extract<std::string>());
            if (text.empty()) {
                m_unanswered = true;
                return std::nullopt;
            }
            for (const char* yes : {"是", "yes", "true", "y", "有"})
                if (text == yes)
                    return some(Var(true));
            for (const char* no : {"否", "no", "false", "n", "无"})
                if (text == no)
                    return some(Var(false));
        }
        problem(at, "form.yes_no", Message(N_("the answer must be yes or no")),
                Message(N_("answer 是 or 否 (yes or no)")));
        return std::nullopt;
    }

    std::optional<Var> checkMultiChoice(const FormField& f, const Var& value, const Place& at) {
        std::vector<std::string> given;
        if (value.isString()) {
            given = splitChoices(value.extract<std::string>());
        } else if (isArray(value)) {
            const auto array = value.extract<Array::Ptr>();
            for (std::size_t i = 0; i < array->size(); ++i) {
                const auto element = array->get(static_cast<unsigned>(i));
                if (!element.isString()) {
                    problem(at, "form.type", Message(N_("each choice must be an option value in quotes")),
                            Message(N_("choose from: {options}"), {{"options", optionList(f)}}));
                    return std::nullopt;
                }
                given.push_back(trim(element.extract<std::string>()));
            }
        } else {
            problem(at, "form.type", Message(N_("the answer must be a list of option values")),
                    Message(N_("choose from: {options}"), {{"options", optionList(f)}}));
            return std::nullopt;
        }
        std::vector<std::string> chosen;
        bool ok = true;
        for (const auto& g : given) {
            const auto* o = f.option(g);
            if (!o) {
                problem(at, "form.choice",
                        Message(N_("\"{value}\" is not one of the options"), {{"value", g}}),
                        Message(N_("choose from: {options}"), {{"options", optionList(f)}}));
                ok = false;
            } else if (std::find(chosen.begin(), chosen.end(), o->value) == chosen.end()) {
                chosen.push_back(o->value);
            }
        }
        if (!ok)
            return std::nullopt;
        if (chosen.empty()) {
            m_unanswered = true;
            return std::nullopt;
        }
        const auto count = static_cast<int>(chosen.size());
        if (f.minItems && count < *f.minItems) {
            problem(at, "form.too_few_choices",
                    Message(N_("{count} options are chosen, at least {min} are needed"),
                            {{"count", std::to_string(count)}, {"min", std::to_string(*f.minItems)}}),
                    Message(N_("choose from: {options}"), {{"options", optionList(f)}}));
            return std::nullopt;
        }
        if (f.maxItems && count > *f.maxItems) {
            problem(at, "form.too_many_choices",
                    Message(N_("{count} options are chosen, at most {max} are allowed"),
                            {{"count", std::to_string(count)}, {"max", std::to_string(*f.maxItems)}}),
                    Message(N_("keep only the options that apply")));
            return std::nullopt;
        }
        // In the order of the options, so that the same answer is always stored the same way.
        Array::Ptr out = new Array;
        for (const auto& o : f.options)
            if (std::find(chosen.begin(), chosen.end(), o.value) != chosen.end())
                out->add(o.value);
        return some(Var(out));
    }

    const ApplicationForm& m_form;
    CivilDate m_today;
    FormCheck m_result;
    bool m_unanswered = false;
};

// "shareholders[2].name" → ("shareholders", 2, "name"); "area" → ("area", 0, "").
struct SetPath {
    std::string field;
    std::size_t row = 0;
    std::string child;
};

std::optional<SetPath> parseSetPath(const std::string& path) {
    SetPath out;
    const auto open = path.find('[');
    if (open == std::string::npos) {
        out.field = path;
        return out.field.empty() ? std::nullopt : std::optional<SetPath>(out);
    }
    const auto close = path.find(']', open);
    if (close == std::string::npos)
        return std::nullopt;
    out.field = path.substr(0, open);
    const auto number = path.substr(open + 1, close - open - 1);
    if (number.empty() || number.size() > 4 ||
        !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    out.row = static_cast<std::size_t>(std::stoul(number));
    if (out.row == 0)
        return std::nullopt;
    const auto rest = path.substr(close + 1);
    if (!rest.empty()) {
        if (rest[0] != '.' || rest.size() < 2)
            return std::nullopt;
        out.child = rest.substr(1);
    }
    return out;
}

Error setError(const std::string& assignment, Message what, Message fix) {
    return Error{"form.set", std::move(what), assignment, std::move(fix)};
}

// Applies "path=value" to the raw values; the checker judges the value itself afterwards.
std::optional<Error> applyAssignment(const ApplicationForm& form, Object& values,
                                     const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos)
        return setError(
            assignment, Message(N_("\"{text}\" is not of the form field=value"), {{"text", assignment}}),
            Message(N_("write --set field=value, e.g. --set business_name=上海某某餐饮有限公司")));
    const auto path = parseSetPath(assignment.substr(0, eq));
    const auto value = assignment.substr(eq + 1);
    if (!path)
        return setError(assignment,
                        Message(N_("\"{text}\" does not name a field"), {{"text", assignment.substr(0, eq)}}),
                        Message(N_("write field=value, or group[ROW].field=value with rows counted from 1")));
    const auto* field = form.field(path->field);
    if (!field) {
        std::string suggestion;
        std::size_t best = 3;
        for (const auto& f : form.fields)
            if (const auto d = editDistance(path->field, f.id); d < best) {
                best = d;
                suggestion = f.id;
            }
        return Error{
            "form.unknown_field",
            Message(N_("{form} has no field \"{field}\""), {{"form", form.title}, {"field", path->field}}),
            path->field,
            suggestion.empty() ? Message(N_("see the fields with: form show {item}"), {{"item", form.item}})
                               : Message(N_("did you mean \"{suggestion}\"?"), {{"suggestion", suggestion}})};
    }
    if (path->row == 0) {
        if (field->type == FieldType::Group)
            return setError(
                assignment,
                Message(N_("\"{field}\" is a repeating group; set one field of one row"),
                        {{"field", field->id}}),
                Message(N_("write {field}[1].FIELD=value, rows counted from 1"), {{"field", field->id}}));
        if (value.empty())
            values.remove(field->id);
        else
            values.set(field->id, value);
        return std::nullopt;
    }
    if (field->type != FieldType::Group)
        return setError(assignment, Message(N_("\"{field}\" has no rows"), {{"field", field->id}}),
                        Message(N_("write {field}=value"), {{"field", field->id}}));
    Array::Ptr rows;
    if (values.has(field->id) && isArray(values.get(field->id)))
        rows = values.getArray(field->id);
    else
        rows = new Array;
    if (path->row > rows->size() + 1)
        return setError(assignment,
                        Message(N_("row {row} of \"{field}\" cannot be set: the group has {count} rows"),
                                {{"row", std::to_string(path->row)},
                                 {"field", field->id},
                                 {"count", std::to_string(rows->size())}}),
                        Message(N_("add the rows in order: the next one is {next}"),
                                {{"next", std::to_string(rows->size() + 1)}}));
    if (path->child.empty()) {
        if (!value.empty())
            return setError(
                assignment, Message(N_("a whole row cannot be given one value")),
                Message(N_("set one field of the row, or write {field}[{row}]= to remove the row"),
                        {{"field", field->id}, {"row", std::to_string(path->row)}}));
        if (path->row <= rows->size())
            rows->remove(static_cast<unsigned>(path->row - 1));
        values.set(field->id, rows);
        return std::nullopt;
    }
    if (!field->child(path->child))
        return Error{"form.unknown_field",
                     Message(N_("the group \"{group}\" has no field \"{field}\""),
                             {{"group", field->id}, {"field", path->child}}),
                     assignment, Message(N_("see the fields with: form show {item}"), {{"item", form.item}})};
    Object::Ptr row;
    if (path->row == rows->size() + 1) {
        row = newObject();
        rows->add(row);
    } else {
        const auto existing = rows->get(static_cast<unsigned>(path->row - 1));
        row = isObject(existing) ? existing.extract<Object::Ptr>() : newObject();
        rows->set(static_cast<unsigned>(path->row - 1), row);
    }
    if (value.empty())
        row->remove(path->child);
    else
        row->set(path->child, value);
    values.set(field->id, rows);
    return std::nullopt;
}

std::string displayValue(const FormField& f, const Var& v) {
    switch (f.type) {
    case FieldType::YesNo:
        return v.isBoolean() && v.extract<bool>() ? "是" : "否";
    case FieldType::Choice: {
        const auto* o = f.option(v.convert<std::string>());
        return o ? o->label : v.convert<std::string>();
    }
    case FieldType::MultiChoice: {
        std::string out;
        if (isArray(v)) {
            const auto array = v.extract<Array::Ptr>();
            for (std::size_t i = 0; i < array->size(); ++i) {
                const auto value = array->getElement<std::string>(static_cast<unsigned>(i));
                const auto* o = f.option(value);
                out += (out.empty() ? "" : "、") + (o ? o->label : value);
            }
        }
        return out;
    }
    case FieldType::Number:
    case FieldType::Money:
        return v.convert<std::string>() + f.unit;
    default:
        return v.convert<std::string>();
    }
}

std::vector<DisplayedField> displayFields(const std::vector<FormField>& fields, const Object& values) {
    std::vector<DisplayedField> out;
    for (const auto& f : fields) {
        if (!values.has(f.id) || values.isNull(f.id))
            continue;
        DisplayedField d{f.id, f.type, f.label, {}, f.onNotice, {}};
        const auto v = values.get(f.id);
        if (f.type == FieldType::Group) {
            if (!isArray(v))
                continue;
            const auto rows = v.extract<Array::Ptr>();
            for (std::size_t i = 0; i < rows->size(); ++i) {
                const auto row = rows->get(static_cast<unsigned>(i));
                if (!isObject(row))
                    continue;
                auto cells = displayFields(f.fields, *row.extract<Object::Ptr>());
                std::string line;
                for (const auto& cell : cells)
                    line += (line.empty() ? "" : "，") + cell.text;
                d.text += (d.text.empty() ? "" : "；") + line;
                d.rows.push_back(std::move(cells));
            }
        } else {
            d.text = displayValue(f, v);
        }
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace

FormCheck checkFormValues(const ApplicationForm& form, std::string_view values, CivilDate today) {
    return Checker(form, today).run(parseObject(values));
}

FormCheck updateFormValues(const ApplicationForm& form, std::string_view current, const FormInput& input,
                           CivilDate today) {
    auto values = parseObject(current);
    if (input.merge) {
        std::vector<std::string> names;
        input.merge->getNames(names);
        for (const auto& name : names) {
            if (input.merge->isNull(name))
                values->remove(name);
            else
                values->set(name, input.merge->get(name));
        }
    }
    FormCheck setProblems;
    for (const auto& assignment : input.assignments)
        if (auto e = applyAssignment(form, *values, assignment)) {
            setProblems.errors.push_back(*e);
            setProblems.errorFields.push_back(e->where);
        }
    if (!setProblems.errors.empty())
        return setProblems;
    return Checker(form, today).run(values);
}

std::string defaultFormValues(const ApplicationForm& form, const Applicant& applicant,
                              const std::optional<Agent>& agent, CivilDate today) {
    const auto source = [&](const std::string& name) -> std::string {
        if (name == "applicant.name")
            return applicant.name;
        if (name == "applicant.id_number")
            return applicant.idNumber;
        if (name == "applicant.credit_code")
            return applicant.creditCode;
        if (name == "applicant.legal_representative")
            return applicant.legalRepresentative;
        if (name == "applicant.phone")
            return applicant.phone;
        if (name == "applicant.address")
            return applicant.address;
        if (name == "applicant.birth_date") {
            auto id = parseIdNumber(applicant.idNumber, today);
            return id ? id->birthDate.iso() : std::string();
        }
        if (name == "agent.name")
            return agent ? agent->name : std::string();
        if (name == "agent.id_number")
            return agent ? agent->idNumber : std::string();
        if (name == "agent.phone")
            return agent ? agent->phone : std::string();
        return {};
    };
    auto values = newObject();
    for (const auto& f : form.fields)
        if (!f.defaultFrom.empty())
            if (auto v = source(f.defaultFrom); !v.empty())
                values->set(f.id, v);
    // A default the form does not accept (too long, a hidden field) is left for the clerk rather than
    // refused.
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto check = Checker(form, today).run(values);
        if (check.ok())
            return check.values;
        for (const auto& field : check.errorFields)
            values->remove(field);
    }
    return "{}";
}

std::vector<DisplayedField> displayForm(const ApplicationForm& form, std::string_view values) {
    return displayFields(form.fields, *parseObject(values));
}

Expected<Poco::JSON::Object::Ptr> parseFormValuesFile(std::string_view text, const std::string& file) {
    JsonProblems problems(file);
    auto root = parseJsonObject(text, problems);
    if (!root)
        return problems.errors().front();
    root->remove("$schema");
    return root;
}

std::string describeMissing(const std::vector<MissingField>& missing) {
    std::string out;
    for (const auto& m : missing)
        out += (out.empty() ? "" : "、") + m.label + " (" + m.field + ")";
    return out;
}

} // namespace ywtb::core
