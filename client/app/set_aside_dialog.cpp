#include "app/set_aside_dialog.h"

#include "app/app_i18n.h"
#include "services/counter.h"
#include "services/counter_types.h"

#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace ywtb::app {

SetAsideDialog::SetAsideDialog(wxWindow* parent, services::Counter& session)
    : wxDialog(parent, wxID_ANY, _("Sync entries set aside"), wxDefaultPosition, wxSize(900, 420),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_session(session) {
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("The central server refused these changes for good. Fix what its reason names, then Retry; "
          "Discard only what must never reach the server. The rest of the outbox goes on meanwhile."));
    intro->Wrap(860);
    m_list = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                    wxDV_ROW_LINES | wxDV_SINGLE);
    m_list->AppendTextColumn(_("Entry"), wxDATAVIEW_CELL_INERT, 60);
    m_list->AppendTextColumn(_("Case"), wxDATAVIEW_CELL_INERT, 210);
    m_list->AppendTextColumn(_("Change"), wxDATAVIEW_CELL_INERT, 130);
    m_list->AppendTextColumn(_("Attempts"), wxDATAVIEW_CELL_INERT, 70);
    m_list->AppendTextColumn(_("The server's reason"), wxDATAVIEW_CELL_INERT, 400);
    m_message = new wxStaticText(this, wxID_ANY, "");
    m_retry = new wxButton(this, wxID_ANY, _("&Retry"));
    m_discard = new wxButton(this, wxID_ANY, _("&Discard…"));
    auto* close = new wxButton(this, wxID_CANCEL, _("Close"));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(m_message, 1, wxALIGN_CENTER_VERTICAL);
    buttons->Add(m_retry, 0, wxLEFT, 6);
    buttons->Add(m_discard, 0, wxLEFT, 6);
    buttons->Add(close, 0, wxLEFT, 6);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, 0, wxEXPAND | wxALL, 10);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 10);
    SetSizer(sizer);

    m_list->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { updateState(); });
    m_retry->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retrySelected(); });
    m_discard->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { discardSelected(); });
    reload();
}

wxString SetAsideDialog::message() const {
    return m_message->GetLabel();
}

void SetAsideDialog::reload() {
    m_list->DeleteAllItems();
    auto entries = m_session.setAsideEntries();
    if (!entries) {
        m_entries.clear();
        m_message->SetLabel(tr(entries.error()));
        updateState();
        return;
    }
    m_entries = std::move(entries).value();
    for (const auto& p : m_entries) {
        wxVector<wxVariant> row;
        row.push_back(wxVariant(std::to_string(p.entry.seq)));
        row.push_back(wxVariant(u8(p.entry.caseNumber)));
        row.push_back(wxVariant(u8(p.entry.kind)));
        row.push_back(wxVariant(std::to_string(p.attempts)));
        row.push_back(wxVariant(u8(p.lastError)));
        m_list->AppendItem(row);
    }
    if (!m_entries.empty())
        m_list->SelectRow(0);
    else
        m_message->SetLabel(_("Nothing is set aside"));
    updateState();
}

const services::PoisonedEntry* SetAsideDialog::selected() const {
    const int row = m_list->GetSelectedRow();
    return row == wxNOT_FOUND || static_cast<std::size_t>(row) >= m_entries.size()
               ? nullptr
               : &m_entries[static_cast<std::size_t>(row)];
}

void SetAsideDialog::retrySelected() {
    const auto* entry = selected();
    if (!entry)
        return;
    auto done = m_session.retrySetAside(std::to_string(entry->entry.seq));
    const auto text = done ? fill(_("Entry {id} of case {case} goes out with the next sync"),
                                  {{"id", std::to_string(done->seq)}, {"case", done->caseNumber}})
                           : tr(done.error());
    reload();
    m_message->SetLabel(text);
}

void SetAsideDialog::discardSelected(bool confirm) {
    const auto* entry = selected();
    if (!entry)
        return;
    if (confirm &&
        wxMessageBox(
            fill(_("Discard entry {id} ({kind}) of case {case}? It will never reach the central server."),
                 {{"id", std::to_string(entry->entry.seq)},
                  {"kind", entry->entry.kind},
                  {"case", entry->entry.caseNumber}}),
            _("Discard"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) != wxYES)
        return;
    auto done = m_session.discardSetAside(std::to_string(entry->entry.seq));
    const auto text = done ? fill(_("Entry {id} of case {case} is discarded and will not be sent"),
                                  {{"id", std::to_string(done->seq)}, {"case", done->caseNumber}})
                           : tr(done.error());
    reload();
    m_message->SetLabel(text);
}

void SetAsideDialog::updateState() {
    const bool any = selected() != nullptr;
    m_retry->Enable(any);
    m_discard->Enable(any);
}

} // namespace ywtb::app
