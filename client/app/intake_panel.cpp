#include "app/intake_panel.h"

#include "app/app_i18n.h"
#include "app/applicant_panel.h"
#include "app/application_form_panel.h"
#include "app/decision_panel.h"
#include "app/device_prompt.h"
#include "app/document_preview.h"
#include "app/item_search_panel.h"
#include "app/material_checklist.h"
#include "app/material_pages_panel.h"
#include "render/document_template.h"
#include "services/counter.h"

#include <wx/button.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace ywtb::app {

namespace {

wxString statusName(core::CaseStatus status) {
    return wxGetTranslation(wxString::FromUTF8(core::displayName(status)));
}

} // namespace

IntakePanel::IntakePanel(wxWindow* parent, services::Counter& session,
                         std::function<void(const wxString&)> report, std::function<void()> changed)
    : wxPanel(parent), m_session(session), m_report(std::move(report)), m_changed(std::move(changed)) {
    // Created in the order of the form, so that Tab follows it: applicant, item, open, checklist, application
    // form, decisions, print.
    ApplicantPanel::CardReading readCard;
    if (session.hasDevice(services::CounterDevice::IdCard))
        readCard = [&session] { return session.readIdCard(); };
    m_applicant = new ApplicantPanel(
        this, session.clock().today(), [this] { updateState(); }, std::move(readCard));
    m_search = new ItemSearchPanel(this, session.catalogue(), [this] { updateState(); });
    m_open = new wxButton(this, wxID_ANY, _("&Open case (Ctrl+O)"));
    m_openHint = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_openHint->SetMinSize(wxSize(200, -1));
    m_openHint->SetForegroundColour(wxColour(120, 80, 0));
    m_caseLine = new wxStaticText(this, wxID_ANY, _("No case open"), wxDefaultPosition, wxDefaultSize,
                                  wxST_ELLIPSIZE_END);
    m_caseLine->SetMinSize(wxSize(200, -1));
    m_caseLine->SetFont(m_caseLine->GetFont().Bold());
    // The checklist and the application form share one place, a page each: both need the room (Ctrl+E: the
    // form).
    m_casePages = new wxNotebook(this, wxID_ANY);
    // The materials tab: the checklist, and beside it the scanned pages of the material selected in it.
    auto* materialsTab = new wxPanel(m_casePages);
    m_checklist = new MaterialChecklist(
        materialsTab,
        [this](const std::string& id, core::MaterialStatus status, const std::string& licence,
               const std::string& note) -> core::Expected<core::Case> {
            if (!m_case)
                return core::Error{"gui.no_case", core::Message(N_("open a case first")), {}, {}};
            return m_session.intake().recordMaterial(m_case->number, id, status, licence, note);
        },
        [this](const core::Expected<core::Case>& result) {
            if (result) {
                m_case = *result;
                m_lastError.clear();
                m_decisions->setCase(m_case);
                m_changed();
            } else {
                showError(tr(result.error()));
                if (m_case)
                    CallAfter([this] { m_checklist->show(*m_case); }); // back to what the store holds
            }
        });
    m_pages = new MaterialPagesPanel(materialsTab, session, *m_checklist, m_report, m_changed);
    m_form = new ApplicationFormPanel(
        m_casePages,
        [this](const core::FormInput& input) {
            if (!m_case) {
                services::FormSave none;
                none.errors.push_back(
                    core::Error{"gui.no_case", core::Message(N_("open a case first")), {}, {}});
                none.errorFields.emplace_back();
                return none;
            }
            return m_session.intake().fillForm(m_case->number, input);
        },
        [this](const core::Case& saved) {
            m_case = saved;
            m_lastError.clear();
            m_decisions->setCase(m_case);
            m_report(fill(_("Saved the application form of case {number}"), {{"number", saved.number}}));
            m_changed();
        });
    m_decisions = new DecisionPanel(
        this, [this](const core::Decision& d) { decide(d); },
        [this](const core::Decision& d) -> core::Expected<core::Done> {
            if (!m_case)
                return core::Error{"gui.no_case", core::Message(N_("open a case first")), {}, {}};
            return m_session.canDecide(m_case->number, d);
        });
    m_decisions->signPledgeOnPad(session.hasDevice(services::CounterDevice::Signature));
    m_prompt = new DevicePrompt(this, session, [this] { updateState(); });
    m_preview = new DocumentPreview(this, session, m_report);

    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(m_applicant, 0, wxEXPAND | wxBOTTOM, 6);
    left->Add(m_search, 1, wxEXPAND | wxBOTTOM, 6);
    auto* openRow = new wxBoxSizer(wxHORIZONTAL);
    openRow->Add(m_open, 0, wxRIGHT, 8);
    openRow->Add(m_openHint, 1, wxALIGN_CENTER_VERTICAL);
    left->Add(openRow, 0, wxEXPAND | wxBOTTOM, 6);
    left->Add(m_caseLine, 0, wxEXPAND | wxBOTTOM, 4);
    auto* materials =
        new wxBoxSizer(wxHORIZONTAL); // the pages beside the checklist: its rows keep their height
    materials->Add(m_checklist, 1, wxEXPAND | wxRIGHT, 6);
    materials->Add(m_pages, 0, wxEXPAND);
    materialsTab->SetSizer(materials);
    m_casePages->AddPage(materialsTab, _("Materials"), true);
    m_casePages->AddPage(m_form, _("Application form (Ctrl+E)"));
    left->Add(m_casePages, 1, wxEXPAND | wxBOTTOM, 6);
    left->Add(m_decisions, 0, wxEXPAND | wxBOTTOM, 4);
    left->Add(m_prompt, 0, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(left, 3, wxEXPAND | wxALL, 6);
    sizer->Add(m_preview, 1, wxEXPAND | wxALL, 6);
    SetSizer(sizer);

    m_open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openCase(); });
    updateState();
}

wxString IntakePanel::openHint() const {
    return m_openHint->GetLabel();
}

bool IntakePanel::canOpen(wxString* why) const {
    wxString problem;
    if (!m_applicant || !m_search)
        problem = _("Starting up");
    else if (m_case && m_case->status == core::CaseStatus::Draft)
        problem = _("A case is open: decide it, or start a new case (Ctrl+N)");
    else if (!m_applicant->problem().empty())
        problem = m_applicant->problem();
    else if (!m_search->selected())
        problem = _("Find and select the item");
    if (why)
        *why = problem;
    return problem.empty();
}

void IntakePanel::updateState() {
    if (!m_open || !m_openHint)
        return; // still being built
    wxString why;
    const bool ok = canOpen(&why);
    m_open->Enable(ok);
    m_openHint->SetLabel(why);
    m_openHint->SetToolTip(why);
    m_open->SetToolTip(ok ? _("Open a case for this applicant and item (Ctrl+O)") : why);
}

void IntakePanel::showError(const wxString& text) {
    m_lastError = text;
    m_report(text);
}

void IntakePanel::showCase(const core::Case& c) {
    m_case = c;
    m_caseLine->SetLabel(
        fill(_("Case {number} — {item} — {status}"),
             {{"number", c.number}, {"item", c.item.name}, {"status", u8(statusName(c.status))}}));
    m_checklist->show(c);
    m_form->show(c, m_session.clock().today());
    m_pages->setCase(m_case);
    m_decisions->setCase(m_case);
    updateState();
    Layout();
}

void IntakePanel::showApplicationForm() {
    m_casePages->ChangeSelection(1);
    m_form->focusFirstField();
}

void IntakePanel::newCase() {
    m_case.reset();
    m_applicant->clear();
    m_search->clear();
    m_checklist->clear();
    m_form->clear();
    m_pages->setCase(std::nullopt);
    m_caseLine->SetLabel(_("No case open"));
    m_decisions->setCase(std::nullopt);
    m_preview->clear();
    m_lastError.clear();
    updateState();
    m_applicant->nameField()->SetFocus();
}

void IntakePanel::openCase() {
    if (!canOpen())
        return;
    const auto* item = m_search->selected();
    auto opened = m_session.intake().open(*item, *m_applicant->applicant(), std::nullopt);
    if (!opened) {
        showError(tr(opened.error()));
        return;
    }
    m_preview->clear();
    m_casePages->ChangeSelection(0); // the materials first, then the form
    showCase(*opened);
    m_report(fill(_("Opened case {number}"), {{"number", opened->number}}));
    m_changed();
}

void IntakePanel::decide(const core::Decision& decision) {
    if (!m_case)
        return;
    if (m_prompt->waiting()) {
        showError(_("The applicant is still at a device: wait, or cancel the prompt (Esc), then ask again"));
        return;
    }
    if (decision.kind == core::DecisionKind::Conditional &&
        m_session.hasDevice(services::CounterDevice::Signature)) {
        // App. E: the pledge is signed before anything is decided; not signed (cancelled, failed), nothing
        // is.
        const auto number = m_case->number;
        m_prompt->sign(number, render::DocumentKind::Pledge, [this, number, decision] {
            if (m_case && m_case->number == number)
                applyDecision(decision);
        });
        return;
    }
    applyDecision(decision);
}

void IntakePanel::applyDecision(const core::Decision& decision) {
    // The decision and its papers are one step of the service: a paper that cannot be made decides nothing.
    auto decided = m_session.decide(m_case->number, decision);
    if (!decided) {
        showError(tr(decided.error()));
        return;
    }
    showCase(decided->c);
    m_prompt->rate(m_case->number, core::decisionRow(decision.kind).rated);
    m_preview->show(std::move(decided.value().papers));
    m_report(fill(_("Case {number} is now {status}"),
                  {{"number", m_case->number}, {"status", u8(statusName(m_case->status))}}));
    m_changed();
}

} // namespace ywtb::app
