#pragma once
// The application form (申请表) of the open case: one field per field of the item's form definition
// (forms/application/), built from the definition, filled with the case's answers, saved through
// IntakeService::fillForm. A wrong answer is shown beside its field and nothing is stored; the required
// answers still missing are listed. The rules (types, ranges, "relevant" conditions) are core's: the panel
// only shows.

#include "core/application_form.h"
#include "core/case.h"
#include "core/message.h"
#include "services/intake_service.h"

#include <Poco/Dynamic/Var.h>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxScrolledWindow;
class wxStaticText;
class wxFlexGridSizer;

namespace ywtb::app {

/// Saves answers of the open case's form; what the service did.
using SaveForm = std::function<services::FormSave(const core::FormInput& input)>;

class ApplicationFormPanel : public wxPanel {
public:
    /// `saveForm` stores the answers; `onSaved` runs with the case as stored after a save that stored them.
    ApplicationFormPanel(wxWindow* parent, SaveForm saveForm, std::function<void(const core::Case&)> onSaved);

    /// Shows the form of `c` with its answers (a line saying there is none when the case has no form).
    void show(const core::Case& c, core::CivilDate today);
    /// No case: nothing shown.
    void clear();
    /// Saves what the fields say (Save, Ctrl+S); does nothing while no form is shown or saving is not
    /// allowed.
    void save();
    bool hasForm() const { return m_form != nullptr; }
    /// Puts the focus on the first field that can be answered (or on Save).
    void focusFirstField();

    /// The paths of the fields shown, in form order ("premises_area", "members[2].name").
    std::vector<std::string> fieldPaths() const;
    /// The control of a field: wxTextCtrl, wxChoice (choice, yes/no) or wxCheckListBox (multiple choice).
    wxWindow* control(const std::string& path) const;
    /// The error shown beside a field after the last save ("" when none).
    wxString fieldError(const std::string& path) const;
    /// Whether the field is asked now (its "relevant" condition holds).
    bool fieldShown(const std::string& path) const;
    /// Adds an empty row to a repeating group, keeping what the other fields say.
    void addRow(const std::string& groupId);
    /// The line listing the required answers still missing (or saying the form is complete).
    wxString missingText() const;
    /// The line above the fields: the form's title, or the last save's outcome when it failed.
    wxString statusText() const;
    wxButton* saveButton() const { return m_save; }

private:
    struct Editor {
        std::string path;
        const core::FormField* field = nullptr;
        wxStaticText* label = nullptr;
        wxWindow* control = nullptr;
        wxStaticText* error = nullptr;
    };

    /// Rebuilds the fields from the definition, filled with `valuesJson` (a JSON object as text).
    void build(const std::string& valuesJson);
    void addEditor(const core::FormField& field, const std::string& path, const wxString& label,
                   const Poco::Dynamic::Var& value);
    /// Changes the rows of a repeating group by `delta`, keeping what the fields say.
    void changeRows(const std::string& groupId, int delta);
    /// What the fields say, as the JSON object fillForm merges (an empty field removes its answer).
    std::string collect() const;
    /// Greys out the fields core says are not asked with the answers as they now stand.
    void refreshShown();
    void showMissing(const std::vector<core::MissingField>& missing);
    const Editor* editor(const std::string& path) const;

    SaveForm m_saveForm;
    std::function<void(const core::Case&)> m_saved;
    std::shared_ptr<const core::ApplicationForm> m_form;
    bool m_editable = false;
    core::CivilDate m_today;
    std::map<std::string, int> m_groupRows; ///< rows shown per repeating group
    std::vector<Editor> m_editors;
    std::vector<std::string> m_hidden;
    std::map<std::string, std::vector<wxButton*>> m_rowButtons; ///< add / remove row, per group
    wxStaticText* m_title = nullptr;
    wxStaticText* m_status = nullptr;
    wxScrolledWindow* m_body = nullptr;
    wxFlexGridSizer* m_grid = nullptr;
    wxButton* m_save = nullptr;
    wxStaticText* m_missing = nullptr;
};

} // namespace ywtb::app
