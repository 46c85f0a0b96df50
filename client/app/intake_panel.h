#pragma once
// The intake window: applicant, item search with its guide, "Open case", the material checklist, the
// application form, the decision buttons and the preview of the paper the decision issued. Every step goes
// through IntakeService. With a signature pad the pledge is signed there before a conditional acceptance;
// with a rating device the applicant rates each decision.

#include "core/case.h"
#include "core/case_lifecycle.h"
#include "core/message.h"

#include <functional>
#include <optional>
#include <wx/panel.h>

class wxButton;
class wxNotebook;
class wxStaticText;

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class ApplicantPanel;
class ApplicationFormPanel;
class DecisionPanel;
class DevicePrompt;
class DocumentPreview;
class ItemSearchPanel;
class MaterialChecklist;
class MaterialPagesPanel;

class IntakePanel : public wxPanel {
public:
    /// `report` writes a line in the status bar; `changed` runs after every stored change (counts, outbox).
    IntakePanel(wxWindow* parent, services::Counter& session, std::function<void(const wxString&)> report,
                std::function<void()> changed);

    /// Clears the form for the next applicant.
    void newCase();
    /// Opens a draft for the selected item and applicant; nothing happens while "Open case" is disabled.
    void openCase();
    /// Whether a case can be opened now; `why` gets the reason when not.
    bool canOpen(wxString* why = nullptr) const;
    /// Applies a decision to the open case, then issues and previews its papers and asks for the rating. A
    /// conditional acceptance first waits for the pledge's signature on the pad, when there is one.
    void decide(const core::Decision& decision);
    /// Shows the application form's page and puts the focus on its first field (Ctrl+E).
    void showApplicationForm();

    const std::optional<core::Case>& currentCase() const { return m_case; }
    ApplicantPanel* applicant() const { return m_applicant; }
    ItemSearchPanel* itemSearch() const { return m_search; }
    MaterialChecklist* checklist() const { return m_checklist; }
    ApplicationFormPanel* applicationForm() const { return m_form; }
    wxNotebook* casePages() const { return m_casePages; }
    /// The scanned pages of the material selected in the checklist, with Scan (F4).
    MaterialPagesPanel* materialPages() const { return m_pages; }
    DecisionPanel* decisions() const { return m_decisions; }
    DocumentPreview* preview() const { return m_preview; }
    DevicePrompt* prompt() const { return m_prompt; }
    wxButton* openButton() const { return m_open; }
    /// What the line beside "Open case" says (why it is disabled), and the last error shown.
    wxString openHint() const;
    wxString lastError() const { return m_lastError; }

private:
    void updateState();
    void showCase(const core::Case& c);
    void showError(const wxString& text);
    void applyDecision(const core::Decision& decision);

    services::Counter& m_session;
    std::function<void(const wxString&)> m_report;
    std::function<void()> m_changed;
    std::optional<core::Case> m_case;
    ApplicantPanel* m_applicant = nullptr;
    ItemSearchPanel* m_search = nullptr;
    wxButton* m_open = nullptr;
    wxStaticText* m_openHint = nullptr;
    wxStaticText* m_caseLine = nullptr;
    wxNotebook* m_casePages = nullptr; ///< the material checklist and the application form
    MaterialChecklist* m_checklist = nullptr;
    ApplicationFormPanel* m_form = nullptr;
    MaterialPagesPanel* m_pages = nullptr;
    DecisionPanel* m_decisions = nullptr;
    DocumentPreview* m_preview = nullptr;
    DevicePrompt* m_prompt = nullptr;
    wxString m_lastError;
};

} // namespace ywtb::app
