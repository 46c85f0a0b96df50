// ywtb-counter-cli form show CODE | form check, and case form CASE (--file values.json | --set field=value …)

#include "cli/case_commands.h"
#include "cli/case_output.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/application_form_values.h"
#include "core/masking.h"
#include "services/application_forms.h"
#include "services/text_file.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <cctype>
#include <map>
#include <ostream>

namespace ywtb::cli {
namespace {

using core::fillPlaceholders;

std::filesystem::path formsFolder(Context& context) {
    return context.paths.formsDir / "application";
}

std::string fieldRules(const core::FormField& f) {
    std::vector<std::string> rules;
    rules.push_back(tr(core::displayName(f.type)));
    if (f.required)
        rules.push_back(tr(N_("required")));
    if (!f.unit.empty())
        rules.push_back(f.unit);
    if (f.minLength)
        rules.push_back("≥" + std::to_string(*f.minLength) + tr(N_(" characters")));
    if (f.maxLength)
        rules.push_back("≤" + std::to_string(*f.maxLength) + tr(N_(" characters")));
    if (f.min)
        rules.push_back("≥" + std::to_string(static_cast<long long>(*f.min)));
    if (f.max)
        rules.push_back("≤" + std::to_string(static_cast<long long>(*f.max)));
    if (f.decimals > 0 && f.type == core::FieldType::Number)
        rules.push_back(
            fillPlaceholders(tr(N_("{count} decimals")), {{"count", std::to_string(f.decimals)}}));
    if (!f.minDate.empty())
        rules.push_back("≥" + f.minDate);
    if (!f.maxDate.empty())
        rules.push_back("≤" + f.maxDate);
    if (f.minItems)
        rules.push_back(
            fillPlaceholders(tr(N_("at least {count}")), {{"count", std::to_string(*f.minItems)}}));
    if (f.maxItems)
        rules.push_back(
            fillPlaceholders(tr(N_("at most {count}")), {{"count", std::to_string(*f.maxItems)}}));
    std::string out;
    for (const auto& r : rules)
        out += (out.empty() ? "" : ", ") + r;
    return out;
}

void printFields(std::ostream& out, const std::vector<core::FormField>& fields, const std::string& indent) {
    int index = 0;
    for (const auto& f : fields) {
        out << indent << ++index << ". " << f.id << "  " << f.label << "  [" << fieldRules(f) << "]\n";
        if (!f.help.empty())
            out << indent << "   " << f.help << "\n";
        if (!f.pattern.empty())
            out << indent << "   " << tr(N_("format")) << ": " << f.patternHint << "  (" << f.pattern
                << ")\n";
        if (!f.options.empty()) {
            out << indent << "   " << tr(N_("options")) << ":";
            for (const auto& o : f.options)
                out << " " << o.value << "=" << o.label;
            out << "\n";
        }
        if (!f.relevantText.empty())
            out << indent << "   " << tr(N_("only when")) << ": " << f.relevantText << "\n";
        if (!f.defaultFrom.empty())
            out << indent << "   " << tr(N_("filled from")) << ": " << f.defaultFrom << "\n";
        if (f.onNotice)
            out << indent << "   " << tr(N_("printed on the acceptance notice")) << "\n";
        if (!f.fields.empty())
            printFields(out, f.fields, indent + "   ");
    }
}

// Output may be pasted into a ticket or a chat: ID numbers and phones are shown masked (DESIGN.md).
std::string shown(const core::DisplayedField& d) {
    if (d.type == core::FieldType::IdNumber)
        return core::maskIdNumber(d.text);
    if (d.type == core::FieldType::Phone)
        return core::maskPhone(d.text);
    return d.text;
}

void printAnswers(std::ostream& out, const std::vector<core::DisplayedField>& fields,
                  const std::string& indent) {
    for (const auto& d : fields) {
        if (d.rows.empty()) {
            out << indent << d.label << " (" << d.id << "): " << shown(d) << "\n";
            continue;
        }
        out << indent << d.label << " (" << d.id << "):\n";
        for (std::size_t i = 0; i < d.rows.size(); ++i) {
            out << indent << "  [" << i + 1 << "]\n";
            printAnswers(out, d.rows[i], indent + "      ");
        }
    }
}

int formShow(Context& context, Arguments& args) {
    const auto code = args.next();
    if (code.empty() || !args.empty())
        return context.usage(tr(N_("form show needs an item code")), "form");
    const auto& library = *applicationForms(context);
    std::string upper = code;
    for (auto& ch : upper)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (const auto broken = library.broken.find(upper); broken != library.broken.end())
        return context.fail(broken->second);
    const auto form = library.find(upper);
    if (!form)
        return context.fail(core::Error{
            "form.none", core::Message(N_("item {code} has no application form"), {{"code", upper}}),
            formsFolder(context).string(),
            core::Message(N_("forms/README.md section 8 shows how to write one"))});
    if (context.json) {
        Poco::JSON::Parser parser;
        context.printJson(parser.parse(form->json).extract<Poco::JSON::Object::Ptr>());
        return kExitOk;
    }
    auto& out = context.out();
    out << form->title << "  " << form->item << "  v" << form->version << "\n";
    if (!form->source.empty())
        out << tr(N_("source")) << ": " << form->source << "\n";
    printFields(out, form->fields, "");
    return kExitOk;
}

int formCheck(Context& context, Arguments& args) {
    if (!args.empty())
        return context.usage(tr(N_("form check takes no arguments")), "form");
    const auto& library = *applicationForms(context);
    auto errors = library.errors();
    // A form for an item the catalogue does not have would never be used: say so rather than let it lie
    // there.
    if (const auto* catalogue = context.catalogue()) {
        for (const auto& [code, form] : library.forms)
            if (!catalogue->find(code))
                errors.push_back(core::Error{
                    "form.unknown_item",
                    core::Message(N_("no item of the catalogue has the code {code}"), {{"code", code}}),
                    "application/" + code + ".json",
                    core::Message(
                        N_("correct \"item\" and the file name, or add the item to the catalogue"))});
    } else {
        return kExitFailure;
    }
    if (!errors.empty())
        return context.fail(errors);
    context.out() << fillPlaceholders(tr(N_("all {count} application forms in {dir} are valid")),
                                      {{"count", std::to_string(library.forms.size())},
                                       {"dir", formsFolder(context).string()}})
                  << "\n";
    return kExitOk;
}

} // namespace

const services::ApplicationFormLibrary* applicationForms(Context& context) {
    // One CLI run serves one command; the forms are read once per folder.
    static std::map<std::filesystem::path, services::ApplicationFormLibrary> loaded;
    const auto dir = formsFolder(context);
    auto found = loaded.find(dir);
    if (found == loaded.end())
        found = loaded.emplace(dir, services::loadApplicationForms(dir)).first;
    return &found->second;
}

int caseForm(Context& context, Arguments& args) {
    std::string file, problem, assignment;
    core::FormInput input;
    args.option("--file", file, problem);
    while (problem.empty() && args.option("--set", assignment, problem))
        input.assignments.push_back(assignment);
    const auto number = args.next();
    if (!problem.empty() || number.empty() || !args.empty())
        return context.usage(problem.empty()
                                 ? tr(N_("case form needs CASE, and --file values.json or --set field=value"))
                                 : problem,
                             "case");
    if (!file.empty()) {
        auto text = services::readTextFile(file);
        if (!text)
            return context.fail(text.error());
        auto values = core::parseFormValuesFile(*text, file);
        if (!values)
            return context.fail(values.error());
        input.merge = *values;
    }
    auto intake = makeIntake(context);
    if (!intake)
        return kExitFailure;
    core::Case current;
    if (!input.merge && input.assignments.empty()) {
        // No change: show the form as it stands.
        auto found = intake->find(number);
        if (!found)
            return context.fail(found.error());
        current = std::move(found).value();
    } else {
        auto saved = intake->fillForm(number, input);
        if (!saved.ok())
            return context.fail(saved.errors);
        current = std::move(*saved.saved);
    }
    if (!current.form || !current.form->definition)
        return context.fail(core::Error{
            "form.none", core::Message(N_("{item} has no application form"), {{"item", current.item.name}}),
            current.number,
            core::Message(N_("nothing to fill in: the item's materials are the whole application"))});
    const auto& form = *current.form->definition;
    const auto check = core::checkFormValues(form, current.form->values, context.clock->today());
    if (context.json) {
        Poco::JSON::Object::Ptr document = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        document->set("ok", true);
        document->set("case", current.number);
        document->set("form", form.item);
        document->set("version", form.version);
        Poco::JSON::Parser parser;
        document->set("values", parser.parse(current.form->values));
        Poco::JSON::Array::Ptr missing = new Poco::JSON::Array;
        for (const auto& m : check.missing) {
            Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            entry->set("field", m.field);
            entry->set("label", m.label);
            missing->add(entry);
        }
        document->set("missing", missing);
        document->set("complete", check.complete());
        context.printJson(document);
        return kExitOk;
    }
    auto& out = context.out();
    out << current.number << "  " << form.title << "  v" << form.version << "\n";
    printAnswers(out, core::displayForm(form, current.form->values), "  ");
    if (check.missing.empty())
        out << tr(N_("The form is complete.")) << "\n";
    else
        out << tr(N_("Still to answer before the case can be accepted")) << ": "
            << core::describeMissing(check.missing) << "\n";
    return kExitOk;
}

int runForm(Context& context, Arguments& args) {
    const auto sub = args.next();
    if (sub == "show")
        return formShow(context, args);
    if (sub == "check")
        return formCheck(context, args);
    return context.usage(
        sub.empty() ? tr(N_("form needs a subcommand"))
                    : fillPlaceholders(tr(N_("unknown form subcommand \"{name}\"")), {{"name", sub}}),
        "form");
}

} // namespace ywtb::cli
