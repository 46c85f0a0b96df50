#pragma once
// Application forms (申请表 / 申请书) per item: the definition an administrator writes in forms/application/,
// laid out in the order of the paper form so a GUI can build its fields (label, help, errors beside each)
// and the CLI can show and check it. See forms/README.md section 8.

#include "core/civil_date.h"
#include "core/error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::core {

enum class FieldType {
    Text,        ///< free text
    Number,      ///< a decimal number, with a unit (平方米, 人)
    Date,        ///< YYYY-MM-DD
    Choice,      ///< one option of a list
    MultiChoice, ///< several options of a list
    Address,     ///< a postal address
    Phone,       ///< a mainland phone number (phone_number.h)
    IdNumber,    ///< a GB 11643 ID number, check digit included
    CreditCode,  ///< a GB 32100 unified social credit code, check digit included
    Money,       ///< an amount in 元 or 万元, at most two decimals
    YesNo,       ///< 是 / 否
    Group,       ///< a repeating group of rows (股东, 家庭成员), each row with the group's fields
};

/// The name a definition file uses for `type` ("multi_choice").
const char* toString(FieldType type);
/// How a clerk says it, as an English msgid ("multiple choice").
const char* displayName(FieldType type);

/// One option of a choice list: `value` is stored, `label` is shown and printed.
struct FormOption {
    std::string value;
    std::string label;
};

/// A parsed "relevant" condition: a field is shown (and may be required) only when it holds.
/// Grammar, strict: or-expression of and-expressions of [not] terms; a term is a field name alone
/// (answered; for yes/no: answered yes), `field = literal`, `field != literal`, `field < | <= | > | >=
/// literal` (number, money, date), `field contains 'value'` (multiple choice), or a parenthesised expression.
struct Condition {
    enum class Kind { Answered, Compare, Contains, Not, And, Or };
    enum class Op { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
    Kind kind = Kind::Answered;
    std::string field;   ///< Answered, Compare, Contains
    Op op = Op::Equal;   ///< Compare
    std::string literal; ///< Compare, Contains: the text, "true"/"false", a number or a date
    bool literalIsBool = false;
    std::vector<Condition> operands; ///< Not (1), And, Or (2 or more)
};

/// What one field of the form asks, and the rules its answer must meet.
struct FormField {
    std::string id; ///< snake_case, unique in the form (in a group: unique in the group)
    FieldType type = FieldType::Text;
    std::string label; ///< as printed on the paper form, e.g. 经营场所面积
    std::string help;  ///< for the clerk: what to ask, where to find it
    bool required = false;
    bool onNotice = false;             ///< printed among the form's key values on the acceptance notice
    std::string relevantText;          ///< the condition as written; empty: always shown
    std::optional<Condition> relevant; ///< parsed
    std::string defaultFrom; ///< e.g. "applicant.name": filled from the applicant when the case opens
    // Text and address
    std::optional<int> minLength, maxLength; ///< in characters (code points)
    std::string pattern;     ///< a regular expression (PCRE, UTF-8) the whole answer must match
    std::string patternHint; ///< what the pattern asks for, in the clerk's words
    // Number and money
    std::string unit;               ///< number: 平方米, 人…; money: 元 (default) or 万元
    std::optional<double> min, max; ///< number, money
    int decimals = 0;               ///< number: most decimals allowed (money: always 2)
    // Date
    std::string minDate, maxDate; ///< "YYYY-MM-DD" or "today"
    // Choice, multiple choice
    std::vector<FormOption> options;
    // Multiple choice and group
    std::optional<int> minItems, maxItems;
    // Group
    std::vector<FormField> fields;

    const FormOption* option(const std::string& valueOrLabel) const;
    const FormField* child(const std::string& childId) const;
};

/// One application form, for one item, in one version.
struct ApplicationForm {
    std::string item; ///< the item code it belongs to; also the file name (SCJG-XK-001.json)
    int version =
        1; ///< raised by the administrator on every change; a case keeps the version it was filled with
    std::string title;  ///< e.g. 食品经营许可申请书
    std::string source; ///< where the paper form comes from (a rule's appendix, the department's model text)
    std::vector<FormField> fields;
    std::string json; ///< the definition as validated (condensed JSON), kept with each case filled with it

    const FormField* field(const std::string& id) const;
};

/// The sources "default_from" may name, e.g. "applicant.name", with the field types each can fill.
const std::vector<std::pair<std::string, std::vector<FieldType>>>& defaultSources();

/// A definition file read: the form when `errors` is empty, otherwise every problem found.
struct ApplicationFormFileResult {
    std::shared_ptr<const ApplicationForm> form;
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};

/// Parses a definition (format "ywtb-application-form", format_version 1); `file` names it in errors.
/// Every problem is reported with the file, the line, the JSON path and the fix: syntax, unknown keys and
/// types, duplicate ids, a bad pattern, a condition naming a field that is not defined before it.
ApplicationFormFileResult parseApplicationForm(std::string_view text, const std::string& file);

/// The problems of one "relevant" expression against the fields defined before it (`visible`), or the parsed
/// condition. Error codes: form.condition_syntax, form.condition_field, form.condition_type.
Expected<Condition> parseCondition(std::string_view text, const std::vector<const FormField*>& visible);

} // namespace ywtb::core
