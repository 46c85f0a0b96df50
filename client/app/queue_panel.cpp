#include "app/queue_panel.h"

#include "app/app_i18n.h"
#include "services/counter.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace ywtb::app {

namespace {

core::Expected<std::optional<services::Ticket>> optionalOf(core::Expected<services::Ticket> result) {
    if (!result)
        return result.error();
    return std::optional<services::Ticket>(std::move(result).value());
}

} // namespace

QueuePanel::QueuePanel(wxWindow* parent, services::Counter& session,
                       std::function<void(const wxString&)> report,
                       std::function<void(const services::Ticket&)> called)
    : wxPanel(parent), m_session(session), m_report(std::move(report)), m_called(std::move(called)) {
    m_ticketLine = new wxStaticText(this, wxID_ANY, "");
    m_ticketLine->SetFont(m_ticketLine->GetFont().Bold().Larger());
    m_waiting = new wxStaticText(this, wxID_ANY, "");
    m_call = new wxButton(this, wxID_ANY, _("Call next (Ctrl+J)"));
    m_recall = new wxButton(this, wxID_ANY, _("Recall (Ctrl+Shift+J)"));
    m_skip = new wxButton(this, wxID_ANY, _("No-show (Ctrl+G)"));
    m_transfer = new wxButton(this, wxID_ANY, _("Transfer… (Ctrl+T)"));
    m_done = new wxButton(this, wxID_ANY, _("Done (Ctrl+D)"));
    m_call->SetToolTip(
        _("Call the next ticket: appointments first, then tickets sent to this window, then walk-ins"));
    m_skip->SetToolTip(_("The applicant did not come: the ticket is closed as a no-show"));
    m_transfer->SetToolTip(_("Send the applicant to another window; that window calls them first"));
    m_done->SetToolTip(_("The applicant has been served"));

    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(m_ticketLine, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    row->Add(m_waiting, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    for (auto* button : {m_call, m_recall, m_skip, m_transfer, m_done})
        row->Add(button, 0, wxLEFT, 4);
    SetSizer(row);

    m_call->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { callNext(); });
    m_recall->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { recall(); });
    m_skip->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { skip(); });
    m_transfer->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { transfer(); });
    m_done->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { done(); });
    show();
}

wxString QueuePanel::ticketText() const {
    return m_ticketLine->GetLabel();
}
wxString QueuePanel::waitingText() const {
    return m_waiting->GetLabel();
}

void QueuePanel::ask(std::function<TicketResult(services::HallQueue&)> request,
                     std::function<void(const services::Ticket*)> apply) {
    if (m_busy || !m_session.hasServer())
        return;
    m_busy = true;
    updateState();
    m_jobs.run<TicketResult>(
        [this, request] {
            auto queue = m_session.hallQueue();
            if (!queue)
                return TicketResult(queue.error());
            return request(**queue);
        },
        [this, apply](TicketResult result) {
            m_busy = false;
            if (!result)
                m_report(tr(result.error()));
            else
                apply(*result ? &**result : nullptr);
            show();
            refreshWaiting();
        });
}

void QueuePanel::callNext() {
    if (m_ticket)
        return; // the one being served is finished (Done, No-show or Transfer) before the next is called
    ask([](services::HallQueue& queue) { return queue.callNext(); },
        [this](const services::Ticket* ticket) {
            if (!ticket) {
                m_report(_("Nobody is waiting"));
                return;
            }
            m_ticket = *ticket;
            m_report(fill(_("Calling {number}"), {{"number", ticket->number}}));
            m_called(*ticket);
        });
}

void QueuePanel::recall() {
    if (!m_ticket)
        return;
    const auto id = m_ticket->id;
    ask([id](
            services::HallQueue& queue) { return optionalOf(queue.act(id, services::TicketAction::Recall)); },
        [this](const services::Ticket* ticket) {
            m_ticket = *ticket;
            m_report(fill(_("Calling {number} again"), {{"number", ticket->number}}));
        });
}

void QueuePanel::skip() {
    if (!m_ticket)
        return;
    const auto id = m_ticket->id;
    ask([id](services::HallQueue& queue) { return optionalOf(queue.act(id, services::TicketAction::Skip)); },
        [this](const services::Ticket* ticket) {
            m_report(fill(_("{number} did not come: closed as a no-show"), {{"number", ticket->number}}));
            m_ticket.reset();
        });
}

void QueuePanel::transfer(const std::string& window) {
    if (!m_ticket)
        return;
    std::string target = window;
    if (target.empty()) {
        wxArrayString names;
        std::vector<std::string> ids;
        for (const auto& w : m_session.centre().windows) {
            if (w.id == m_session.actor().window)
                continue;
            names.Add(u8(w.id + "  " + w.name));
            ids.push_back(w.id);
        }
        wxSingleChoiceDialog dialog(this,
                                    fill(_("Send {number} to which window?"), {{"number", m_ticket->number}}),
                                    _("Transfer"), names);
        if (ids.empty() || dialog.ShowModal() != wxID_OK)
            return;
        target = ids[static_cast<std::size_t>(dialog.GetSelection())];
    }
    const auto id = m_ticket->id;
    ask(
        [id, target](services::HallQueue& queue) {
            return optionalOf(queue.act(id, services::TicketAction::Transfer, target));
        },
        [this, target](const services::Ticket* ticket) {
            m_report(fill(_("{number} sent to window {window}"),
                          {{"number", ticket->number}, {"window", target}}));
            m_ticket.reset();
        });
}

void QueuePanel::done() {
    if (!m_ticket)
        return;
    const auto id = m_ticket->id;
    ask([id](services::HallQueue& queue) { return optionalOf(queue.act(id, services::TicketAction::Done)); },
        [this](const services::Ticket* ticket) {
            m_report(fill(_("{number} served"), {{"number", ticket->number}}));
            m_ticket.reset();
        });
}

void QueuePanel::refreshWaiting() {
    if (!m_session.hasServer() || m_busy)
        return;
    using Waiting = core::Expected<std::vector<services::Ticket>>;
    m_jobs.run<Waiting>(
        [this] {
            auto queue = m_session.hallQueue();
            if (!queue)
                return Waiting(queue.error());
            return (**queue).waiting();
        },
        [this](Waiting waiting) {
            if (!waiting) {
                m_waiting->SetLabel(_("queue unreachable"));
                m_waiting->SetToolTip(tr(waiting.error()));
            } else {
                m_waiting->SetLabel(fill(_("{count} waiting"), {{"count", std::to_string(waiting->size())}}));
                m_waiting->UnsetToolTip();
            }
            Layout();
        });
}

void QueuePanel::show() {
    if (!m_session.hasServer()) {
        m_ticketLine->SetLabel(_("No hall queue: this counter works without a central server"));
    } else if (!m_ticket) {
        m_ticketLine->SetLabel(_("No ticket called"));
    } else {
        const auto& t = *m_ticket;
        wxString text = fill(_("Serving {number}"), {{"number", t.number}}) + "  " +
                        (t.appointment() ? _("appointment") : _("walk-in"));
        if (!t.itemCode.empty())
            text += "  " + u8(t.itemCode);
        if (t.callCount > 1)
            text += "  " + fill(_("called {count} times"), {{"count", std::to_string(t.callCount)}});
        m_ticketLine->SetLabel(text);
    }
    updateState();
    Layout();
}

void QueuePanel::updateState() {
    const bool server = m_session.hasServer() && !m_busy;
    m_call->Enable(server && !m_ticket);
    for (auto* button : {m_recall, m_skip, m_transfer, m_done})
        button->Enable(server && m_ticket.has_value());
}

} // namespace ywtb::app
