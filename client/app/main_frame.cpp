#include "app/main_frame.h"

#include "app/app_i18n.h"
#include "app/applicant_panel.h"
#include "app/applicant_screen.h"
#include "app/application_form_panel.h"
#include "app/decision_panel.h"
#include "app/device_prompt.h"
#include "app/document_preview.h"
#include "app/intake_panel.h"
#include "app/item_search_panel.h"
#include "app/material_pages_panel.h"
#include "app/pickup_panel.h"
#include "app/queue_panel.h"
#include "app/set_aside_dialog.h"
#include "services/counter.h"

#include <wx/button.h>
#include <wx/config.h>
#include <wx/datetime.h>
#include <wx/display.h>
#include <wx/gauge.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

namespace ywtb::app {

namespace {

// "HH:MM" on this computer's clock of a UTC ISO 8601 time ("2026-11-29T03:45:51Z"), "—" without one.
std::string localTime(const std::string& utc) {
    wxDateTime at;
    if (utc.empty() || !at.ParseISOCombined(wxString(utc).BeforeLast('Z')))
        return "—";
    return at.FromTimezone(wxDateTime::UTC).Format("%H:%M").utf8_string();
}

// The sync field of the status bar: online and when it last synced, or offline and why.
wxString syncText(const std::optional<services::SyncStatus>& status) {
    if (!status)
        return _("offline — no server configured");
    switch (status->state) {
    case services::Reachability::Online:
        return fill(_("online · synced {at}"), {{"at", localTime(status->lastSuccessAt)}});
    case services::Reachability::Offline:
        return fill(_("offline — {error}"), {{"error", status->lastError}});
    case services::Reachability::Unknown:
        break;
    }
    return _("connecting to the server…");
}

wxString deviceName(services::CounterDevice device) {
    switch (device) {
    case services::CounterDevice::IdCard:
        return _("ID-card reader");
    case services::CounterDevice::Rating:
        return _("Rating device");
    case services::CounterDevice::Signature:
        return _("Signature pad");
    }
    return {};
}

// The devices field of the status bar: each configured device and whether it is there now.
wxString devicesText(const std::vector<std::pair<services::CounterDevice, devices::DeviceState>>& states) {
    if (states.empty())
        return _("Devices: none configured");
    wxString text;
    for (const auto& [device, state] : states)
        text += (text.empty() ? "" : " · ") + deviceName(device) + " " +
                (state == devices::DeviceState::Connected ? _("connected") : _("not connected"));
    return text;
}

enum MenuId {
    kNewCase = wxID_HIGHEST + 1,
    kOpenCase,
    kFindItem,
    kReadIdCard,
    kScanPages,
    kCancelPrompt,
    kPrint,
    kAccept,
    kReceive,
    kCorrection,
    kConditional,
    kRefuse,
    kFindCase,
    kRelease,
    kShowIntake,
    kShowPickup,
    kLarger,
    kSmaller,
    kNormalSize,
    kChinese,
    kEnglish,
    kKeyboard,
    kCallNext,
    kRecallTicket,
    kSkipTicket,
    kTransferTicket,
    kTicketDone,
    kSetAside,
    kApplicantScreen,
    kSaveForm,
    kShowForm,
    kApprove,
    kDeny,
};

int menuIdOf(core::DecisionKind kind) {
    switch (kind) {
    case core::DecisionKind::Accept:
        return kAccept;
    case core::DecisionKind::Receive:
        return kReceive;
    case core::DecisionKind::Correction:
        return kCorrection;
    case core::DecisionKind::Conditional:
        return kConditional;
    case core::DecisionKind::Approve:
        return kApprove;
    case core::DecisionKind::Deny:
        return kDeny;
    default:
        return kRefuse;
    }
}

const char* shortcutOf(core::DecisionKind kind) {
    switch (kind) {
    case core::DecisionKind::Accept:
        return "F5";
    case core::DecisionKind::Receive:
        return "F6";
    case core::DecisionKind::Correction:
        return "F7";
    case core::DecisionKind::Conditional:
        return "F8";
    case core::DecisionKind::Approve:
        return "Shift+F5";
    case core::DecisionKind::Deny:
        return "Shift+F9";
    default:
        return "F9";
    }
}

void setFontRecursively(wxWindow* window, const wxFont& font) {
    window->SetFont(font);
    for (auto* child : window->GetChildren())
        setFontRecursively(child, font);
}

} // namespace

std::vector<std::pair<wxString, wxString>> keyboardMap() {
    return {{"Ctrl+N", _("New case (clear the intake form)")},
            {"Ctrl+O", _("Open case")},
            {"Ctrl+K", _("Find an item")},
            {"F3", _("Read the applicant's ID card")},
            {"F4", _("Scan pages onto the selected material")},
            {"Esc", _("Cancel the prompt on the rating device or the signature pad, or the scan")},
            {"F5", _("Accept")},
            {"F6", _("Receive")},
            {"F7", _("Correction notice")},
            {"F8", _("Conditional acceptance")},
            {"F9", _("Refuse")},
            {"Shift+F5", _("Approve on the spot (an item decided at the counter, 8.2.1)")},
            {"Shift+F9", _("Deny on the spot, with the written reason")},
            {"Ctrl+E", _("The application form of the open case")},
            {"Ctrl+S", _("Save the application form")},
            {"Ctrl+P", _("Print the papers shown")},
            {"Ctrl+Shift+S", _("Sync entries the server refused: retry or discard")},
            {"Ctrl+J", _("Queue: call the next ticket")},
            {"Ctrl+Shift+J", _("Queue: call the ticket again")},
            {"Ctrl+G", _("Queue: the applicant did not come (no-show)")},
            {"Ctrl+T", _("Queue: send the applicant to another window")},
            {"Ctrl+D", _("Queue: the applicant has been served")},
            {"Ctrl+F", _("Pickup: find a case (scan here)")},
            {"Ctrl+R", _("Pickup: release")},
            {"Ctrl+1 / Ctrl+2", _("Intake page / pickup page")},
            {"Ctrl+Shift+A", _("The applicant's screen: show or hide")},
            {"Ctrl+= / Ctrl+- / Ctrl+0", _("Larger / smaller / normal text")},
            {"F1", _("This list")},
            {"Ctrl+Q", _("Quit")}};
}

MainFrame::MainFrame(services::Counter& session, ViewSettings settings)
    : wxFrame(nullptr, wxID_ANY, _("ywtb-counter"), wxDefaultPosition, wxSize(1280, 900)), m_session(session),
      m_settings(std::move(settings)), m_refreshTimer(this), m_syncTimer(this), m_applicantTimer(this) {
    SetTitle(fill(_("{centre} — {window} — ywtb-counter"),
                  {{"centre", session.centre().name},
                   {"window", session.window() ? session.window()->name : session.actor().window}}));
    auto* bar = CreateStatusBar(kFieldCount);
    const int widths[kFieldCount] = {-3, -3, -2, 90, -6, -3, -4};
    bar->SetStatusWidths(kFieldCount, widths);
    m_syncProgress =
        new wxGauge(bar, wxID_ANY, 1, wxDefaultPosition, wxDefaultSize, wxGA_HORIZONTAL | wxGA_SMOOTH);
    m_syncProgress->Hide();
    bar->Bind(wxEVT_SIZE, [this, bar](wxSizeEvent& e) {
        wxRect field;
        if (bar->GetFieldRect(kSyncProgressField, field))
            m_syncProgress->SetSize(field.Deflate(2));
        e.Skip();
    });
    SetStatusBarPane(kMessageField); // menu help goes to the message field, never over staff and window

    // The hall's queue above both pages: a pickup window calls tickets as an intake window does.
    auto* content = new wxPanel(this);
    auto reportLine = [this](const wxString& text) { report(text); };
    auto changed = [this] { refreshStatus(); };
    m_queue = new QueuePanel(content, session, reportLine,
                             [this](const services::Ticket& ticket) { ticketCalled(ticket); });
    m_pages = new wxNotebook(content, wxID_ANY);
    auto* layout = new wxBoxSizer(wxVERTICAL);
    layout->Add(m_queue, 0, wxEXPAND | wxALL, 6);
    layout->Add(m_pages, 1, wxEXPAND);
    content->SetSizer(layout);
    m_intake = new IntakePanel(m_pages, session, reportLine, changed);
    m_pickup = new PickupPanel(m_pages, session, reportLine, changed);
    m_pages->AddPage(m_intake, _("Intake (Ctrl+1)"), true);
    m_pages->AddPage(m_pickup, _("Pickup (Ctrl+2)"));
    // A pickup window has no intake: it opens on the pickup page.
    if (session.window() && !session.window()->intakeType)
        m_pages->SetSelection(1);

    buildMenus();
    applyFont();
    refreshStatus();
    m_queue->refreshWaiting();
    Bind(
        wxEVT_TIMER,
        [this](wxTimerEvent&) {
            refreshStatus();
            m_queue->refreshWaiting();
        },
        m_refreshTimer.GetId());
    m_refreshTimer.Start(60 * 1000);
    // The sync engine and the device drivers work on their own threads: their states are read every two
    // seconds, which costs two COUNTs.
    Bind(
        wxEVT_TIMER,
        [this](wxTimerEvent&) {
            refreshSync();
            refreshDevices();
        },
        m_syncTimer.GetId());
    if (m_session.syncStatus() || !m_session.deviceStates().empty())
        m_syncTimer.Start(2 * 1000);
    Bind(
        wxEVT_TIMER, [this](wxTimerEvent&) { refreshApplicantScreen(); }, m_applicantTimer.GetId());
    if (m_settings.applicantScreen >= 0)
        showApplicantScreen(m_settings.applicantScreen);
}

MainFrame::~MainFrame() {
    m_refreshTimer.Stop();
    m_syncTimer.Stop();
    m_applicantTimer.Stop();
}

void MainFrame::showApplicantScreen(int display) {
    if (m_applicantScreen) {
        m_applicantTimer.Stop();
        m_applicantScreen->Destroy();
        m_applicantScreen = nullptr;
    }
    m_settings.applicantScreen = display;
    saveSettings();
    if (display < 0)
        return;
    const auto* window = m_session.window();
    const auto heading = fill(_("{centre} · {window} · staff no. {staff}"),
                              {{"centre", m_session.centre().name},
                               {"window", window ? window->name : m_session.actor().window},
                               {"staff", m_session.actor().staff}});
    m_applicantScreen = new ApplicantScreen(this, heading, static_cast<unsigned>(display));
    m_applicantScreen->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { showApplicantScreen(-1); });
    if (!m_applicantScreen->onOwnDisplay()) {
        m_applicantScreen->Show();
        if (display > 0)
            report(fill(_("There is no display {display}: the applicant's screen is a window on this one"),
                        {{"display", std::to_string(display)}}));
    }
    Raise(); // the clerk's keyboard stays in the clerk's window
    refreshApplicantScreen();
    m_applicantTimer.Start(250);
}

void MainFrame::refreshApplicantScreen() {
    if (!m_applicantScreen)
        return;
    ApplicantScreenState state;
    if (const auto& ticket = m_queue->current())
        state.ticket = ticket->number;
    const auto& shownCase = m_pages->GetSelection() == 1 ? m_pickup->currentCase() : m_intake->currentCase();
    if (shownCase)
        state.view = core::applicantViewOf(*shownCase);
    state.asking = currentPrompt()->asking();
    m_applicantScreen->show(state);
}

void MainFrame::refreshSync() {
    const auto sync = m_session.syncStatus();
    SetStatusText(syncText(sync), kSyncField);
    wxString outbox = fill(_("Outbox: {count}"), {{"count", std::to_string(m_session.outboxDepth())}});
    if (sync && sync->poisoned > 0)
        outbox +=
            " · " + fill(_("{count} set aside (Ctrl+Shift+S)"), {{"count", std::to_string(sync->poisoned)}});
    SetStatusText(outbox, kOutboxField);
    // How far the engine is through the backlog it has: from the most waiting since the outbox was last
    // empty.
    const std::int64_t waiting = sync ? sync->outboxDepth : 0;
    m_syncBacklog = waiting == 0 ? 0 : std::max(m_syncBacklog, waiting);
    const bool sending = waiting > 0 && sync->state == services::Reachability::Online;
    if (sending) {
        m_syncProgress->SetRange(static_cast<int>(std::min<std::int64_t>(m_syncBacklog, 1'000'000)));
        m_syncProgress->SetValue(
            static_cast<int>(std::min<std::int64_t>(m_syncBacklog - waiting, 1'000'000)));
        m_syncProgress->SetToolTip(fill(
            _("Sending to the server: {sent} of {total}"),
            {{"sent", std::to_string(m_syncBacklog - waiting)}, {"total", std::to_string(m_syncBacklog)}}));
    }
    if (m_syncProgress->IsShown() != sending) {
        wxRect field;
        if (GetStatusBar()->GetFieldRect(kSyncProgressField, field))
            m_syncProgress->SetSize(field.Deflate(2));
        m_syncProgress->Show(sending);
    }
}

void MainFrame::showSetAside() {
    SetAsideDialog dialog(this, m_session);
    dialog.ShowModal();
    refreshSync();
}

void MainFrame::ticketCalled(const services::Ticket& ticket) {
    // The next applicant: a clean intake form, with the item their ticket names already looked up.
    if (!m_session.window() || !m_session.window()->intakeType) {
        showPickup();
        m_pickup->focusScan();
        return;
    }
    showIntake();
    m_intake->newCase();
    if (!ticket.itemCode.empty())
        m_intake->itemSearch()->search(u8(ticket.itemCode));
}

void MainFrame::refreshDevices() {
    SetStatusText(devicesText(m_session.deviceStates()), kDevicesField);
}

DevicePrompt* MainFrame::currentPrompt() const {
    return m_pages->GetSelection() == 1 ? m_pickup->prompt() : m_intake->prompt();
}

void MainFrame::buildMenus() {
    auto* caseMenu = new wxMenu;
    caseMenu->Append(kNewCase, _("&New case") + "\tCtrl+N");
    caseMenu->Append(kOpenCase, _("&Open case") + "\tCtrl+O");
    caseMenu->Append(kFindItem, _("Find &item") + "\tCtrl+K");
    caseMenu->Append(kReadIdCard, _("&Read ID card") + "\tF3");
    caseMenu->Append(kScanPages, _("Sc&an pages") + "\tF4");
    caseMenu->Append(kCancelPrompt, _("&Cancel the device prompt") + "\tEsc");
    caseMenu->Append(kShowForm, _("Application &form") + "\tCtrl+E");
    caseMenu->Append(kSaveForm, _("Sa&ve the application form") + "\tCtrl+S");
    caseMenu->AppendSeparator();
    caseMenu->Append(kPrint, _("&Print") + "\tCtrl+P");
    caseMenu->Append(kSetAside, _("Sync entries &set aside…") + "\tCtrl+Shift+S");
    caseMenu->AppendSeparator();
    caseMenu->Append(wxID_EXIT, _("&Quit") + "\tCtrl+Q");

    auto* decisionMenu = new wxMenu;
    for (auto kind : counterDecisions()) {
        auto label = decisionLabel(kind);
        label = label.BeforeLast('(').Strip(wxString::trailing);
        decisionMenu->Append(menuIdOf(kind), label + "\t" + shortcutOf(kind));
    }

    auto* pickupMenu = new wxMenu;
    pickupMenu->Append(kFindCase, _("&Find case") + "\tCtrl+F");
    pickupMenu->Append(kRelease, _("&Release") + "\tCtrl+R");

    auto* queueMenu = new wxMenu;
    queueMenu->Append(kCallNext, _("&Call next") + "\tCtrl+J");
    queueMenu->Append(kRecallTicket, _("&Recall") + "\tCtrl+Shift+J");
    queueMenu->Append(kSkipTicket, _("&No-show") + "\tCtrl+G");
    queueMenu->Append(kTransferTicket, _("&Transfer…") + "\tCtrl+T");
    queueMenu->Append(kTicketDone, _("&Done") + "\tCtrl+D");

    auto* languageMenu = new wxMenu;
    languageMenu->AppendRadioItem(kChinese, wxString::FromUTF8("中文"));
    languageMenu->AppendRadioItem(kEnglish, "English");
    languageMenu->Check(m_settings.language == "en" ? kEnglish : kChinese, true);
    auto* viewMenu = new wxMenu;
    viewMenu->Append(kShowIntake, _("&Intake") + "\tCtrl+1");
    viewMenu->Append(kShowPickup, _("&Pickup") + "\tCtrl+2");
    viewMenu->AppendSeparator();
    viewMenu->Append(kLarger, _("&Larger text") + "\tCtrl+=");
    viewMenu->Append(kSmaller, _("&Smaller text") + "\tCtrl+-");
    viewMenu->Append(kNormalSize, _("&Normal text size") + "\tCtrl+0");
    viewMenu->AppendSubMenu(languageMenu, _("Lan&guage"));
    viewMenu->AppendSeparator();
    viewMenu->AppendCheckItem(kApplicantScreen, _("&Applicant screen") + "\tCtrl+Shift+A");

    auto* helpMenu = new wxMenu;
    helpMenu->Append(kKeyboard, _("&Keyboard shortcuts") + "\tF1");

    auto* menus = new wxMenuBar;
    menus->Append(caseMenu, _("&Case"));
    menus->Append(decisionMenu, _("&Decision"));
    menus->Append(pickupMenu, _("&Pickup"));
    menus->Append(queueMenu, _("&Queue"));
    menus->Append(viewMenu, _("&View"));
    menus->Append(helpMenu, _("&Help"));
    SetMenuBar(menus);

    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showIntake();
            m_intake->newCase();
        },
        kNewCase);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_intake->openCase(); }, kOpenCase);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showIntake();
            m_intake->itemSearch()->queryField()->SetFocus();
        },
        kFindItem);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showIntake();
            m_intake->applicant()->readCard();
        },
        kReadIdCard);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_intake->applicant()->canReadCard()); },
        kReadIdCard);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showIntake();
            m_intake->materialPages()->scan();
        },
        kScanPages);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_intake->materialPages()->canScan()); },
        kScanPages);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            currentPrompt()->cancel();
            if (m_pages->GetSelection() != 1)
                m_intake->materialPages()->cancelScan();
        },
        kCancelPrompt);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(currentPrompt()->waiting() ||
                     (m_pages->GetSelection() != 1 && m_intake->materialPages()->scanning()));
        },
        kCancelPrompt);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            (m_pages->GetSelection() == 1 ? m_pickup->preview() : m_intake->preview())->print();
        },
        kPrint);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    for (auto kind : counterDecisions()) {
        Bind(
            wxEVT_MENU, [this, kind](wxCommandEvent&) { m_intake->decisions()->press(kind); },
            menuIdOf(kind));
        Bind(
            wxEVT_UPDATE_UI,
            [this, kind](wxUpdateUIEvent& e) { e.Enable(m_intake->decisions()->allowed(kind)); },
            menuIdOf(kind));
    }
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_intake->canOpen()); }, kOpenCase);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable((m_pages->GetSelection() == 1 ? m_pickup->preview() : m_intake->preview())->canPrint());
        },
        kPrint);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showPickup();
            m_pickup->focusScan();
        },
        kFindCase);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showSetAside(); }, kSetAside);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showIntake();
            m_intake->applicationForm()->save();
        },
        kSaveForm);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showIntake();
            m_intake->showApplicationForm();
        },
        kShowForm);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_queue->callNext(); }, kCallNext);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_queue->recall(); }, kRecallTicket);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_queue->skip(); }, kSkipTicket);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_queue->transfer(); }, kTransferTicket);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_queue->done(); }, kTicketDone);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_queue->callButton()->IsEnabled()); },
        kCallNext);
    for (int id : {kRecallTicket, kSkipTicket, kTransferTicket, kTicketDone})
        Bind(
            wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_queue->doneButton()->IsEnabled()); },
            id);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { m_pickup->release(); }, kRelease);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_pickup->canRelease()); }, kRelease);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showIntake(); }, kShowIntake);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showPickup(); }, kShowPickup);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { changeFontSize(+1); }, kLarger);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { changeFontSize(-1); }, kSmaller);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { changeFontSize(0); }, kNormalSize);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseLanguage("zh_CN"); }, kChinese);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseLanguage("en"); }, kEnglish);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showKeyboardMap(); }, kKeyboard);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            // On the second display when there is one, else a window the clerk can drag where the applicant
            // sees it.
            showApplicantScreen(m_applicantScreen ? -1 : (wxDisplay::GetCount() > 1 ? 1 : 0));
        },
        kApplicantScreen);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Check(m_applicantScreen != nullptr); },
        kApplicantScreen);

    // Ctrl++ is typed as Ctrl+Shift+= on most keyboards, and the keypad has its own keys: all of them work.
    wxAcceleratorEntry extra[] = {{wxACCEL_CTRL | wxACCEL_SHIFT, '=', kLarger},
                                  {wxACCEL_CTRL, WXK_NUMPAD_ADD, kLarger},
                                  {wxACCEL_CTRL, WXK_NUMPAD_SUBTRACT, kSmaller}};
    SetAcceleratorTable(wxAcceleratorTable(3, extra));
}

void MainFrame::showIntake() {
    m_pages->SetSelection(0);
}
void MainFrame::showPickup() {
    m_pages->SetSelection(1);
}

void MainFrame::report(const wxString& text) {
    SetStatusText(text, kMessageField);
}

wxString MainFrame::statusText(StatusField field) const {
    return GetStatusBar()->GetStatusText(field);
}

void MainFrame::refreshStatus() {
    const auto& actor = m_session.actor();
    auto staffText =
        fill(_("Staff {staff} · window {window}"), {{"staff", actor.staff}, {"window", actor.window}});
    if (m_session.signedInOffline())
        staffText += " · " + _("signed in offline");
    SetStatusText(staffText, kStaffField);
    refreshSync();
    refreshDevices();
    const auto due = m_session.dueCounts();
    SetStatusText(fill(_("Due soon {soon} · overdue {overdue}"),
                       {{"soon", std::to_string(due.dueSoon)}, {"overdue", std::to_string(due.overdue)}}),
                  kDueField);
}

void MainFrame::changeFontSize(int steps) {
    const int system = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT).GetPointSize();
    const int current = m_settings.fontPoints > 0 ? m_settings.fontPoints : system;
    m_settings.fontPoints = steps == 0 ? 0 : std::clamp(current + steps, 8, 32);
    applyFont();
    saveSettings();
}

void MainFrame::applyFont() {
    auto font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    if (m_settings.fontPoints > 0)
        font.SetPointSize(m_settings.fontPoints);
    setFontRecursively(this, font);
    Layout();
    if (m_intake)
        m_intake->Layout();
    if (m_pickup)
        m_pickup->Layout();
}

void MainFrame::chooseLanguage(const std::string& language) {
    if (language == m_settings.language)
        return;
    m_settings.language = language;
    saveSettings();
    report(language == "en" ? wxString("The language changes to English at the next start.")
                            : wxString::FromUTF8("下次启动时界面语言切换为中文。"));
}

void MainFrame::saveSettings() const {
    if (!m_settings.persist)
        return;
    auto* config = wxConfigBase::Get();
    config->Write("/view/language", wxString::FromUTF8(m_settings.language));
    config->Write("/view/font_points", m_settings.fontPoints);
    config->Write("/view/applicant_screen", m_settings.applicantScreen);
    config->Flush();
}

void MainFrame::showKeyboardMap() {
    wxString text;
    for (const auto& [keys, what] : keyboardMap())
        text += keys + "\t" + what + "\n";
    wxMessageBox(text, _("Keyboard shortcuts"), wxOK | wxICON_INFORMATION, this);
}

} // namespace ywtb::app
