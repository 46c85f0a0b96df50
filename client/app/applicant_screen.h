#pragma once
// The applicant's own window on a second screen facing them: who serves them, the item, each material and
// where it stands, what is still missing, what was decided and when the result is due, and — large — what a
// device asks of them (card on the reader, signature on the pad, rating). It follows the clerk's window by
// itself: the main frame gives it a state every quarter second, and it redraws only when that state changed.
// Nothing here acts on the case.

#include "app/device_prompt.h"
#include "core/applicant_view.h"
#include "core/message.h"

#include <optional>
#include <string>
#include <wx/frame.h>

class wxPanel;
class wxStaticText;

namespace ywtb::app {

/// Everything the applicant's screen shows; equal states draw the same.
struct ApplicantScreenState {
    std::string ticket;                      ///< the hall queue's ticket being served, if any
    std::optional<core::ApplicantView> view; ///< the case on the clerk's page shown, if any
    DevicePrompt::Asking asking = DevicePrompt::Asking::Nothing;
    bool operator==(const ApplicantScreenState&) const = default;
};

class ApplicantScreen : public wxFrame {
public:
    /// `heading`: the centre, the window and the clerk's staff number. On display `display` (wxDisplay's
    /// index) full screen when that display exists; otherwise an ordinary window beside the clerk's.
    ApplicantScreen(wxWindow* owner, const wxString& heading, unsigned display);

    /// Shows `state`; nothing is redrawn when it is what is shown already.
    void show(const ApplicantScreenState& state);
    const ApplicantScreenState& shown() const { return m_state; }
    /// Every text on the screen, top to bottom, one line each (tests, and the screen reader).
    wxString text() const;
    /// Whether it went full screen on the display asked for.
    bool onOwnDisplay() const { return m_ownDisplay; }

private:
    void redraw();
    wxStaticText* addLine(const wxString& text, double scale, const wxColour& colour, bool bold = false);

    ApplicantScreenState m_state;
    bool m_drawn = false;
    bool m_ownDisplay = false;
    wxString m_heading;
    wxPanel* m_panel = nullptr;
};

/// What the screen says of a material's mark ("received", "missing"…).
wxString markText(core::MaterialMark mark);
/// The line under the materials: where the case stands, for the applicant.
wxString outcomeText(const core::ApplicantView& view);
/// What the device asks of the applicant, or empty.
wxString askingText(DevicePrompt::Asking asking);

} // namespace ywtb::app
