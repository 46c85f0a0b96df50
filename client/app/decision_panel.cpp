#include "app/decision_panel.h"

#include "app/app_i18n.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace ywtb::app {

const std::vector<core::DecisionKind>& counterDecisions() {
    static const std::vector<core::DecisionKind> all = [] {
        std::vector<core::DecisionKind> kinds;
        for (const auto& row : core::decisionTable())
            kinds.push_back(row.kind);
        return kinds;
    }();
    return all;
}

wxString decisionLabel(core::DecisionKind kind) {
    switch (kind) {
    case core::DecisionKind::Accept:
        return _("Accept (F5)");
    case core::DecisionKind::Receive:
        return _("Receive (F6)");
    case core::DecisionKind::Correction:
        return _("Correction notice (F7)");
    case core::DecisionKind::Conditional:
        return _("Conditional acceptance (F8)");
    case core::DecisionKind::Refuse:
        return _("Refuse (F9)");
    case core::DecisionKind::Approve:
        return _("Approve on the spot (Shift+F5)");
    case core::DecisionKind::Deny:
        return _("Deny on the spot (Shift+F9)");
    }
    return {};
}

DecisionPanel::DecisionPanel(wxWindow* parent, std::function<void(const core::Decision&)> decide, Check check)
    : wxPanel(parent), m_decide(std::move(decide)), m_check(std::move(check)) {
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (auto kind : counterDecisions()) {
        auto* b = new wxButton(this, wxID_ANY, decisionLabel(kind));
        b->Bind(wxEVT_BUTTON, [this, kind](wxCommandEvent&) { press(kind); });
        buttons->Add(b, 0, wxRIGHT, 4);
        m_buttons[kind] = b;
    }

    m_supplementBy = new wxTextCtrl(this, wxID_ANY);
    m_supplementBy->SetHint("YYYY-MM-DD");
    m_supplementBy->SetToolTip(
        _("Conditional acceptance: the day by which the secondary materials must be supplied"));
    m_pledge = new wxCheckBox(this, wxID_ANY, _("Pledge signed"));
    m_pledge->SetToolTip(_("Conditional acceptance: the applicant has signed the pledge (App. E)"));
    wxArrayString kinds;
    for (const auto& row : core::refusalTable())
        kinds.Add(wxGetTranslation(wxString::FromUTF8(row.label)));
    m_refusalKind = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, kinds);
    m_refusalKind->SetSelection(static_cast<int>(core::refusalTable().size()) - 1); // "other reason"
    m_reason = new wxTextCtrl(this, wxID_ANY);
    m_reason->SetHint(_("written reason for the refusal"));
    m_reason->SetToolTip(_("The written reason of a refusal, or of a denial on the spot"));
    m_applyTo = new wxTextCtrl(this, wxID_ANY);
    m_applyTo->SetHint(_("where to apply instead"));

    auto* conditional = new wxBoxSizer(wxHORIZONTAL);
    conditional->Add(new wxStaticText(this, wxID_ANY, _("Supplement by")), 0,
                     wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    conditional->Add(m_supplementBy, 0, wxRIGHT, 8);
    conditional->Add(m_pledge, 0, wxALIGN_CENTER_VERTICAL);
    auto* refusal = new wxBoxSizer(wxHORIZONTAL);
    refusal->Add(new wxStaticText(this, wxID_ANY, _("Refusal")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    refusal->Add(m_refusalKind, 0, wxRIGHT, 4);
    refusal->Add(m_reason, 2, wxRIGHT, 4);
    refusal->Add(m_applyTo, 1);

    // Ellipsised, the whole reason in its tooltip: a long rule must not push the preview off the window.
    m_why = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_why->SetMinSize(wxSize(200, -1));
    m_why->SetForegroundColour(wxColour(120, 80, 0));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(buttons, 0, wxBOTTOM, 4);
    sizer->Add(conditional, 0, wxBOTTOM, 4);
    sizer->Add(refusal, 0, wxEXPAND | wxBOTTOM, 4);
    sizer->Add(m_why, 0, wxEXPAND);
    SetSizer(sizer);

    for (auto* field : {m_supplementBy, m_reason, m_applyTo})
        field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refresh(); });
    m_pledge->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { refresh(); });
    m_refusalKind->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        showRefusalDetail();
        refresh();
    });
    showRefusalDetail();
    refresh();
}

void DecisionPanel::showRefusalDetail() {
    const int index = m_refusalKind->GetSelection();
    const auto& kinds = core::refusalTable();
    const bool other =
        kinds[index == wxNOT_FOUND ? kinds.size() - 1 : static_cast<std::size_t>(index)].kind ==
        core::RefusalKind::Other;
    m_applyTo->SetHint(other ? _("legal basis: law and article") : _("where to apply instead"));
    m_applyTo->SetToolTip(
        other ? _("不予受理 needs a lawful ground: cite the provision (行政许可法 art. 32(1))")
              : _("A refusal for lack of power names the body to apply to instead"));
}

void DecisionPanel::setCase(const std::optional<core::Case>& c) {
    m_case = c;
    if (c && c->supplementBy)
        m_supplementBy->ChangeValue(u8(c->supplementBy->iso()));
    refresh();
}

void DecisionPanel::signPledgeOnPad(bool onPad) {
    m_pledge->SetValue(onPad);
    m_pledge->Enable(!onPad);
    m_pledge->SetLabel(onPad ? _("Pledge signed on the pad") : _("Pledge signed"));
    m_pledge->SetToolTip(
        onPad
            ? _("Conditional acceptance: the applicant signs the pledge (App. E) on the signature pad first")
            : _("Conditional acceptance: the applicant has signed the pledge (App. E)"));
    refresh();
}

core::Expected<core::Decision> DecisionPanel::decisionFor(core::DecisionKind kind) const {
    core::Decision d;
    d.kind = kind;
    if (kind == core::DecisionKind::Conditional) {
        const auto text = u8(m_supplementBy->GetValue().Strip(wxString::both));
        if (text.empty())
            return core::Error{"gui.supplement_by",
                               core::Message(N_("enter the date by which the secondary materials are due")),
                               "supplement by",
                               {}};
        auto date = core::CivilDate::parse(text);
        if (!date)
            return date.error();
        d.supplementBy = *date;
        d.pledgeSigned = m_pledge->GetValue();
    }
    if (kind == core::DecisionKind::Deny)
        d.reason = u8(m_reason->GetValue().Strip(wxString::both));
    if (kind == core::DecisionKind::Refuse) {
        const int index = m_refusalKind->GetSelection();
        const auto& kinds = core::refusalTable();
        d.refusalKind = kinds[index == wxNOT_FOUND ? kinds.size() - 1 : static_cast<std::size_t>(index)].kind;
        d.reason = u8(m_reason->GetValue().Strip(wxString::both));
        // One field, read by the kind: where to apply instead, or the provision an "other" refusal rests on.
        const auto detail = u8(m_applyTo->GetValue().Strip(wxString::both));
        if (d.refusalKind == core::RefusalKind::Other)
            d.basis = detail;
        else
            d.applyTo = detail;
    }
    return d;
}

bool DecisionPanel::allowed(core::DecisionKind kind, wxString* why) const {
    if (!m_case) {
        if (why)
            *why = _("Open a case first");
        return false;
    }
    auto decision = decisionFor(kind);
    if (!decision) {
        if (why)
            *why = tr(decision.error().what);
        return false;
    }
    // The same answer the service gives when the decision is made; asking writes nothing.
    auto tried = m_check(*decision);
    if (!tried && why)
        *why = tr(tried.error());
    return tried.ok();
}

bool DecisionPanel::onTheSpot() const {
    return m_case && m_case->item.onTheSpot;
}

void DecisionPanel::refresh() {
    // Approve and deny on the spot are there only for an item decided at the counter (即办件, 8.2.1).
    for (const auto& row : core::decisionTable())
        if (row.onTheSpot)
            m_buttons[row.kind]->Show(onTheSpot());
    wxString firstWhy;
    for (auto& [kind, b] : m_buttons) {
        wxString why;
        const bool ok = allowed(kind, &why);
        b->Enable(ok);
        b->SetToolTip(ok ? decisionLabel(kind) : decisionLabel(kind) + ": " + why);
        if (!ok && kind == (onTheSpot() ? core::DecisionKind::Approve : core::DecisionKind::Accept))
            firstWhy = fill(onTheSpot() ? _("Approval on the spot is not possible: {why}")
                                        : _("Accept is not possible: {why}"),
                            {{"why", u8(why)}});
    }
    // Once decided, the line has nothing to explain: the case line above says what it is now.
    if (!m_case || m_case->status != core::CaseStatus::Draft)
        firstWhy.clear();
    m_why->SetLabel(firstWhy);
    m_why->SetToolTip(firstWhy);
    Layout();
}

void DecisionPanel::press(core::DecisionKind kind) {
    if (!allowed(kind))
        return;
    auto decision = decisionFor(kind);
    if (decision)
        m_decide(*decision);
}

} // namespace ywtb::app
