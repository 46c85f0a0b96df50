#include "app/sign_in_dialog.h"

#include "app/app_i18n.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/valtext.h>

namespace ywtb::app {

SignInDialog::SignInDialog(wxWindow* parent, const core::CentreConfig& centre, const wxString& staff,
                           const wxString& window, bool askPassword)
    : wxDialog(parent, wxID_ANY, _("Sign in") + " — " + u8(centre.name)), m_centre(centre) {
    m_staff = new wxTextCtrl(this, wxID_ANY, staff);
    m_staff->SetHint(_("staff number"));
    m_window = new wxChoice(this, wxID_ANY);
    for (const auto& w : centre.windows) {
        m_window->Append(u8(w.id + "  " + w.name));
        if (u8(w.id) == window)
            m_window->SetSelection(static_cast<int>(m_window->GetCount()) - 1);
    }
    if (m_window->GetSelection() == wxNOT_FOUND && !centre.windows.empty())
        m_window->SetSelection(0);

    auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
    grid->AddGrowableCol(1, 1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Staff number")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_staff, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Window")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_window, 1, wxEXPAND);
    if (askPassword) {
        m_password = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
        m_password->SetToolTip(
            _("Your password on the central server; when it cannot be reached, it is checked against "
              "your last sign-in on this PC"));
        grid->Add(new wxStaticText(this, wxID_ANY, _("Password")), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(m_password, 1, wxEXPAND);
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, 12);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
    SetSizerAndFit(sizer);
    SetMinSize(wxSize(420, -1));
    Fit();
    (m_password && !staff.empty() ? m_password : m_staff)->SetFocus();
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e) {
            if (m_staff->GetValue().Strip(wxString::both).empty()) {
                m_staff->SetFocus();
                return; // OK does nothing until a staff number is there
            }
            if (m_password && m_password->GetValue().empty()) {
                m_password->SetFocus();
                return;
            }
            e.Skip();
        },
        wxID_OK);
}

std::string SignInDialog::staff() const {
    return u8(m_staff->GetValue().Strip(wxString::both));
}

std::string SignInDialog::password() const {
    return m_password ? m_password->GetValue().utf8_string() : std::string();
}

std::string SignInDialog::window() const {
    const int index = m_window->GetSelection();
    if (index == wxNOT_FOUND || static_cast<std::size_t>(index) >= m_centre.windows.size())
        return {};
    return m_centre.windows[static_cast<std::size_t>(index)].id;
}

} // namespace ywtb::app
