#pragma once
// The answers of an application form: checked field by field as the clerk types them, normalised for the
// case, and shown on notices. Values are a JSON object keyed by field id; a repeating group is a list of
// such objects. Rows of a group are counted from 1 in paths and messages: "shareholders[2].name".

#include "core/application_form.h"
#include "core/case.h"

#include <Poco/JSON/Object.h>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// A required field that is shown but not answered yet: the form is not complete.
struct MissingField {
    std::string field; ///< path, e.g. "premises_area" or "shareholders[1].name"
    std::string label; ///< e.g. 经营场所面积, or 股东（第1行）姓名
};

/// The outcome of checking a form's values.
struct FormCheck {
    std::string values; ///< normalised values (condensed JSON object); hidden fields and their values dropped
    std::vector<Error>
        errors; ///< answers that are wrong; `where` is "label (path)". Nothing may be stored then
    std::vector<std::string>
        errorFields; ///< the path of each error, same order, for a GUI to put the message beside its field
    std::vector<MissingField> missing; ///< required fields still to answer
    std::vector<std::string>
        hidden; ///< paths of the fields whose "relevant" condition does not hold: not asked now
    bool ok() const { return errors.empty(); }
    bool complete() const { return errors.empty() && missing.empty(); }
};

/// A change the clerk makes: values to merge (a JSON object; null removes an answer; a group's list replaces
/// the whole group) and then assignments "field=value" ("shareholders[2].name=张三"; "field=" clears;
/// "group[N]=" removes row N).
struct FormInput {
    Poco::JSON::Object::Ptr merge;
    std::vector<std::string> assignments;
};

/// Checks `values` (a JSON object as text) against `form`: answers are normalised (phone numbers, upper-case
/// check characters, money with two decimals, dates as YYYY-MM-DD, options by value), answers of hidden
/// fields are dropped, and every wrong answer and every missing required answer is reported.
FormCheck checkFormValues(const ApplicationForm& form, std::string_view values, CivilDate today);

/// Applies `input` to the `current` values and checks the result.
FormCheck updateFormValues(const ApplicationForm& form, std::string_view current, const FormInput& input,
                           CivilDate today);

/// The values a new case starts with: the fields with "default_from", filled from the applicant and agent.
std::string defaultFormValues(const ApplicationForm& form, const Applicant& applicant,
                              const std::optional<Agent>& agent, CivilDate today);

/// One answered, shown field as printed: the option's label, 是/否, the unit after a number.
struct DisplayedField {
    std::string id;
    FieldType type = FieldType::Text;
    std::string label;
    std::string text; ///< a group: its rows in one line
    bool onNotice = false;
    std::vector<std::vector<DisplayedField>> rows; ///< a group: the answered fields of each row
};

/// The answered fields of the shown part of the form, in the form's order.
std::vector<DisplayedField> displayForm(const ApplicationForm& form, std::string_view values);

/// The form's values object parsed from a file the clerk wrote; problems name `file` and the line.
Expected<Poco::JSON::Object::Ptr> parseFormValuesFile(std::string_view text, const std::string& file);

/// "premises_address (经营场所)、shareholders[1].name (股东（第1行）姓名)": the missing fields for a message.
std::string describeMissing(const std::vector<MissingField>& missing);

} // namespace ywtb::core
