#include "app/device_prompt.h"

#include "app/app_i18n.h"
#include "core/masking.h"
#include "services/counter.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace ywtb::app {

namespace {
const wxColour kErrorColour(176, 0, 32);
const wxColour kWaitingColour(0, 70, 140);
} // namespace

DevicePrompt::DevicePrompt(wxWindow* parent, services::Counter& session, std::function<void()> changed)
    : wxPanel(parent), m_session(session), m_changed(std::move(changed)) {
    m_line = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_line->SetMinSize(wxSize(200, -1));
    m_cancel = new wxButton(this, wxID_ANY, _("Cancel (Esc)"));
    m_cancel->SetToolTip(
        _("Take back the prompt on the device: what the applicant does there is then not kept (Esc)"));
    m_cancel->Hide();
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(m_line, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    sizer->Add(m_cancel, 0);
    SetSizer(sizer);
    // As tall with Cancel hidden as shown, so that the page does not move when a prompt starts.
    SetMinSize(wxSize(-1, m_cancel->GetBestSize().y));
}

wxString DevicePrompt::text() const {
    return m_line->GetLabel();
}

void DevicePrompt::show(const wxString& text, bool problem) {
    m_problem = problem;
    m_line->SetForegroundColour(problem ? kErrorColour : waiting() ? kWaitingColour : GetForegroundColour());
    m_line->SetLabel(text);
    m_line->SetToolTip(text);
    m_cancel->Show(waiting());
    Layout();
    GetParent()->Layout();
}

void DevicePrompt::showProblem(const wxString& text) {
    show(text, true);
}

template <typename Result>
void DevicePrompt::run(Asking asking, const wxString& prompt,
                       std::function<Result(const std::atomic<bool>&)> work,
                       std::function<void(Result)> done) {
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_cancelled = cancelled;
    m_asking = asking;
    show(prompt, false);
    m_changed();
    m_jobs.run<Result>([cancelled, work = std::move(work)] { return work(*cancelled); },
                       [this, cancelled, done = std::move(done)](Result result) {
                           if (*cancelled)
                               return; // the line already says so, and the clerk may have moved on
                           m_cancelled.reset();
                           done(std::move(result));
                           m_changed();
                       });
}

void DevicePrompt::cancel() {
    if (!m_cancelled)
        return;
    *m_cancelled = true;
    m_cancelled.reset();
    m_session.cancelDevicePrompts(); // the device drops the prompt and is free for the next one
    show(_("Cancelled: nothing from the device is kept"), false);
    m_changed();
}

void DevicePrompt::rate(const std::string& caseNumber, core::RatingStage stage) {
    if (!m_session.hasDevice(services::CounterDevice::Rating))
        return;
    if (waiting()) {
        showProblem(
            _("The applicant is still at a device: wait, or cancel the prompt (Esc), then ask again"));
        return;
    }
    run<core::Expected<services::RatingRecord>>(
        Asking::Rating, _("Please ask the applicant to rate on the rating device… (Esc cancels)"),
        [this, caseNumber, stage](const std::atomic<bool>& cancelled) {
            return m_session.rateOnDevice(caseNumber, stage, cancelled);
        },
        [this](core::Expected<services::RatingRecord> rated) {
            if (rated)
                show(fill(_("Rating submitted: {level}"),
                          {{"level", u8(wxGetTranslation(core::levelName(rated->level)))}}),
                     false);
            else
                show(fill(_("No rating: {reason}"), {{"reason", u8(tr(rated.error().what))}}), false);
        });
}

void DevicePrompt::sign(const std::string& caseNumber, render::DocumentKind kind,
                        std::function<void()> signedThen) {
    if (waiting()) {
        showProblem(
            _("The applicant is still at a device: wait, or cancel the prompt (Esc), then ask again"));
        return;
    }
    const wxString prompt =
        kind == render::DocumentKind::Pledge
            ? _("Please ask the applicant to sign the pledge on the pad… (Esc cancels)")
            : _("Please ask the applicant to sign the delivery receipt on the pad… (Esc cancels)");
    run<core::Expected<services::SignatureRecord>>(
        Asking::Signature, prompt,
        [this, caseNumber, kind](const std::atomic<bool>& cancelled) {
            return m_session.signOnPad(caseNumber, kind, cancelled);
        },
        [this, signedThen = std::move(signedThen)](core::Expected<services::SignatureRecord> kept) {
            if (!kept) {
                showProblem(fill(_("Not signed: {reason}"), {{"reason", u8(tr(kept.error()))}}));
                return;
            }
            show(_("Signed on the pad"), false);
            signedThen();
        });
}

void DevicePrompt::readCard(std::function<void(const devices::IdCard&)> read) {
    if (waiting()) {
        showProblem(
            _("The applicant is still at a device: wait, or cancel the prompt (Esc), then ask again"));
        return;
    }
    run<core::Expected<devices::IdCard>>(
        Asking::IdCard, _("Reading the ID card on the reader…"),
        [this](const std::atomic<bool>&) { return m_session.readIdCard(); },
        [this, read = std::move(read)](core::Expected<devices::IdCard> card) {
            if (!card) {
                showProblem(fill(_("ID card not read: {reason}"), {{"reason", u8(tr(card.error()))}}));
                return;
            }
            show(fill(_("ID card read: {name} {id}"), {{"name", core::maskName(card->name)},
                                                       {"id", core::maskIdNumber(card->idNumber.number)}}),
                 false);
            read(*card);
        });
}

} // namespace ywtb::app
