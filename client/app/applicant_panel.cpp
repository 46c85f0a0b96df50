#include "app/applicant_panel.h"

#include "app/app_i18n.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/phone_number.h"
#include "services/counter_devices.h"

#include <wx/button.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace ywtb::app {

namespace {
const wxColour kErrorColour(176, 0, 32);
}

ApplicantPanel::ApplicantPanel(wxWindow* parent, core::CivilDate today, std::function<void()> changed,
                               CardReading cardReading)
    : wxPanel(parent), m_today(today), m_changed(std::move(changed)), m_readCard(std::move(cardReading)) {
    const wxString kinds[] = {_("Person"), _("Organisation")};
    m_kind = new wxRadioBox(this, wxID_ANY, _("Applicant"), wxDefaultPosition, wxDefaultSize, 2, kinds, 2);
    m_kind->SetToolTip(
        _("A natural person with an ID number, or an organisation with a unified social credit code"));
    auto* grid = new wxFlexGridSizer(3, wxSize(6, 4));
    grid->AddGrowableCol(1, 1);
    grid->AddGrowableCol(2, 1);

    m_name = new wxTextCtrl(this, wxID_ANY);
    m_id = new wxTextCtrl(this, wxID_ANY);
    m_id->SetMaxLength(20);
    m_idLabel = new wxStaticText(this, wxID_ANY, _("ID number"));
    m_idError = new wxStaticText(this, wxID_ANY, "");
    m_idError->SetForegroundColour(kErrorColour);
    m_phone = new wxTextCtrl(this, wxID_ANY);
    m_phoneError = new wxStaticText(this, wxID_ANY, "");
    m_phoneError->SetForegroundColour(kErrorColour);
    m_address = new wxTextCtrl(this, wxID_ANY);
    m_cardButton = new wxButton(this, wxID_ANY, _("Read &ID card (F3)"));
    m_cardButton->SetToolTip(
        m_readCard ? _("Fill name, ID number and address from the card on the reader (F3)")
                   : _("No ID-card reader is configured for this counter (forms/devices.json or --idcard)"));
    m_cardButton->Enable(static_cast<bool>(m_readCard));
    m_cardLine = new wxStaticText(this, wxID_ANY, "");

    grid->Add(new wxStaticText(this, wxID_ANY, _("Name")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_name, 1, wxEXPAND);
    grid->AddSpacer(0);
    grid->Add(m_idLabel, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_id, 1, wxEXPAND);
    grid->Add(m_idError, 1, wxALIGN_CENTER_VERTICAL);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Phone")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_phone, 1, wxEXPAND);
    grid->Add(m_phoneError, 1, wxALIGN_CENTER_VERTICAL);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Address")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_address, 1, wxEXPAND);
    grid->AddSpacer(0);

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_kind, 0, wxRIGHT, 8);
    top->Add(m_cardButton, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    top->Add(m_cardLine, 1, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxBOTTOM, 4);
    sizer->Add(grid, 0, wxEXPAND);
    SetSizer(sizer);

    m_kind->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { validate(); });
    m_cardButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { readCard(); });
    for (auto* field : {m_name, m_id, m_phone})
        field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { validate(); });
    validate();
}

bool ApplicantPanel::isOrganisation() const {
    return m_kind->GetSelection() == 1;
}

wxString ApplicantPanel::idError() const {
    return m_idError->GetLabel();
}
wxString ApplicantPanel::phoneError() const {
    return m_phoneError->GetLabel();
}
wxString ApplicantPanel::problem() const {
    return m_problem;
}
wxString ApplicantPanel::cardLine() const {
    return m_cardLine->GetLabel();
}

void ApplicantPanel::clear() {
    m_name->ChangeValue("");
    m_id->ChangeValue("");
    m_phone->ChangeValue("");
    m_address->ChangeValue("");
    m_cardLine->SetLabel("");
    validate();
}

bool ApplicantPanel::canReadCard() const {
    return m_readCard && m_jobs.pending() == 0;
}

void ApplicantPanel::readCard() {
    if (!canReadCard())
        return;
    m_cardButton->Disable();
    m_cardLine->SetForegroundColour(GetForegroundColour());
    m_cardLine->SetLabel(_("Reading the ID card on the reader…"));
    m_jobs.run<core::Expected<devices::IdCard>>([read = m_readCard] { return read(); },
                                                [this](core::Expected<devices::IdCard> card) {
                                                    m_cardButton->Enable();
                                                    if (!card) {
                                                        m_cardLine->SetForegroundColour(kErrorColour);
                                                        m_cardLine->SetLabel(tr(card.error()));
                                                        m_cardLine->SetToolTip(tr(card.error()));
                                                        Layout();
                                                        return;
                                                    }
                                                    m_cardLine->SetLabel("");
                                                    fillFromCard(*card);
                                                });
    Layout();
}

void ApplicantPanel::fillFromCard(const devices::IdCard& card) {
    const auto applicant = services::applicantFromCard(card);
    m_kind->SetSelection(0);
    m_name->ChangeValue(u8(applicant.name));
    m_id->ChangeValue(u8(applicant.idNumber));
    m_address->ChangeValue(u8(applicant.address));
    validate();
    m_phone->SetFocus(); // the card has no phone: it is asked at the counter
}

void ApplicantPanel::validate() {
    m_idLabel->SetLabel(isOrganisation() ? _("Credit code") : _("ID number"));
    const auto idText = u8(m_id->GetValue());
    wxString idError;
    m_normalisedId.clear();
    if (!idText.empty()) {
        if (isOrganisation()) {
            auto parsed = core::parseCreditCode(idText);
            if (parsed)
                m_normalisedId = parsed->code;
            else
                idError = tr(parsed.error().what);
        } else {
            auto parsed = core::parseIdNumber(idText, m_today);
            if (parsed)
                m_normalisedId = parsed->number;
            else
                idError = tr(parsed.error().what);
        }
    }
    m_idError->SetLabel(idError);
    m_idError->SetToolTip(idError);

    const auto phoneText = u8(m_phone->GetValue());
    wxString phoneError;
    m_normalisedPhone.clear();
    if (!phoneText.empty()) {
        auto parsed = core::parsePhoneNumber(phoneText);
        if (parsed)
            m_normalisedPhone = parsed->normalised();
        else
            phoneError = tr(parsed.error().what);
    }
    m_phoneError->SetLabel(phoneError);

    if (m_name->GetValue().Strip(wxString::both).empty())
        m_problem = _("Enter the applicant's name");
    else if (!idError.empty())
        m_problem = idError;
    else if (m_normalisedId.empty())
        m_problem = isOrganisation() ? _("Enter the unified social credit code") : _("Enter the ID number");
    else if (!phoneError.empty())
        m_problem = phoneError;
    else
        m_problem.clear();
    Layout();
    if (m_changed)
        m_changed();
}

std::optional<core::Applicant> ApplicantPanel::applicant() const {
    if (!m_problem.empty())
        return std::nullopt;
    core::Applicant a;
    a.kind = isOrganisation() ? core::ApplicantKind::Organisation : core::ApplicantKind::Person;
    a.name = u8(m_name->GetValue().Strip(wxString::both));
    (isOrganisation() ? a.creditCode : a.idNumber) = m_normalisedId;
    a.phone = m_normalisedPhone;
    a.address = u8(m_address->GetValue().Strip(wxString::both));
    return a;
}

} // namespace ywtb::app
