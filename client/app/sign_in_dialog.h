#pragma once
// Sign-in: the staff number and the window (from forms/centre.json) this counter works at today.

#include "core/message.h" // first: wx then keeps core's N_ (it defines its own only when none exists)
#include "core/centre_config.h"

#include <wx/dialog.h>

class wxChoice;
class wxTextCtrl;

namespace ywtb::app {

class SignInDialog : public wxDialog {
public:
    SignInDialog(wxWindow* parent, const core::CentreConfig& centre, const wxString& staff, const wxString& window);

    std::string staff() const;
    /// The window id ("W01").
    std::string window() const;

private:
    const core::CentreConfig& m_centre;
    wxTextCtrl* m_staff = nullptr;
    wxChoice* m_window = nullptr;
};

} // namespace ywtb::app
