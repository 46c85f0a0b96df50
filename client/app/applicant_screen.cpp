#include "app/applicant_screen.h"

#include "app/app_i18n.h"

#include <wx/display.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace ywtb::app {

namespace {

const wxColour kInk(20, 20, 20);
const wxColour kQuiet(90, 90, 90);
const wxColour kGood(0, 110, 40);
const wxColour kBad(176, 0, 32);
const wxColour kAsk(0, 70, 140);

wxColour markColour(core::MaterialMark mark) {
    switch (mark) {
    case core::MaterialMark::Received:
    case core::MaterialMark::NotNeeded:
        return kGood;
    case core::MaterialMark::Missing:
    case core::MaterialMark::NeedsCorrection:
        return kBad;
    case core::MaterialMark::ToCheck:
        break;
    }
    return kQuiet;
}

// A sign readable across the counter without colour: ✓ taken or not needed, ✗ to bring, … still to check.
const char* markSign(core::MaterialMark mark) {
    switch (mark) {
    case core::MaterialMark::Received:
    case core::MaterialMark::NotNeeded:
        return "\u2713";
    case core::MaterialMark::Missing:
    case core::MaterialMark::NeedsCorrection:
        return "\u2717";
    case core::MaterialMark::ToCheck:
        break;
    }
    return "\u2026";
}

} // namespace

wxString markText(core::MaterialMark mark) {
    switch (mark) {
    case core::MaterialMark::ToCheck:
        return _("to be checked");
    case core::MaterialMark::Received:
        return _("handed in");
    case core::MaterialMark::NotNeeded:
        return _("not needed");
    case core::MaterialMark::Missing:
        return _("not brought");
    case core::MaterialMark::NeedsCorrection:
        return _("to be corrected");
    }
    return {};
}

wxString outcomeText(const core::ApplicantView& view) {
    const auto date = [](const std::optional<core::CivilDate>& d) { return d ? d->iso() : std::string("—"); };
    switch (view.status) {
    case core::CaseStatus::Draft:
        if (view.toCheck > 0)
            return fill(_("The clerk is checking your materials: {count} still to check"),
                        {{"count", std::to_string(view.toCheck)}});
        if (view.toBring > 0)
            return fill(_("{count} required materials are missing or need correcting"),
                        {{"count", std::to_string(view.toBring)}});
        return _("All materials checked");
    case core::CaseStatus::Received:
        return _("Received: if anything needs correcting you will be told once, within 5 working days");
    case core::CaseStatus::Accepted:
    case core::CaseStatus::UnderReview:
        return fill(_("Accepted: the result is promised by {date}"), {{"date", date(view.duePromised)}});
    case core::CaseStatus::Correction:
        return _("Not yet accepted: please bring everything the correction notice lists");
    case core::CaseStatus::Conditional:
        return fill(_("Accepted on condition: bring the missing materials by {date}"),
                    {{"date", date(view.supplementBy)}});
    case core::CaseStatus::Refused:
        return _("Not accepted: the refusal notice gives the reason and where to apply");
    case core::CaseStatus::Approved:
    case core::CaseStatus::Denied:
        return _("Decided: the result will be ready at the pickup window");
    case core::CaseStatus::AwaitingRelease:
        return _("Your result is ready");
    case core::CaseStatus::Released:
        return _("Your result has been handed over. Thank you");
    case core::CaseStatus::Withdrawn:
        return _("Withdrawn: the pledged materials did not arrive in time");
    }
    return {};
}

wxString askingText(DevicePrompt::Asking asking) {
    switch (asking) {
    case DevicePrompt::Asking::IdCard:
        return _("Please place your ID card on the reader");
    case DevicePrompt::Asking::Signature:
        return _("Please sign on the signature pad");
    case DevicePrompt::Asking::Rating:
        return _("Please rate our service on the rating device");
    case DevicePrompt::Asking::Nothing:
        break;
    }
    return {};
}

ApplicantScreen::ApplicantScreen(wxWindow* owner, const wxString& heading, unsigned display)
    : wxFrame(owner, wxID_ANY, _("For the applicant"), wxDefaultPosition, wxSize(900, 700),
              wxDEFAULT_FRAME_STYLE | wxFRAME_NO_TASKBAR),
      m_heading(heading) {
    m_panel = new wxPanel(this);
    m_panel->SetBackgroundColour(*wxWHITE);
    m_panel->SetSizer(new wxBoxSizer(wxVERTICAL));
    if (display > 0 && display < wxDisplay::GetCount()) {
        // The second screen: the whole of it, with no frame the applicant could close.
        const auto area = wxDisplay(display).GetGeometry();
        SetSize(area);
        m_ownDisplay = true;
        ShowFullScreen(true, wxFULLSCREEN_ALL);
    }
    redraw();
}

wxStaticText* ApplicantScreen::addLine(const wxString& text, double scale, const wxColour& colour,
                                       bool bold) {
    auto* line = new wxStaticText(m_panel, wxID_ANY, text);
    auto font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    font.SetFractionalPointSize(font.GetFractionalPointSize() * scale);
    if (bold)
        font.MakeBold();
    line->SetFont(font);
    line->SetForegroundColour(colour);
    m_panel->GetSizer()->Add(line, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    return line;
}

void ApplicantScreen::show(const ApplicantScreenState& state) {
    if (m_drawn && state == m_state)
        return;
    m_state = state;
    redraw();
}

void ApplicantScreen::redraw() {
    m_drawn = true;
    Freeze();
    m_panel->DestroyChildren();
    m_panel->GetSizer()->Clear();
    addLine(m_heading, 1.2, kQuiet);
    if (!m_state.ticket.empty())
        addLine(fill(_("Now serving ticket {ticket}"), {{"ticket", m_state.ticket}}), 1.6, kInk, true);
    if (!m_state.view) {
        addLine(_("Welcome"), 3.0, kInk, true);
    } else {
        const auto& v = *m_state.view;
        addLine(wxString::FromUTF8(v.itemName), 2.2, kInk, true);
        addLine(fill(_("Case {number} · applicant {name}"),
                     {{"number", v.caseNumber}, {"name", v.applicantName}}),
                1.3, kQuiet);
        for (const auto& m : v.materials) {
            wxString line = wxString::FromUTF8(markSign(m.mark)) + "  " + wxString::FromUTF8(m.name) + " — " +
                            markText(m.mark);
            if (m.scannedPages > 0)
                line +=
                    "  " + fill(_("({count} pages scanned)"), {{"count", std::to_string(m.scannedPages)}});
            if (!m.note.empty())
                line += "：" + wxString::FromUTF8(m.note);
            addLine(line, 1.5, markColour(m.mark));
        }
        addLine(outcomeText(v), 1.8, kInk, true);
        if (!v.documents.empty()) {
            wxString numbers;
            for (const auto& d : v.documents)
                numbers += (numbers.empty() ? "" : "  ") + wxString::FromUTF8(d);
            addLine(fill(_("Papers issued: {numbers}"), {{"numbers", u8(numbers)}}), 1.3, kQuiet);
        }
    }
    if (const auto ask = askingText(m_state.asking); !ask.empty())
        addLine(ask, 2.6, kAsk, true);
    m_panel->Layout();
    Thaw();
    m_panel->Refresh();
}

wxString ApplicantScreen::text() const {
    wxString all;
    for (const auto* child : m_panel->GetChildren())
        if (const auto* line = dynamic_cast<const wxStaticText*>(child))
            all += line->GetLabel() + "\n";
    return all;
}

} // namespace ywtb::app
