#include "core/application_form.h"

#include "core/json_reader.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/RegularExpression.h>
#include <algorithm>
#include <set>
#include <sstream>

namespace ywtb::core {
namespace {

const std::vector<std::pair<std::string_view, FieldType>> kTypes{{"text", FieldType::Text},
                                                                 {"number", FieldType::Number},
                                                                 {"date", FieldType::Date},
                                                                 {"choice", FieldType::Choice},
                                                                 {"multi_choice", FieldType::MultiChoice},
                                                                 {"address", FieldType::Address},
                                                                 {"phone", FieldType::Phone},
                                                                 {"id_number", FieldType::IdNumber},
                                                                 {"credit_code", FieldType::CreditCode},
                                                                 {"money", FieldType::Money},
                                                                 {"yes_no", FieldType::YesNo},
                                                                 {"group", FieldType::Group}};

std::vector<std::string_view> typeNames() {
    std::vector<std::string_view> names;
    for (const auto& [name, type] : kTypes)
        names.push_back(name);
    return names;
}

constexpr DataFileFormat kFormat{"ywtb-application-form", 1, "form", N_("an application form")};

// ^[a-z][a-z0-9_]{0,39}$: ids become template fields ({{form.business_name}}) and CLI words (--set id=…).
bool isFieldId(const std::string& s) {
    return !s.empty() && s.size() <= 40 && s[0] >= 'a' && s[0] <= 'z' &&
           std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool isItemCode(const std::string& s) {
    return s.size() >= 6 && s.size() <= 40 && s[0] != '-' && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
           });
}

bool typeIn(FieldType t, std::initializer_list<FieldType> types) {
    return std::find(types.begin(), types.end(), t) != types.end();
}

// Keys that belong to one kind of field only: present on another kind, they are a mistake, not a no-op.
struct TypedKey {
    const char* key;
    std::vector<FieldType> types;
};
const std::vector<TypedKey>& typedKeys() {
    static const std::vector<TypedKey> keys{
        {"min_length", {FieldType::Text, FieldType::Address}},
        {"max_length", {FieldType::Text, FieldType::Address}},
        {"pattern", {FieldType::Text}},
        {"pattern_hint", {FieldType::Text}},
        {"unit", {FieldType::Number, FieldType::Money}},
        {"decimals", {FieldType::Number}},
        {"min", {FieldType::Number, FieldType::Money, FieldType::Date}},
        {"max", {FieldType::Number, FieldType::Money, FieldType::Date}},
        {"options", {FieldType::Choice, FieldType::MultiChoice}},
        {"min_items", {FieldType::MultiChoice, FieldType::Group}},
        {"max_items", {FieldType::MultiChoice, FieldType::Group}},
        {"fields", {FieldType::Group}},
    };
    return keys;
}

class FormReader {
public:
    std::vector<FormField> readFields(JsonObjectReader& owner, std::vector<const FormField*> visible,
                                      bool inGroup) {
        std::vector<FormField> fields;
        auto readers = owner.objects("fields", Presence::Required, 1);
        fields.reserve(readers.size()); // `visible` points into `fields`: no reallocation below
        std::set<std::string> ids;
        for (auto& r : readers) {
            fields.push_back(readField(r, visible, inGroup));
            auto& f = fields.back();
            if (!f.id.empty() && !ids.insert(f.id).second)
                r.problem("id", "form.duplicate_id",
                          Message(N_("the field id \"{id}\" is used twice"), {{"id", f.id}}),
                          Message(N_("give each field its own id")));
            if (!f.id.empty())
                visible.push_back(&f);
        }
        return fields;
    }

private:
    FormField readField(JsonObjectReader& r, const std::vector<const FormField*>& visible, bool inGroup) {
        FormField f;
        f.id = r.text("id");
        if (!f.id.empty() && !isFieldId(f.id))
            r.problem("id", "form.field_id",
                      Message(N_("the field id \"{id}\" may hold only lower-case letters, digits and '_', "
                                 "starting with a letter (at most 40)"),
                              {{"id", f.id}}),
                      Message(N_("use an id such as \"business_name\"")));
        const auto typeName = r.choice("type", typeNames());
        for (const auto& [name, type] : kTypes)
            if (name == typeName)
                f.type = type;
        f.label = r.text("label");
        f.help = r.text("help", Presence::Optional);
        f.required = r.boolean("required", Presence::Optional).value_or(false);
        f.onNotice = r.boolean("on_notice", Presence::Optional).value_or(false);
        if (f.onNotice && inGroup)
            r.problem("on_notice", "form.on_notice_in_group",
                      Message(N_("a field inside a group cannot be put on the notice by itself")),
                      Message(N_("put \"on_notice\" on the group instead")));
        f.relevantText = r.text("relevant", Presence::Optional);
        if (!f.relevantText.empty()) {
            auto condition = parseCondition(f.relevantText, visible);
            if (condition)
                f.relevant = std::move(condition).value();
            else
                r.problem("relevant", condition.error().code.c_str(), condition.error().what,
                          condition.error().fix);
        }
        f.defaultFrom = r.text("default_from", Presence::Optional);
        if (!f.defaultFrom.empty())
            checkDefaultSource(r, f);
        if (typeName.empty()) {
            markTypedKeysKnown(r);
            r.finish();
            return f;
        }
        Poco::JSON::Object::Ptr object = r.json();
        for (const auto& typed : typedKeys())
            if (r.has(typed.key) &&
                std::find(typed.types.begin(), typed.types.end(), f.type) == typed.types.end()) {
                r.problem(
                    typed.key, "form.key_for_type",
                    Message(N_("\"{key}\" does not apply to a field of type \"{type}\""),
                            {{"key", typed.key}, {"type", typeName}}),
                    Message(N_(
                        "remove it, or change the type; forms/README.md 8.3 lists the keys of each type")));
                object->remove(typed.key); // reported once, here, not again as an unknown key
            }
        readTypedKeys(r, f, visible, inGroup);
        r.finish();
        return f;
    }

    void markTypedKeysKnown(JsonObjectReader& r) {
        // The type is unknown, so its keys cannot be judged: take them as known to report only the type.
        Poco::JSON::Object::Ptr object = r.json();
        for (const auto& typed : typedKeys())
            if (r.has(typed.key))
                object->remove(typed.key);
    }

    void readTypedKeys(JsonObjectReader& r, FormField& f, const std::vector<const FormField*>& visible,
                       bool inGroup) {
        constexpr long long kBig = 1'000'000'000'000LL;
        if (typeIn(f.type, {FieldType::Text, FieldType::Address})) {
            if (auto v = r.integer("min_length", 1, 10000, Presence::Optional))
                f.minLength = static_cast<int>(*v);
            if (auto v = r.integer("max_length", 1, 10000, Presence::Optional))
                f.maxLength = static_cast<int>(*v);
            if (f.minLength && f.maxLength && *f.minLength > *f.maxLength)
                r.problem("min_length", "form.range",
                          Message(N_("\"min_length\" is greater than \"max_length\"")),
                          Message(N_("swap them, or correct one of them")));
        }
        if (f.type == FieldType::Text) {
            f.pattern = r.text("pattern", Presence::Optional);
            f.patternHint = r.text("pattern_hint", Presence::Optional);
            if (!f.pattern.empty()) {
                try {
                    Poco::RegularExpression compiled(f.pattern, Poco::RegularExpression::RE_UTF8);
                } catch (const Poco::Exception& e) {
                    r.problem(
                        "pattern", "form.pattern",
                        Message(N_("the pattern is not a valid regular expression: {problem}"),
                                {{"problem", e.message()}}),
                        Message(N_(
                            "correct the pattern; forms/README.md 8.3 shows examples such as ^[0-9]{6}$")));
                }
                if (f.patternHint.empty())
                    r.problem(
                        "pattern", "form.pattern_hint",
                        Message(N_("a field with a \"pattern\" needs a \"pattern_hint\"")),
                        Message(N_("add \"pattern_hint\": what the clerk must type, e.g. \"6位数字\"")));
            } else if (!f.patternHint.empty()) {
                r.problem("pattern_hint", "form.pattern_hint",
                          Message(N_("\"pattern_hint\" is given without a \"pattern\"")),
                          Message(N_("add the \"pattern\", or remove \"pattern_hint\"")));
            }
        }
        if (typeIn(f.type, {FieldType::Number, FieldType::Money})) {
            f.unit = r.text("unit", f.type == FieldType::Number ? Presence::Required : Presence::Optional);
            if (f.type == FieldType::Money) {
                if (f.unit.empty() && !r.has("unit"))
                    f.unit = "元";
                else if (!f.unit.empty() && f.unit != "元" && f.unit != "万元")
                    r.problem("unit", "form.money_unit",
                              Message(N_("a money field is in \"元\" or \"万元\", not \"{unit}\""),
                                      {{"unit", f.unit}}),
                              Message(N_("write \"元\" or \"万元\"")));
                f.decimals = 2;
            } else {
                f.decimals = static_cast<int>(r.integer("decimals", 0, 6, Presence::Optional).value_or(0));
            }
            if (auto v = r.integer("min", -kBig, kBig, Presence::Optional))
                f.min = static_cast<double>(*v);
            if (auto v = r.integer("max", -kBig, kBig, Presence::Optional))
                f.max = static_cast<double>(*v);
            if (f.min && f.max && *f.min > *f.max)
                r.problem("min", "form.range", Message(N_("\"min\" is greater than \"max\"")),
                          Message(N_("swap them, or correct one of them")));
        }
        if (f.type == FieldType::Date) {
            for (auto [key, target] : {std::pair{"min", &f.minDate}, std::pair{"max", &f.maxDate}}) {
                *target = r.text(key, Presence::Optional);
                if (!target->empty() && *target != "today" && !CivilDate::parse(*target))
                    r.problem(key, "form.date_bound",
                              Message(N_("\"{key}\" of a date field is \"{value}\""),
                                      {{"key", key}, {"value", *target}}),
                              Message(N_("write a date as \"YYYY-MM-DD\", or \"today\"")));
            }
        }
        if (typeIn(f.type, {FieldType::Choice, FieldType::MultiChoice})) {
            std::set<std::string> values, labels;
            for (auto& o : r.objects("options", Presence::Required, 2)) {
                FormOption option{o.text("value"), o.text("label")};
                if (option.value.find_first_of(",、") != std::string::npos)
                    o.problem(
                        "value", "form.option_value",
                        Message(N_("the option value \"{value}\" holds a comma"), {{"value", option.value}}),
                        Message(N_("write the value without \",\" or \"、\": the clerk separates several "
                                   "choices with them")));
                if (!option.value.empty() && !values.insert(option.value).second)
                    o.problem("value", "form.duplicate_option",
                              Message(N_("the option value \"{value}\" is listed twice"),
                                      {{"value", option.value}}),
                              Message(N_("give each option its own value")));
                if (!option.label.empty() && !labels.insert(option.label).second)
                    o.problem("label", "form.duplicate_option",
                              Message(N_("the option label \"{value}\" is listed twice"),
                                      {{"value", option.label}}),
                              Message(N_("give each option its own label")));
                o.finish();
                f.options.push_back(std::move(option));
            }
        }
        if (typeIn(f.type, {FieldType::MultiChoice, FieldType::Group})) {
            if (auto v = r.integer("min_items", 1, 1000, Presence::Optional))
                f.minItems = static_cast<int>(*v);
            if (auto v = r.integer("max_items", 1, 1000, Presence::Optional))
                f.maxItems = static_cast<int>(*v);
            if (f.minItems && f.maxItems && *f.minItems > *f.maxItems)
                r.problem("min_items", "form.range",
                          Message(N_("\"min_items\" is greater than \"max_items\"")),
                          Message(N_("swap them, or correct one of them")));
        }
        if (f.type == FieldType::Group) {
            if (inGroup) {
                r.problem("type", "form.nested_group", Message(N_("a group cannot hold another group")),
                          Message(N_("make the inner group a separate group of the form")));
                r.objects("fields", Presence::Optional, 0);
            } else {
                f.fields = readFields(r, visible, true);
            }
        }
    }

    void checkDefaultSource(JsonObjectReader& r, const FormField& f) {
        for (const auto& [name, types] : defaultSources()) {
            if (name != f.defaultFrom)
                continue;
            if (std::find(types.begin(), types.end(), f.type) == types.end())
                r.problem(
                    "default_from", "form.default_type",
                    Message(N_("\"{source}\" cannot fill a field of type \"{type}\""),
                            {{"source", f.defaultFrom}})
                        .term("type", displayName(f.type)),
                    Message(N_("fill it from a source of the right kind; forms/README.md 8.5 lists them")));
            return;
        }
        std::string names;
        for (const auto& [name, types] : defaultSources())
            names += (names.empty() ? "" : ", ") + name;
        r.problem("default_from", "form.default_source",
                  Message(N_("\"{source}\" is not a source of default values"), {{"source", f.defaultFrom}}),
                  Message(N_("use one of: {sources}"), {{"sources", names}}));
    }
};

} // namespace

const char* toString(FieldType type) {
    for (const auto& [name, value] : kTypes)
        if (value == type)
            return name.data();
    return "";
}

const char* displayName(FieldType type) {
    switch (type) {
    case FieldType::Text:
        return N_("text");
    case FieldType::Number:
        return N_("number");
    case FieldType::Date:
        return N_("date");
    case FieldType::Choice:
        return N_("choice");
    case FieldType::MultiChoice:
        return N_("multiple choice");
    case FieldType::Address:
        return N_("address");
    case FieldType::Phone:
        return N_("phone number");
    case FieldType::IdNumber:
        return N_("ID number");
    case FieldType::CreditCode:
        return N_("unified social credit code");
    case FieldType::Money:
        return N_("amount of money");
    case FieldType::YesNo:
        return N_("yes or no");
    case FieldType::Group:
        return N_("repeating group");
    }
    return "";
}

const FormOption* FormField::option(const std::string& valueOrLabel) const {
    for (const auto& o : options)
        if (o.value == valueOrLabel)
            return &o;
    for (const auto& o : options)
        if (o.label == valueOrLabel)
            return &o;
    return nullptr;
}

const FormField* FormField::child(const std::string& childId) const {
    for (const auto& f : fields)
        if (f.id == childId)
            return &f;
    return nullptr;
}

const FormField* ApplicationForm::field(const std::string& id) const {
    for (const auto& f : fields)
        if (f.id == id)
            return &f;
    return nullptr;
}

const std::vector<std::pair<std::string, std::vector<FieldType>>>& defaultSources() {
    static const std::vector<std::pair<std::string, std::vector<FieldType>>> sources{
        {"applicant.name", {FieldType::Text}},
        {"applicant.id_number", {FieldType::IdNumber}},
        {"applicant.credit_code", {FieldType::CreditCode}},
        {"applicant.legal_representative", {FieldType::Text}},
        {"applicant.phone", {FieldType::Phone}},
        {"applicant.address", {FieldType::Address, FieldType::Text}},
        {"applicant.birth_date", {FieldType::Date}},
        {"agent.name", {FieldType::Text}},
        {"agent.id_number", {FieldType::IdNumber}},
        {"agent.phone", {FieldType::Phone}},
    };
    return sources;
}

ApplicationFormFileResult parseApplicationForm(std::string_view text, const std::string& file) {
    JsonProblems problems(file);
    ApplicationFormFileResult result;
    auto top = openDataFile(text, problems, kFormat);
    if (!top) {
        result.errors = problems.errors();
        return result;
    }
    auto form = std::make_shared<ApplicationForm>();
    form->item = top->text("item");
    if (!form->item.empty() && !isItemCode(form->item))
        top->problem("item", "form.item",
                     Message(N_("\"{code}\" is not an item code"), {{"code", form->item}}),
                     Message(N_("write the code of the catalogue's item, e.g. \"SCJG-XK-001\"")));
    form->version = static_cast<int>(top->integer("version", 1, 100000).value_or(1));
    form->title = top->text("title");
    form->source = top->text("source", Presence::Optional);
    FormReader reader;
    form->fields = reader.readFields(*top, {}, false);
    top->finish();
    if (!problems.empty()) {
        result.errors = problems.errors();
        return result;
    }
    // Kept with every case filled with this version, so the case can always be read, checked and printed as
    // filled.
    auto kept = top->json();
    kept->remove("$schema");
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(kept, out);
    form->json = out.str();
    result.form = std::move(form);
    return result;
}

} // namespace ywtb::core
