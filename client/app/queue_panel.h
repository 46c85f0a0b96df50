#pragma once
// The hall's queue (叫号) at the top of the counter window: the ticket this window is serving, and Call next,
// Recall, No-show, Transfer and Done (services::HallQueue on the central server, docs/api.md section 11).
// Every request runs on a worker thread; the buttons wait for its answer, the rest of the window does not.
// Calling the next ticket hands its item (an appointment's, or the one chosen at the ticket machine) to the
// intake page.

#include "app/background_jobs.h"
#include "core/message.h"
#include "services/counter_types.h"

#include <functional>
#include <optional>
#include <wx/panel.h>

class wxButton;
class wxStaticText;

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class QueuePanel : public wxPanel {
public:
    /// `report` writes a line in the status bar; `called` receives each ticket called.
    QueuePanel(wxWindow* parent, services::Counter& session, std::function<void(const wxString&)> report,
               std::function<void(const services::Ticket&)> called);

    void callNext();
    void recall();
    void skip();
    /// Transfers the ticket to `window` (an id of centre.json); empty asks the clerk which.
    void transfer(const std::string& window = {});
    void done();
    /// Asks how many are waiting (every refresh of the status bar).
    void refreshWaiting();

    const std::optional<services::Ticket>& current() const { return m_ticket; }
    wxString ticketText() const;
    wxString waitingText() const;
    wxButton* callButton() const { return m_call; }
    wxButton* recallButton() const { return m_recall; }
    wxButton* skipButton() const { return m_skip; }
    wxButton* transferButton() const { return m_transfer; }
    wxButton* doneButton() const { return m_done; }
    /// Requests under way.
    int pending() const { return m_jobs.pending(); }

private:
    using TicketResult = core::Expected<std::optional<services::Ticket>>;
    /// Runs `request` on a worker thread with the hall queue; `apply` gets its answer on the window's thread.
    void ask(std::function<TicketResult(services::HallQueue&)> request,
             std::function<void(const services::Ticket*)> apply);
    void show();
    void updateState();

    services::Counter& m_session;
    std::function<void(const wxString&)> m_report;
    std::function<void(const services::Ticket&)> m_called;
    std::optional<services::Ticket> m_ticket;
    bool m_busy = false;
    wxStaticText* m_ticketLine = nullptr;
    wxStaticText* m_waiting = nullptr;
    wxButton* m_call = nullptr;
    wxButton* m_recall = nullptr;
    wxButton* m_skip = nullptr;
    wxButton* m_transfer = nullptr;
    wxButton* m_done = nullptr;
    BackgroundJobs m_jobs; ///< last: joined before the rest goes
};

} // namespace ywtb::app
