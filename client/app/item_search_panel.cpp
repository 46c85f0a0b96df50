#include "app/item_search_panel.h"

#include "app/app_i18n.h"

#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace ywtb::app {

ItemSearchPanel::ItemSearchPanel(wxWindow* parent, const core::Catalogue& catalogue,
                                 std::function<void()> changed)
    : wxPanel(parent), m_catalogue(catalogue), m_changed(std::move(changed)) {
    m_query = new wxTextCtrl(this, wxID_ANY);
    m_query->SetHint(_("Item name, code or pinyin initials (e.g. spjy)"));
    m_query->SetToolTip(_("Search the items by name, code or pinyin initials (Ctrl+K)"));
    m_hits = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 120));
    m_guide = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 160),
                             wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2);

    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("Item")), 0, wxBOTTOM, 2);
    left->Add(m_query, 0, wxEXPAND | wxBOTTOM, 4);
    left->Add(m_hits, 1, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(left, 2, wxEXPAND | wxRIGHT, 6);
    sizer->Add(m_guide, 3, wxEXPAND);
    SetSizer(sizer);

    m_query->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search(m_query->GetValue()); });
    m_hits->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) {
        showGuide();
        if (m_changed)
            m_changed();
    });
}

void ItemSearchPanel::search(const wxString& query) {
    m_shown.clear();
    m_hits->Clear();
    const auto text = u8(query.Strip(wxString::both));
    if (!text.empty()) {
        for (const auto& hit : m_catalogue.search(text, 50)) {
            m_shown.push_back(hit.item);
            m_hits->Append(u8(hit.item->code + "  " + hit.item->name));
        }
    }
    if (!m_shown.empty())
        m_hits->SetSelection(0);
    showGuide();
    if (m_changed)
        m_changed();
}

void ItemSearchPanel::clear() {
    m_query->ChangeValue("");
    search("");
}

const core::Item* ItemSearchPanel::selected() const {
    const int index = m_hits->GetSelection();
    if (index == wxNOT_FOUND || static_cast<std::size_t>(index) >= m_shown.size())
        return nullptr;
    return m_shown[static_cast<std::size_t>(index)];
}

wxString ItemSearchPanel::guideText() const {
    return m_guide->GetValue();
}

std::vector<std::string> ItemSearchPanel::hitCodes() const {
    std::vector<std::string> codes;
    for (const auto* item : m_shown)
        codes.push_back(item->code);
    return codes;
}

void ItemSearchPanel::showGuide() {
    const auto* item = selected();
    m_guide->ChangeValue(item ? guideOf(*item) : wxString());
}

wxString guideOf(const core::Item& item) {
    wxString text = u8(item.name) + "  (" + u8(item.code) + ")\n" + u8(item.department) + "  " +
                    wxGetTranslation(wxString::FromUTF8(core::displayName(item.type))) + "\n";
    text += fill(item.limits.unit == core::LimitUnit::Days
                     ? _("Time limit: statutory {statutory} days (calendar days), promised {promised}")
                     : _("Time limit: statutory {statutory} working days, promised {promised}"),
                 {{"statutory", std::to_string(item.limits.statutory)},
                  {"promised", std::to_string(item.limits.promised)}}) +
            "\n";
    if (item.onTheSpot)
        text += _("Decided on the spot") + "\n";
    if (item.fee.free) {
        text += _("Fee: free") + "\n";
    } else {
        for (const auto& fee : item.fee.items)
            text += fill(_("Fee: {name} {amount} yuan ({basis})"),
                         {{"name", fee.name}, {"amount", fee.amount}, {"basis", fee.basis}}) +
                    "\n";
    }
    for (const auto& step : item.specialSteps)
        text += fill(_("Special step: {name}"), {{"name", step.name}}) + "\n";
    if (!item.conditions.empty()) {
        text += _("Conditions:") + "\n";
        for (const auto& condition : item.conditions)
            text += "  • " + u8(condition) + "\n";
    }
    text += _("Materials:") + "\n";
    int n = 0;
    for (const auto& m : item.materials) {
        text += wxString::Format("  %d. ", ++n) + u8(m.name) + "  [" +
                (m.requirement == core::MaterialRequirement::Required ? _("required") : _("secondary")) +
                ", " + wxGetTranslation(wxString::FromUTF8(core::displayName(m.form))) + "]";
        if (!m.elicence.empty())
            text += "  " + fill(_("e-licence: {type}"), {{"type", m.elicence}});
        if (!m.appliesWhen.empty())
            text += "  " + fill(_("only: {when}"), {{"when", m.appliesWhen}});
        text += "\n";
    }
    return text;
}

} // namespace ywtb::app
