#include "app/pickup_panel.h"

#include "app/app_i18n.h"
#include "app/device_prompt.h"
#include "app/document_preview.h"
#include "core/case_lifecycle.h"
#include "core/centre_config.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/masking.h"
#include "render/document_template.h"
#include "services/counter.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace ywtb::app {

namespace {
const std::vector<core::ReleaseMethod> kMethods{core::ReleaseMethod::Window, core::ReleaseMethod::Mail,
                                                core::ReleaseMethod::Locker};

wxString statusName(core::CaseStatus status) {
    return wxGetTranslation(wxString::FromUTF8(core::displayName(status)));
}
} // namespace

PickupPanel::PickupPanel(wxWindow* parent, services::Counter& session,
                         std::function<void(const wxString&)> report, std::function<void()> changed)
    : wxPanel(parent), m_session(session), m_report(std::move(report)), m_changed(std::move(changed)) {
    m_scan = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_scan->SetHint(_("Scan the QR code, or type the case number or ID number, then Enter"));
    m_scan->SetToolTip(_("A barcode scanner types the QR code of the notice here (Ctrl+F)"));
    auto* findButton = new wxButton(this, wxID_ANY, _("Find"));
    m_list = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 90));
    m_details = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 150),
                               wxTE_MULTILINE | wxTE_READONLY);
    wxArrayString methods;
    methods.Add(_("at the window"));
    methods.Add(_("by mail"));
    methods.Add(_("to a locker"));
    m_method = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, methods);
    m_method->SetSelection(0);
    m_receiver = new wxTextCtrl(this, wxID_ANY);
    m_receiver->SetHint(_("who takes it"));
    m_proxy = new wxCheckBox(this, wxID_ANY, _("Collected by a &proxy"));
    m_proxy->SetToolTip(
        _("Someone other than the applicant or the agent collects: check their ID card and type its number"));
    m_proxyId = new wxTextCtrl(this, wxID_ANY);
    m_proxyId->SetHint(_("the proxy's ID number"));
    m_proxyHint = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_proxyHint->SetForegroundColour(wxColour(170, 0, 0));
    m_tracking = new wxTextCtrl(this, wxID_ANY);
    m_tracking->SetHint(_("tracking number"));
    m_locker = new wxTextCtrl(this, wxID_ANY);
    m_locker->SetHint(_("locker code"));
    m_release = new wxButton(this, wxID_ANY, _("&Release (Ctrl+R)"));
    m_preview = new DocumentPreview(this, session, m_report);
    m_prompt = new DevicePrompt(this, session, [this] { updateState(); });

    auto* findRow = new wxBoxSizer(wxHORIZONTAL);
    findRow->Add(m_scan, 1, wxRIGHT, 4);
    findRow->Add(findButton, 0);
    auto* releaseRow = new wxFlexGridSizer(2, wxSize(6, 4));
    releaseRow->AddGrowableCol(1, 1);
    releaseRow->Add(new wxStaticText(this, wxID_ANY, _("Release")), 0, wxALIGN_CENTER_VERTICAL);
    releaseRow->Add(m_method, 0);
    releaseRow->Add(new wxStaticText(this, wxID_ANY, _("Receiver")), 0, wxALIGN_CENTER_VERTICAL);
    releaseRow->Add(m_receiver, 1, wxEXPAND);
    releaseRow->Add(m_proxy, 0, wxALIGN_CENTER_VERTICAL);
    auto* proxyRow = new wxBoxSizer(wxHORIZONTAL);
    proxyRow->Add(m_proxyId, 1, wxRIGHT, 6);
    proxyRow->Add(m_proxyHint, 1, wxALIGN_CENTER_VERTICAL);
    releaseRow->Add(proxyRow, 1, wxEXPAND);
    releaseRow->Add(new wxStaticText(this, wxID_ANY, _("Tracking no.")), 0, wxALIGN_CENTER_VERTICAL);
    releaseRow->Add(m_tracking, 1, wxEXPAND);
    releaseRow->Add(new wxStaticText(this, wxID_ANY, _("Locker")), 0, wxALIGN_CENTER_VERTICAL);
    releaseRow->Add(m_locker, 1, wxEXPAND);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(findRow, 0, wxEXPAND | wxBOTTOM, 6);
    left->Add(m_list, 0, wxEXPAND | wxBOTTOM, 6);
    left->Add(m_details, 1, wxEXPAND | wxBOTTOM, 6);
    left->Add(releaseRow, 0, wxEXPAND | wxBOTTOM, 6);
    left->Add(m_release, 0, wxBOTTOM, 6);
    left->Add(m_prompt, 0, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(left, 3, wxEXPAND | wxALL, 6);
    sizer->Add(m_preview, 1, wxEXPAND | wxALL, 6);
    SetSizer(sizer);

    m_scan->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { find(m_scan->GetValue()); });
    findButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { find(m_scan->GetValue()); });
    m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
        if (e.GetSelection() >= 0)
            select(static_cast<std::size_t>(e.GetSelection()));
    });
    m_method->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { updateState(); });
    m_proxy->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        // The result goes to the proxy: the receipt names them, not the applicant.
        if (m_proxy->IsChecked() && m_case && u8(m_receiver->GetValue()) == m_case->applicant.name)
            m_receiver->ChangeValue("");
        updateState();
        (m_proxy->IsChecked() ? m_receiver : m_scan)->SetFocus();
    });
    for (auto* field : {m_receiver, m_proxyId, m_tracking, m_locker})
        field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateState(); });
    m_release->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { release(); });
    updateState();
}

wxString PickupPanel::details() const {
    return m_details->GetValue();
}

void PickupPanel::focusScan() {
    m_scan->SetFocus();
    m_scan->SelectAll();
}

void PickupPanel::find(const wxString& typed) {
    const int lookup = ++m_lookup;
    m_matches.clear();
    m_case.reset();
    m_list->Clear();
    m_details->ChangeValue("");
    m_preview->clear();
    clearReleaseFields(); // a new search is the next person at the window
    const auto text = u8(typed.Strip(wxString::both));
    auto intake = m_session.intake();
    if (auto number = core::caseNumberIn(text)) {
        auto found = intake.find(*number);
        if (found) {
            m_matches.push_back(*found);
        } else if (m_session.hasServer()) {
            // Taken in at another counter PC: the central server has it. The window stays usable meanwhile.
            m_report(fill(_("Case {number} is not on this PC: asking the central server…"),
                          {{"number", *number}}));
            m_jobs.run<core::Expected<core::Case>>(
                [this, n = *number] { return m_session.fetchFromServer(n); },
                [this, text, lookup](core::Expected<core::Case> fetched) {
                    if (lookup != m_lookup)
                        return; // the clerk has looked for something else since
                    if (!fetched) {
                        m_report(tr(fetched.error()));
                        return;
                    }
                    m_report(fill(_("Case {number} fetched from the central server"),
                                  {{"number", fetched->number}}));
                    m_matches = {*fetched};
                    showMatches(text);
                    m_changed();
                });
            updateState();
            return;
        } else {
            m_report(tr(found.error()));
        }
    } else {
        // Not a case number: an applicant's ID number or credit code, as the store keys its cases.
        std::string key;
        if (auto id = core::parseIdNumber(text, m_session.clock().today()))
            key = id->number;
        else if (auto code = core::parseCreditCode(text))
            key = code->code;
        if (key.empty()) {
            m_report(_("Not a case number, a progress QR code, an ID number or a credit code"));
        } else {
            services::CaseQuery query;
            query.applicantKey = key;
            auto found = intake.list(query);
            if (found)
                m_matches = std::move(found).value();
            else
                m_report(tr(found.error()));
        }
    }
    showMatches(text);
}

void PickupPanel::showMatches(const std::string& text) {
    m_list->Clear();
    for (const auto& c : m_matches)
        m_list->Append(u8(c.number + "  " + c.item.name + "  ") + statusName(c.status));
    if (!m_matches.empty()) {
        m_list->SetSelection(0);
        select(0);
    } else if (!text.empty()) {
        m_report(fill(_("No case found for {text}"),
                      {{"text", core::caseNumberIn(text) ? text : core::maskIdNumber(text)}}));
    }
    updateState();
}

void PickupPanel::select(std::size_t index) {
    if (index >= m_matches.size())
        return;
    m_case = m_matches[index];
    const auto& c = *m_case;
    const auto& applicantKey = c.applicant.kind == core::ApplicantKind::Person
                                   ? core::maskIdNumber(c.applicant.idNumber)
                                   : c.applicant.creditCode;
    wxString text =
        fill(_("Case {number}"), {{"number", c.number}}) + "\n" + u8(c.item.name) + "\n" +
        fill(_("Applicant: {name} ({key})"), {{"name", c.applicant.name}, {"key", applicantKey}}) + "\n" +
        fill(_("Status: {status}"), {{"status", u8(statusName(c.status))}}) + "\n";
    if (c.duePromised)
        text += fill(_("Promised by {date}"), {{"date", c.duePromised->iso()}}) + "\n";
    for (const auto& d : c.documents)
        text += u8(d.number) + "  " + u8(d.on.iso()) + "\n";
    m_details->ChangeValue(text);
    if (m_receiver->GetValue().empty())
        m_receiver->ChangeValue(u8(c.applicant.name));
    updateState();
}

void PickupPanel::clearReleaseFields() {
    m_method->SetSelection(0);
    for (auto* field : {m_receiver, m_proxyId, m_tracking, m_locker})
        field->ChangeValue("");
    m_proxy->SetValue(false);
}

core::Expected<std::string> PickupPanel::proxyIdNumber() const {
    if (!m_proxy->IsChecked())
        return std::string();
    const auto typed = u8(m_proxyId->GetValue().Strip(wxString::both));
    if (typed.empty())
        return std::string(); // core::releaseResult says what is missing
    auto id = core::parseIdNumber(typed, m_session.clock().today());
    if (!id)
        return id.error();
    return id->number;
}

wxString PickupPanel::proxyProblem() const {
    return m_proxyHint->GetLabel();
}

std::optional<core::Release> PickupPanel::releaseFromFields() const {
    core::Release r;
    const int index = m_method->GetSelection();
    r.method = kMethods[index == wxNOT_FOUND ? 0 : static_cast<std::size_t>(index)];
    r.receiverName = u8(m_receiver->GetValue().Strip(wxString::both));
    r.byProxy = m_proxy->IsChecked();
    if (auto proxyId = proxyIdNumber())
        r.proxyIdNumber = *proxyId;
    r.trackingNumber = u8(m_tracking->GetValue().Strip(wxString::both));
    r.lockerCode = u8(m_locker->GetValue().Strip(wxString::both));
    r.staff = m_session.actor().staff;
    r.window = m_session.actor().window;
    r.on = m_session.clock().today();
    return r;
}

bool PickupPanel::canRelease(wxString* why) const {
    if (!m_case) {
        if (why)
            *why = _("Find a case first");
        return false;
    }
    if (auto proxyId = proxyIdNumber(); !proxyId) {
        if (why)
            *why = tr(proxyId.error());
        return false;
    }
    auto tried = m_session.canRelease(m_case->number, *releaseFromFields());
    if (!tried && why)
        *why = tr(tried.error());
    return tried.ok();
}

void PickupPanel::updateState() {
    m_tracking->Enable(m_method->GetSelection() == 1);
    m_locker->Enable(m_method->GetSelection() == 2);
    m_proxyId->Enable(m_proxy->IsChecked());
    const auto proxyId = proxyIdNumber();
    const wxString proxyText = proxyId ? wxString() : tr(proxyId.error().what);
    if (m_proxyHint->GetLabel() != proxyText) {
        m_proxyHint->SetLabel(proxyText);
        m_proxyHint->SetToolTip(proxyText);
    }
    wxString why;
    const bool ok = canRelease(&why);
    m_release->Enable(ok && !m_prompt->waiting());
    m_release->SetToolTip(ok ? _("Release the result and issue the delivery receipt (Ctrl+R)") : why);
}

void PickupPanel::release() {
    if (!canRelease() || m_prompt->waiting())
        return;
    const auto number = m_case->number;
    if (!m_session.hasDevice(services::CounterDevice::IdCard)) {
        signThenRelease(number, std::nullopt);
        return;
    }
    // 8.3.2: the card on the reader must be the applicant's or the agent's, or nothing leaves the window.
    // Checked as soon as it is read, so that the clerk hears of a wrong card before the pad, and again by the
    // release.
    m_prompt->readCard([this, number](const devices::IdCard& read) {
        if (!m_case || m_case->number != number)
            return;
        const services::ReceiverCard card{read.idNumber.number, read.name};
        const auto proxyId = proxyIdNumber();
        if (auto same = m_session.checkReceiver(number, card, proxyId ? *proxyId : std::string()); !same) {
            m_prompt->showProblem(
                tr(same.error().what) + "  " +
                _("A proxy collecting: tick \"Collected by a proxy\" and type the number of their card"));
            return;
        }
        signThenRelease(number, card);
    });
}

void PickupPanel::signThenRelease(const std::string& number,
                                  const std::optional<services::ReceiverCard>& card) {
    if (!m_session.hasDevice(services::CounterDevice::Signature)) {
        releaseNow(number, card);
        return;
    }
    m_prompt->sign(number, render::DocumentKind::DeliveryReceipt, [this, number, card] {
        if (m_case && m_case->number == number)
            releaseNow(number, card);
    });
}

void PickupPanel::releaseNow(const std::string& number, const std::optional<services::ReceiverCard>& card) {
    wxString why;
    if (!canRelease(&why)) {
        m_prompt->showProblem(why);
        return;
    }
    // The release and its delivery receipt are one step of the service, the card checked there again.
    auto outcome = m_session.release(number, *releaseFromFields(), card);
    if (!outcome) {
        m_report(tr(outcome.error()));
        return;
    }
    const auto* released = &outcome->c;
    m_matches = {*released};
    m_list->Clear();
    m_list->Append(u8(released->number + "  " + released->item.name + "  ") + statusName(released->status));
    m_list->SetSelection(0);
    select(0);
    m_changed();
    m_prompt->rate(released->number, core::RatingStage::Release);
    const auto releasedNumber = released->number;
    m_preview->show(std::move(outcome.value().papers));
    m_report(fill(_("Case {number} released"), {{"number", releasedNumber}}));
}

} // namespace ywtb::app
