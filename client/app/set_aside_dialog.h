#pragma once
// The supervisor's list of outbox entries the central server refused for good (docs/sync.md): each with its
// case, kind, attempts and the server's reason; Retry puts one back in the queue (after the data was fixed),
// Discard gives up on it after a confirmation. Both are audited with who decided
// (services/outbox_supervision).

#include "core/message.h"
#include "services/counter_types.h"

#include <vector>
#include <wx/dialog.h>

class wxButton;
class wxDataViewListCtrl;
class wxStaticText;

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class SetAsideDialog : public wxDialog {
public:
    SetAsideDialog(wxWindow* parent, services::Counter& session);

    /// Re-reads the list from the store.
    void reload();
    /// Retries or discards the selected entry; `confirm` false skips the question (tests).
    void retrySelected();
    void discardSelected(bool confirm = true);

    const std::vector<services::PoisonedEntry>& entries() const { return m_entries; }
    wxDataViewListCtrl* list() const { return m_list; }
    wxButton* retryButton() const { return m_retry; }
    wxButton* discardButton() const { return m_discard; }
    wxString message() const;

private:
    const services::PoisonedEntry* selected() const;
    void updateState();

    services::Counter& m_session;
    std::vector<services::PoisonedEntry> m_entries;
    wxDataViewListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
    wxButton* m_retry = nullptr;
    wxButton* m_discard = nullptr;
};

} // namespace ywtb::app
