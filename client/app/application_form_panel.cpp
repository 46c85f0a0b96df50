#include "app/application_form_panel.h"

#include "app/app_i18n.h"
#include "core/application_form_values.h"
#include "core/case_lifecycle.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <sstream>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace ywtb::app {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr parseValues(const std::string& json) {
    try {
        Poco::JSON::Parser parser;
        auto parsed = parser.parse(json.empty() ? std::string("{}") : json);
        if (parsed.type() == typeid(Object::Ptr))
            return parsed.extract<Object::Ptr>();
    } catch (const Poco::Exception&) {
        // A case holds values the service normalised; anything else shows as an empty form.
    }
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string condensed(const Object::Ptr& values) {
    std::ostringstream out;
    values->stringify(out);
    return out.str();
}

Var member(const Object::Ptr& values, const std::string& id) {
    if (!values || !values->has(id) || values->isNull(id))
        return {};
    return values->get(id);
}

std::string textOf(const Var& value) {
    if (value.isEmpty())
        return {};
    return value.convert<std::string>();
}

/// What the field asks for beside its label: the unit, and whether it must be answered.
wxString labelOf(const core::FormField& f) {
    wxString label = u8(f.label);
    if (!f.unit.empty())
        label += u8("（" + f.unit + "）");
    else if (f.type == core::FieldType::Money)
        label += wxString::FromUTF8("（元）");
    if (f.required)
        label += " *";
    return label;
}

bool isGroupChildOf(const std::string& path, const std::string& group) {
    return path.size() > group.size() && path.compare(0, group.size(), group) == 0 &&
           path[group.size()] == '[';
}

} // namespace

ApplicationFormPanel::ApplicationFormPanel(wxWindow* parent, SaveForm saveForm,
                                           std::function<void(const core::Case&)> onSaved)
    : wxPanel(parent), m_saveForm(std::move(saveForm)), m_saved(std::move(onSaved)) {
    m_title = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_title->SetFont(m_title->GetFont().Bold());
    m_status = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_status->SetMinSize(wxSize(200, -1));
    m_status->SetForegroundColour(wxColour(170, 0, 0));
    m_body =
        new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL);
    m_body->SetScrollRate(0, 12);
    m_body->SetMinSize(wxSize(-1, 160));
    m_save = new wxButton(this, wxID_ANY, _("&Save the form (Ctrl+S)"));
    m_save->SetToolTip(
        _("Save the answers of the application form (Ctrl+S); nothing is saved while an answer is wrong"));
    m_missing = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_missing->SetMinSize(wxSize(200, -1));
    m_missing->SetForegroundColour(wxColour(120, 80, 0));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_title, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    top->Add(m_status, 1, wxALIGN_CENTER_VERTICAL);
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    bottom->Add(m_save, 0, wxRIGHT, 8);
    bottom->Add(m_missing, 1, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxBOTTOM, 4);
    sizer->Add(m_body, 1, wxEXPAND | wxBOTTOM, 4);
    sizer->Add(bottom, 0, wxEXPAND);
    SetSizer(sizer);

    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    clear();
}

void ApplicationFormPanel::clear() {
    m_form.reset();
    m_editable = false;
    m_groupRows.clear();
    m_editors.clear();
    m_rowButtons.clear();
    m_hidden.clear();
    m_body->DestroyChildren();
    m_body->SetSizer(nullptr);
    m_grid = nullptr;
    m_title->SetLabel(_("No application form: the open case's item has none, or no case is open"));
    m_title->SetToolTip("");
    m_status->SetLabel("");
    m_missing->SetLabel("");
    m_body->Hide();
    m_save->Hide();
    m_missing->Hide();
    Layout();
}

void ApplicationFormPanel::show(const core::Case& c, core::CivilDate today) {
    if (!c.form || !c.form->definition) {
        clear();
        return;
    }
    m_form = c.form->definition;
    m_today = today;
    // Whether the answers may still change is the lifecycle's rule (an accepted case's form is kept as it
    // was).
    const auto allowed = core::recordForm(c, c.form->values);
    m_editable = allowed.ok();
    m_save->Enable(m_editable);
    m_save->SetToolTip(m_editable ? _("Save the answers of the application form (Ctrl+S); nothing is saved "
                                      "while an answer is wrong")
                                  : tr(allowed.error()));
    m_groupRows.clear();
    m_title->SetLabel(fill(_("Application form: {title}"), {{"title", m_form->title}}));
    m_title->SetToolTip(u8(m_form->source));
    m_status->SetLabel("");
    build(c.form->values);
    showMissing(core::checkFormValues(*m_form, c.form->values, today).missing);
    m_body->Show();
    m_save->Show();
    m_missing->Show();
    Layout();
}

void ApplicationFormPanel::focusFirstField() {
    for (const auto& e : m_editors)
        if (e.control->IsEnabled()) {
            e.control->SetFocus();
            return;
        }
    m_save->SetFocus();
}

void ApplicationFormPanel::build(const std::string& valuesJson) {
    const auto values = parseValues(valuesJson);
    m_body->Freeze();
    m_editors.clear();
    m_rowButtons.clear();
    m_body->DestroyChildren();
    m_grid = new wxFlexGridSizer(3, 4, 8);
    m_grid->AddGrowableCol(1, 2);
    m_grid->AddGrowableCol(2, 1);
    for (const auto& f : m_form->fields) {
        if (f.type != core::FieldType::Group) {
            addEditor(f, f.id, labelOf(f), member(values, f.id));
            continue;
        }
        // A repeating group: a heading with its row buttons, then each row's fields.
        Array::Ptr rows;
        if (const auto given = member(values, f.id); !given.isEmpty() && given.type() == typeid(Array::Ptr))
            rows = given.extract<Array::Ptr>();
        auto shown = m_groupRows.find(f.id);
        if (shown == m_groupRows.end()) {
            const int stored = rows ? static_cast<int>(rows->size()) : 0;
            shown =
                m_groupRows.emplace(f.id, std::max(stored, f.minItems.value_or(f.required ? 1 : 0))).first;
        }
        auto* heading = new wxStaticText(m_body, wxID_ANY, labelOf(f));
        heading->SetFont(heading->GetFont().Bold());
        heading->SetToolTip(u8(f.help));
        auto* add = new wxButton(m_body, wxID_ANY, _("Add a row"));
        auto* remove = new wxButton(m_body, wxID_ANY, _("Remove the last row"));
        remove->Enable(shown->second > 0);
        const std::string groupId = f.id;
        // After the click is handled: the rebuild destroys the button that sent it.
        add->Bind(wxEVT_BUTTON, [this, groupId](wxCommandEvent&) {
            CallAfter([this, groupId] { changeRows(groupId, +1); });
        });
        remove->Bind(wxEVT_BUTTON, [this, groupId](wxCommandEvent&) {
            CallAfter([this, groupId] { changeRows(groupId, -1); });
        });
        m_rowButtons[f.id] = {add, remove};
        auto* buttons = new wxBoxSizer(wxHORIZONTAL);
        buttons->Add(add, 0, wxRIGHT, 4);
        buttons->Add(remove, 0);
        m_grid->Add(heading, 0, wxALIGN_CENTER_VERTICAL);
        m_grid->Add(buttons, 0);
        m_grid->AddSpacer(0);
        for (int row = 1; row <= shown->second; ++row) {
            Object::Ptr rowValues;
            if (rows && static_cast<std::size_t>(row) <= rows->size()) {
                const auto element = rows->get(static_cast<unsigned>(row - 1));
                if (element.type() == typeid(Object::Ptr))
                    rowValues = element.extract<Object::Ptr>();
            }
            for (const auto& child : f.fields) {
                const auto label =
                    fill(_("{group}, row {row}: {field}"),
                         {{"group", f.label}, {"row", std::to_string(row)}, {"field", u8(labelOf(child))}});
                addEditor(child, f.id + "[" + std::to_string(row) + "]." + child.id, label,
                          member(rowValues, child.id));
            }
        }
    }
    m_body->SetSizer(m_grid);
    m_body->FitInside();
    m_body->Thaw();
    refreshShown();
    Layout();
}

void ApplicationFormPanel::addEditor(const core::FormField& f, const std::string& path, const wxString& label,
                                     const Var& value) {
    Editor e;
    e.path = path;
    e.field = &f;
    e.label = new wxStaticText(m_body, wxID_ANY, label);
    switch (f.type) {
    case core::FieldType::Choice: {
        wxArrayString options;
        options.Add("");
        int selected = 0;
        for (std::size_t i = 0; i < f.options.size(); ++i) {
            options.Add(u8(f.options[i].label));
            if (!value.isEmpty() && value.isString() && value.extract<std::string>() == f.options[i].value)
                selected = static_cast<int>(i) + 1;
        }
        auto* choice = new wxChoice(m_body, wxID_ANY, wxDefaultPosition, wxDefaultSize, options);
        choice->SetSelection(selected);
        choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refreshShown(); });
        e.control = choice;
        break;
    }
    case core::FieldType::YesNo: {
        wxArrayString options;
        options.Add("");
        options.Add(_("Yes"));
        options.Add(_("No"));
        auto* choice = new wxChoice(m_body, wxID_ANY, wxDefaultPosition, wxDefaultSize, options);
        choice->SetSelection(value.isEmpty() || !value.isBoolean() ? 0 : (value.extract<bool>() ? 1 : 2));
        choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refreshShown(); });
        e.control = choice;
        break;
    }
    case core::FieldType::MultiChoice: {
        wxArrayString options;
        for (const auto& o : f.options)
            options.Add(u8(o.label));
        auto* list = new wxCheckListBox(m_body, wxID_ANY, wxDefaultPosition, wxDefaultSize, options);
        if (!value.isEmpty() && value.type() == typeid(Array::Ptr)) {
            const auto chosen = value.extract<Array::Ptr>();
            for (std::size_t i = 0; i < chosen->size(); ++i)
                for (std::size_t o = 0; o < f.options.size(); ++o)
                    if (chosen->get(static_cast<unsigned>(i)).convert<std::string>() == f.options[o].value)
                        list->Check(static_cast<unsigned>(o));
        }
        list->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { refreshShown(); });
        e.control = list;
        break;
    }
    default: {
        auto* text = new wxTextCtrl(m_body, wxID_ANY, u8(textOf(value)));
        if (f.type == core::FieldType::Date)
            text->SetHint("YYYY-MM-DD");
        else if (!f.patternHint.empty())
            text->SetHint(u8(f.patternHint));
        text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refreshShown(); });
        e.control = text;
        break;
    }
    }
    wxString tip = u8(f.help);
    if (!f.relevantText.empty())
        tip += (tip.empty() ? "" : "\n") + _("Asked only when the answers before it call for it");
    e.control->SetToolTip(tip);
    e.label->SetToolTip(tip);
    e.control->Enable(m_editable);
    e.error = new wxStaticText(m_body, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    e.error->SetForegroundColour(wxColour(170, 0, 0));
    e.error->SetMinSize(wxSize(120, -1));
    m_grid->Add(e.label, 0, wxALIGN_CENTER_VERTICAL);
    m_grid->Add(e.control, 0, wxEXPAND);
    m_grid->Add(e.error, 0, wxEXPAND | wxALIGN_CENTER_VERTICAL);
    m_editors.push_back(e);
}

namespace {

/// The answer a control holds; empty when it holds none.
Var answerOf(const core::FormField& f, wxWindow* control) {
    switch (f.type) {
    case core::FieldType::Choice: {
        const int index = static_cast<wxChoice*>(control)->GetSelection();
        if (index <= 0)
            return {};
        return Var(f.options[static_cast<std::size_t>(index - 1)].value);
    }
    case core::FieldType::YesNo: {
        const int index = static_cast<wxChoice*>(control)->GetSelection();
        if (index <= 0)
            return {};
        return Var(index == 1);
    }
    case core::FieldType::MultiChoice: {
        auto* list = static_cast<wxCheckListBox*>(control);
        Array::Ptr chosen = new Array;
        for (unsigned i = 0; i < list->GetCount(); ++i)
            if (list->IsChecked(i))
                chosen->add(f.options[i].value);
        if (chosen->size() == 0)
            return {};
        return Var(chosen);
    }
    default: {
        const auto text = u8(static_cast<wxTextCtrl*>(control)->GetValue().Strip(wxString::both));
        if (text.empty())
            return {};
        return Var(text);
    }
    }
}

} // namespace

std::string ApplicationFormPanel::collect() const {
    Object::Ptr values = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (!m_form)
        return condensed(values);
    for (const auto& f : m_form->fields) {
        if (f.type != core::FieldType::Group) {
            if (const auto* e = editor(f.id))
                values->set(f.id, answerOf(f, e->control)); // empty: the answer is removed
            continue;
        }
        const auto rows = m_groupRows.count(f.id) ? m_groupRows.at(f.id) : 0;
        if (rows == 0) {
            values->set(f.id, Var());
            continue;
        }
        Array::Ptr list = new Array;
        for (int row = 1; row <= rows; ++row) {
            Object::Ptr rowValues = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            for (const auto& child : f.fields)
                if (const auto* e = editor(f.id + "[" + std::to_string(row) + "]." + child.id))
                    if (auto answer = answerOf(child, e->control); !answer.isEmpty())
                        rowValues->set(child.id, answer);
            list->add(rowValues);
        }
        values->set(f.id, list);
    }
    return condensed(values);
}

void ApplicationFormPanel::changeRows(const std::string& groupId, int delta) {
    auto rows = m_groupRows.find(groupId);
    if (rows == m_groupRows.end())
        return;
    const auto kept = collect();
    rows->second = std::max(0, rows->second + delta);
    build(kept);
    if (auto buttons = m_rowButtons.find(groupId); buttons != m_rowButtons.end())
        buttons->second.front()->SetFocus();
}

void ApplicationFormPanel::addRow(const std::string& groupId) {
    changeRows(groupId, +1);
}

void ApplicationFormPanel::refreshShown() {
    if (!m_form)
        return;
    // Whether a field is asked is the form's "relevant" condition, evaluated by core on the answers as typed.
    m_hidden = core::checkFormValues(*m_form, collect(), m_today).hidden;
    const auto hidden = [this](const std::string& path) {
        return std::any_of(m_hidden.begin(), m_hidden.end(),
                           [&](const std::string& h) { return h == path || isGroupChildOf(path, h); });
    };
    for (auto& e : m_editors) {
        const bool asked = !hidden(e.path);
        e.control->Enable(m_editable && asked);
        e.label->Enable(asked);
    }
    for (auto& [group, buttons] : m_rowButtons) {
        const bool asked = !hidden(group);
        buttons.front()->Enable(m_editable && asked);
        buttons.back()->Enable(m_editable && asked && m_groupRows[group] > 0);
    }
}

void ApplicationFormPanel::showMissing(const std::vector<core::MissingField>& missing) {
    if (missing.empty()) {
        m_missing->SetLabel(_("Every required answer is given"));
        m_missing->SetToolTip(m_missing->GetLabel());
        return;
    }
    std::string fields;
    for (const auto& m : missing)
        fields += (fields.empty() ? "" : "、") + m.label;
    m_missing->SetLabel(fill(_("Still to answer: {fields}"), {{"fields", fields}}));
    m_missing->SetToolTip(m_missing->GetLabel());
}

void ApplicationFormPanel::save() {
    if (!m_form || !m_editable)
        return;
    core::FormInput input;
    input.merge = parseValues(collect());
    const auto result = m_saveForm(input);
    for (auto& e : m_editors) {
        e.error->SetLabel("");
        e.error->SetToolTip("");
    }
    if (!result.ok()) {
        // Nothing is stored: what the clerk typed stays, each error beside its field.
        wxString unplaced;
        for (std::size_t i = 0; i < result.errors.size(); ++i) {
            const auto path = i < result.errorFields.size() ? result.errorFields[i] : std::string();
            const auto* e = editor(path);
            if (!e) {
                unplaced += (unplaced.empty() ? "" : "; ") + tr(result.errors[i]);
                continue;
            }
            e->error->SetLabel(tr(result.errors[i].what));
            e->error->SetToolTip(tr(result.errors[i]));
        }
        const auto count = std::to_string(result.errors.size());
        m_status->SetLabel(
            unplaced.empty() ? fill(_("Nothing was saved: {count} answers are wrong (see beside the fields)"),
                                    {{"count", count}})
                             : fill(_("Nothing was saved: {errors}"), {{"errors", u8(unplaced)}}));
        m_status->SetToolTip(m_status->GetLabel());
        m_body->Layout();
        for (const auto& e : m_editors)
            if (!e.error->GetLabel().empty()) {
                e.control->SetFocus(); // the first wrong answer, where the clerk corrects it
                break;
            }
        return;
    }
    m_status->SetLabel("");
    m_status->SetToolTip("");
    if (result.saved) {
        m_saved(*result.saved);
        if (result.saved->form)
            build(result.saved->form->values); // the answers as stored: normalised (phone, upper case, dates)
    }
    showMissing(result.missing);
    m_save->SetFocus();
}

std::vector<std::string> ApplicationFormPanel::fieldPaths() const {
    std::vector<std::string> paths;
    for (const auto& e : m_editors)
        paths.push_back(e.path);
    return paths;
}

const ApplicationFormPanel::Editor* ApplicationFormPanel::editor(const std::string& path) const {
    for (const auto& e : m_editors)
        if (e.path == path)
            return &e;
    return nullptr;
}

wxWindow* ApplicationFormPanel::control(const std::string& path) const {
    const auto* e = editor(path);
    return e ? e->control : nullptr;
}

wxString ApplicationFormPanel::fieldError(const std::string& path) const {
    const auto* e = editor(path);
    return e ? e->error->GetLabel() : wxString();
}

bool ApplicationFormPanel::fieldShown(const std::string& path) const {
    const auto* e = editor(path);
    return e && std::none_of(m_hidden.begin(), m_hidden.end(),
                             [&](const std::string& h) { return h == path || isGroupChildOf(path, h); });
}

wxString ApplicationFormPanel::missingText() const {
    return m_missing->GetLabel();
}

wxString ApplicationFormPanel::statusText() const {
    return m_status->GetLabel();
}

} // namespace ywtb::app
