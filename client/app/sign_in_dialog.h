#pragma once
// Sign-in: the staff number and the window (from forms/centre.json) this counter works at today.

#include "core/centre_config.h"
#include "core/message.h"

#include <wx/dialog.h>

class wxChoice;
class wxTextCtrl;

namespace ywtb::app {

class SignInDialog : public wxDialog {
public:
    /// With `askPassword`, a password field for the central server as well.
    SignInDialog(wxWindow* parent, const core::CentreConfig& centre, const wxString& staff,
                 const wxString& window, bool askPassword = false);

    std::string staff() const;
    /// The window id ("W01").
    std::string window() const;
    /// The password typed, "" without a password field.
    std::string password() const;

private:
    const core::CentreConfig& m_centre;
    wxTextCtrl* m_staff = nullptr;
    wxChoice* m_window = nullptr;
    wxTextCtrl* m_password = nullptr;
};

} // namespace ywtb::app
