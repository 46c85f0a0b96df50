#pragma once
// The counter decisions (DB31/T 862 8.1.2–8.1.5, and approve / deny on the spot 8.2.1 for an item decided at
// the counter) as buttons, each enabled only when the counter's service would take it for the case as it
// stands (services::Counter::canDecide: the rules, the credit flag, the pledge's signature); a disabled
// button says why in its tooltip and in the line under the buttons.

#include "core/case.h"
#include "core/case_lifecycle.h"
#include "core/message.h"

#include <functional>
#include <map>
#include <optional>
#include <wx/panel.h>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace ywtb::app {

/// The decisions the intake window offers, in button order.
const std::vector<core::DecisionKind>& counterDecisions();
/// "Accept (F5)" …: the label of the decision's button and menu item.
wxString decisionLabel(core::DecisionKind kind);

class DecisionPanel : public wxPanel {
public:
    /// Whether the service would take a decision on the case now; the error says why not.
    using Check = std::function<core::Expected<core::Done>(const core::Decision&)>;
    DecisionPanel(wxWindow* parent, std::function<void(const core::Decision&)> decide, Check check);

    /// The case the buttons decide on (none: all disabled).
    void setCase(const std::optional<core::Case>& c);
    /// With a signature pad the applicant signs the pledge there when Conditional acceptance is pressed,
    /// before it is decided: the "Pledge signed" box is then not the clerk's to tick.
    void signPledgeOnPad(bool onPad);
    /// The decision of `kind` with what the fields say (supplement date, pledge, refusal kind and reason).
    core::Expected<core::Decision> decisionFor(core::DecisionKind kind) const;
    /// Whether the service would take `kind` now; `why` gets the reason when not.
    bool allowed(core::DecisionKind kind, wxString* why = nullptr) const;
    /// Decides as the button would (nothing happens when the rules forbid it).
    void press(core::DecisionKind kind);

    wxButton* button(core::DecisionKind kind) const { return m_buttons.at(kind); }
    wxTextCtrl* supplementField() const { return m_supplementBy; }
    wxCheckBox* pledgeBox() const { return m_pledge; }
    wxChoice* refusalKindChoice() const { return m_refusalKind; }
    wxTextCtrl* reasonField() const { return m_reason; }
    wxTextCtrl* applyToField() const { return m_applyTo; }
    /// The open case's item is decided at the counter (即办件): Approve / Deny on the spot are shown.
    bool onTheSpot() const;

private:
    /// The refusal's detail field asks for what the kind needs: where to apply, or the legal basis.
    void showRefusalDetail();
    void refresh();

    std::function<void(const core::Decision&)> m_decide;
    Check m_check;
    std::optional<core::Case> m_case;
    std::map<core::DecisionKind, wxButton*> m_buttons;
    wxTextCtrl* m_supplementBy = nullptr;
    wxCheckBox* m_pledge = nullptr;
    wxChoice* m_refusalKind = nullptr;
    wxTextCtrl* m_reason = nullptr;
    wxTextCtrl* m_applyTo = nullptr;
    wxStaticText* m_why = nullptr;
};

} // namespace ywtb::app
