#pragma once
// Who applies: a person (GB 11643 ID number) or an organisation (GB 32100 credit code), checked as typed with
// the error shown beside the field.

#include "core/message.h" // first: wx then keeps core's N_ (it defines its own only when none exists)
#include "core/case.h"
#include "core/civil_date.h"

#include <wx/panel.h>

#include <functional>
#include <optional>

class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace ywtb::app {

class ApplicantPanel : public wxPanel {
public:
    /// `changed` runs after every edit, so the intake window can enable "Open case".
    ApplicantPanel(wxWindow* parent, core::CivilDate today, std::function<void()> changed);

    /// The applicant as entered, or none while a field is missing or wrong.
    std::optional<core::Applicant> applicant() const;
    /// Why applicant() is empty (the first problem), or empty.
    wxString problem() const;
    void clear();

    wxRadioBox* kindChoice() const { return m_kind; }
    wxTextCtrl* nameField() const { return m_name; }
    wxTextCtrl* idField() const { return m_id; }
    wxTextCtrl* phoneField() const { return m_phone; }
    /// The error shown beside the ID number / credit code field.
    wxString idError() const;
    wxString phoneError() const;

private:
    void validate();
    bool isOrganisation() const;

    core::CivilDate m_today;
    std::function<void()> m_changed;
    wxRadioBox* m_kind = nullptr;
    wxStaticText* m_idLabel = nullptr;
    wxTextCtrl* m_name = nullptr;
    wxTextCtrl* m_id = nullptr;
    wxStaticText* m_idError = nullptr;
    wxTextCtrl* m_phone = nullptr;
    wxStaticText* m_phoneError = nullptr;
    std::string m_normalisedId;
    std::string m_normalisedPhone;
    wxString m_problem;
};

} // namespace ywtb::app
