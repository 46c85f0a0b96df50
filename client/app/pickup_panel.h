#pragma once
// The pickup window: find a case by scanning the QR code on the applicant's notice (a keyboard-wedge scanner
// types the progress address), by case number or by ID number / credit code; show it; release it at the
// window, by mail or to a locker; preview and print the delivery receipt. With an ID-card reader the card of
// the person at the window must be the applicant's or the agent's (8.3.2); with a pad the receipt is signed
// there before the release; with a rating device the applicant then rates it.

#include "app/background_jobs.h"
#include "core/case.h"
#include "core/error.h"
#include "core/message.h"

#include <functional>
#include <optional>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxStaticText;
class wxListBox;
class wxTextCtrl;

namespace ywtb::services {
class Counter;
struct ReceiverCard;
} // namespace ywtb::services

namespace ywtb::app {

class DevicePrompt;
class DocumentPreview;

class PickupPanel : public wxPanel {
public:
    PickupPanel(wxWindow* parent, services::Counter& session, std::function<void(const wxString&)> report,
                std::function<void()> changed);

    /// Finds cases from what was typed or scanned; the first match is shown. A case number this PC does not
    /// hold is asked of the central server in the background (a case taken in at another counter), when there
    /// is one.
    void find(const wxString& text);
    /// Server look-ups under way.
    int pending() const { return m_jobs.pending(); }
    /// Releases the shown case as the release fields say, after the card check and the receipt's signature
    /// where the devices are there; nothing happens while the rules forbid it.
    void release();
    bool canRelease(wxString* why = nullptr) const;
    void focusScan();

    const std::optional<core::Case>& currentCase() const { return m_case; }
    const std::vector<core::Case>& matches() const { return m_matches; }
    wxTextCtrl* scanField() const { return m_scan; }
    wxChoice* methodChoice() const { return m_method; }
    wxTextCtrl* receiverField() const { return m_receiver; }
    /// 代领: someone other than the applicant or agent collects; their ID number is checked first (8.3.2).
    wxCheckBox* proxyBox() const { return m_proxy; }
    wxTextCtrl* proxyIdField() const { return m_proxyId; }
    /// What the line beside the proxy's ID number says (empty when it is right or not asked).
    wxString proxyProblem() const;
    wxTextCtrl* trackingField() const { return m_tracking; }
    wxTextCtrl* lockerField() const { return m_locker; }
    wxButton* releaseButton() const { return m_release; }
    DocumentPreview* preview() const { return m_preview; }
    DevicePrompt* prompt() const { return m_prompt; }
    wxString details() const;

private:
    void select(std::size_t index);
    void showMatches(const std::string& text);
    void updateState();
    std::optional<core::Release> releaseFromFields() const;
    /// The proxy's ID number as typed, checked (GB 11643); empty when no proxy collects.
    core::Expected<std::string> proxyIdNumber() const;
    /// Clears what the release fields hold for the person before.
    void clearReleaseFields();
    /// The steps of release(), each when the one before succeeded for the case `number` still shown.
    void signThenRelease(const std::string& number, const std::optional<services::ReceiverCard>& card);
    void releaseNow(const std::string& number, const std::optional<services::ReceiverCard>& card);

    services::Counter& m_session;
    std::function<void(const wxString&)> m_report;
    std::function<void()> m_changed;
    std::vector<core::Case> m_matches;
    std::optional<core::Case> m_case;
    wxTextCtrl* m_scan = nullptr;
    wxListBox* m_list = nullptr;
    wxTextCtrl* m_details = nullptr;
    wxChoice* m_method = nullptr;
    wxTextCtrl* m_receiver = nullptr;
    wxCheckBox* m_proxy = nullptr;
    wxTextCtrl* m_proxyId = nullptr;
    wxStaticText* m_proxyHint = nullptr;
    wxTextCtrl* m_tracking = nullptr;
    wxTextCtrl* m_locker = nullptr;
    wxButton* m_release = nullptr;
    DocumentPreview* m_preview = nullptr;
    DevicePrompt* m_prompt = nullptr;
    int m_lookup = 0;      ///< counts find()s: a server answer for an earlier one is not shown
    BackgroundJobs m_jobs; ///< last: joined before the rest goes
};

} // namespace ywtb::app
