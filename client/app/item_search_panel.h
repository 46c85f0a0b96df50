#pragma once
// Finding the item: search by name, code or pinyin initials (core::Catalogue::search), the hits in a list and
// the guide of the selected one beside it: time limits, fee, conditions, materials.

#include "core/catalogue.h"
#include "core/message.h"

#include <functional>
#include <vector>
#include <wx/panel.h>

class wxListBox;
class wxTextCtrl;

namespace ywtb::app {

class ItemSearchPanel : public wxPanel {
public:
    ItemSearchPanel(wxWindow* parent, const core::Catalogue& catalogue, std::function<void()> changed);

    /// The item selected in the hit list, or null.
    const core::Item* selected() const;
    void search(const wxString& query);
    void clear();

    wxTextCtrl* queryField() const { return m_query; }
    wxListBox* hitList() const { return m_hits; }
    wxString guideText() const;
    /// Codes of the hits shown, best first.
    std::vector<std::string> hitCodes() const;

private:
    void showGuide();

    const core::Catalogue& m_catalogue;
    std::function<void()> m_changed;
    std::vector<const core::Item*> m_shown;
    wxTextCtrl* m_query = nullptr;
    wxListBox* m_hits = nullptr;
    wxTextCtrl* m_guide = nullptr;
};

/// The guide of `item` as the clerk reads it beside the hit list.
wxString guideOf(const core::Item& item);

} // namespace ywtb::app
