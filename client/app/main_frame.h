#pragma once
// The counter's main window: the hall's queue, the intake and pickup pages, menus with a shortcut for every
// counter action, and a status bar that always shows staff and window, sync, outbox depth, devices and due /
// overdue cases.

#include "core/message.h"
#include "services/counter_types.h"

#include <string>
#include <wx/frame.h>
#include <wx/timer.h>

class wxGauge;
class wxNotebook;

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class ApplicantScreen;
class DevicePrompt;
class IntakePanel;
class PickupPanel;
class QueuePanel;

/// What the user chose in the View menu, kept between runs.
struct ViewSettings {
    std::string language = "zh_CN"; ///< "zh_CN" or "en"; takes effect at the next start
    int fontPoints = 0;             ///< 0: the system's size
    int applicantScreen =
        -1;              ///< the applicant's window on this display (0: a window on the clerk's); -1: none
    bool persist = true; ///< false in tests: never touch the user's configuration
};

class MainFrame : public wxFrame {
public:
    enum StatusField {
        kStaffField,
        kSyncField,
        kOutboxField,
        kSyncProgressField,
        kDevicesField,
        kDueField,
        kMessageField,
        kFieldCount
    };

    MainFrame(services::Counter& session, ViewSettings settings);
    ~MainFrame() override;

    /// Re-reads what the status bar shows from the store.
    void refreshStatus();
    /// Re-reads the sync engine's state and the outbox depth.
    void refreshSync();
    /// Re-reads the state of each configured device.
    void refreshDevices();
    /// A line in the message field of the status bar.
    void report(const wxString& text);
    wxString statusText(StatusField field) const;
    /// The bar in the status bar that fills as the sync engine sends a backlog; shown only while there is
    /// one.
    wxGauge* syncProgress() const { return m_syncProgress; }

    void showIntake();
    void showPickup();
    /// The supervisor's list of sync entries the server refused (SetAsideDialog), modal.
    void showSetAside();
    /// Grows or shrinks every text of the window by `steps` points (0: back to the system size).
    void changeFontSize(int steps);
    int fontPoints() const { return m_settings.fontPoints; }
    void chooseLanguage(const std::string& language);
    /// Opens the applicant's window on `display` (0: beside this one), or closes it with -1; kept in the
    /// settings.
    void showApplicantScreen(int display);
    /// The applicant's window, null when none is open.
    ApplicantScreen* applicantScreen() const { return m_applicantScreen; }
    /// Gives the applicant's window what the clerk's window shows now (its timer does so four times a
    /// second).
    void refreshApplicantScreen();

    IntakePanel* intake() const { return m_intake; }
    PickupPanel* pickup() const { return m_pickup; }
    QueuePanel* queue() const { return m_queue; }
    wxNotebook* pages() const { return m_pages; }

private:
    void buildMenus();
    void applyFont();
    void saveSettings() const;
    void showKeyboardMap();
    /// A ticket was called: the page and the form made ready for that applicant.
    void ticketCalled(const services::Ticket& ticket);
    /// The device prompt of the page shown.
    DevicePrompt* currentPrompt() const;

    services::Counter& m_session;
    ViewSettings m_settings;
    wxNotebook* m_pages = nullptr;
    IntakePanel* m_intake = nullptr;
    PickupPanel* m_pickup = nullptr;
    QueuePanel* m_queue = nullptr;
    wxTimer m_refreshTimer;
    wxTimer m_syncTimer;
    wxTimer m_applicantTimer;
    ApplicantScreen* m_applicantScreen = nullptr;
    wxGauge* m_syncProgress = nullptr;
    std::int64_t m_syncBacklog = 0; ///< the most changes waiting since the outbox was last empty
};

/// The shortcuts, as the Help menu lists them: (keys, what they do).
std::vector<std::pair<wxString, wxString>> keyboardMap();

} // namespace ywtb::app
