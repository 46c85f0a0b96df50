#include "app/material_checklist.h"

#include "app/app_i18n.h"

#include <wx/dataview.h>
#include <wx/sizer.h>

namespace ywtb::app {

namespace {
enum Column : unsigned { kName, kPages, kRequirement, kStatus, kLicence, kNote };
}

const std::vector<core::MaterialStatus>& materialStatusChoices() {
    static const std::vector<core::MaterialStatus> all{
        core::MaterialStatus::Unchecked,    core::MaterialStatus::Original,
        core::MaterialStatus::Copy,         core::MaterialStatus::Exempt,
        core::MaterialStatus::Missing,      core::MaterialStatus::NonConforming,
        core::MaterialStatus::NotApplicable};
    return all;
}

wxString materialStatusName(core::MaterialStatus status) {
    switch (status) {
    case core::MaterialStatus::Unchecked:
        return _("unchecked");
    case core::MaterialStatus::Original:
        return _("original provided");
    case core::MaterialStatus::Copy:
        return _("copy provided");
    case core::MaterialStatus::Exempt:
        return _("exempt (e-licence)");
    case core::MaterialStatus::Missing:
        return _("missing");
    case core::MaterialStatus::NonConforming:
        return _("non-conforming");
    case core::MaterialStatus::NotApplicable:
        return _("not applicable");
    }
    return {};
}

MaterialChecklist::MaterialChecklist(wxWindow* parent, RecordMaterial record,
                                     std::function<void(const core::Expected<core::Case>&)> changed)
    : wxPanel(parent), m_record(std::move(record)), m_changed(std::move(changed)) {
    m_grid = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 200),
                                    wxDV_ROW_LINES | wxDV_VERT_RULES);
    wxArrayString statuses;
    for (auto s : materialStatusChoices())
        statuses.Add(materialStatusName(s));
    m_grid->AppendTextColumn(_("Material"), wxDATAVIEW_CELL_INERT,
                             230); // the status stays in view beside the pages panel
    m_grid->AppendTextColumn(_("Pages"), wxDATAVIEW_CELL_INERT,
                             50); // beside the name: seen next to the pages panel
    m_grid->AppendTextColumn(_("Requirement"), wxDATAVIEW_CELL_INERT, 110);
    auto* statusColumn = new wxDataViewColumn(
        _("Status"), new wxDataViewChoiceRenderer(statuses, wxDATAVIEW_CELL_EDITABLE), kStatus, 150);
    m_grid->AppendColumn(statusColumn, "string");
    m_grid->AppendTextColumn(_("Licence no."), wxDATAVIEW_CELL_EDITABLE, 140);
    m_grid->AppendTextColumn(_("Note"), wxDATAVIEW_CELL_EDITABLE, 200);
    m_grid->SetMinSize(wxSize(-1, 120)); // a few rows stay visible however crowded the page
    m_grid->SetToolTip(
        _("Set each material's status; exempt needs the e-licence number, non-conforming needs a note"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_grid, 1, wxEXPAND);
    SetSizer(sizer);
    m_grid->Bind(wxEVT_DATAVIEW_ITEM_VALUE_CHANGED, [this](wxDataViewEvent& event) {
        if (m_filling)
            return;
        const int row = m_grid->ItemToRow(event.GetItem());
        if (row != wxNOT_FOUND)
            commitRow(static_cast<unsigned>(row));
    });
}

unsigned MaterialChecklist::rows() const {
    return static_cast<unsigned>(m_grid->GetItemCount());
}

void MaterialChecklist::clear() {
    m_grid->DeleteAllItems();
    m_ids.clear();
}

void MaterialChecklist::show(const core::Case& c) {
    clear();
    m_filling = true;
    for (const auto& material : c.item.materials) {
        const auto* state = c.material(material.id);
        const auto status = state ? state->status : core::MaterialStatus::Unchecked;
        wxVector<wxVariant> row;
        row.push_back(wxVariant(u8(material.name)));
        const auto counted = m_pageCounts.find(material.id);
        row.push_back(wxVariant(counted == m_pageCounts.end() ? wxString("0")
                                                              : wxString::Format("%d", counted->second)));
        row.push_back(wxVariant(
            (material.requirement == core::MaterialRequirement::Required ? _("required") : _("secondary")) +
            ", " + wxGetTranslation(wxString::FromUTF8(core::displayName(material.form)))));
        row.push_back(wxVariant(materialStatusName(status)));
        row.push_back(wxVariant(state ? u8(state->licenceNumber) : wxString()));
        row.push_back(wxVariant(state ? u8(state->note) : wxString()));
        m_grid->AppendItem(row);
        m_ids.push_back(material.id);
    }
    m_filling = false;
}

std::string MaterialChecklist::materialAt(unsigned row) const {
    return row < m_ids.size() ? m_ids[row] : std::string();
}

int MaterialChecklist::rowOf(const std::string& materialId) const {
    for (std::size_t i = 0; i < m_ids.size(); ++i)
        if (m_ids[i] == materialId)
            return static_cast<int>(i);
    return -1;
}

int MaterialChecklist::selectedRow() const {
    return m_grid->GetSelectedRow();
}

void MaterialChecklist::setPageCounts(std::map<std::string, int> counts) {
    m_pageCounts = std::move(counts);
    m_filling = true;
    for (unsigned row = 0; row < m_ids.size(); ++row) {
        const auto counted = m_pageCounts.find(m_ids[row]);
        m_grid->SetTextValue(wxString::Format("%d", counted == m_pageCounts.end() ? 0 : counted->second), row,
                             kPages);
    }
    m_filling = false;
}

wxString MaterialChecklist::pagesShown(unsigned row) const {
    return m_grid->GetTextValue(row, kPages);
}

void MaterialChecklist::setMaterial(unsigned row, core::MaterialStatus status, const wxString& licence,
                                    const wxString& note) {
    m_filling = true;
    m_grid->SetTextValue(materialStatusName(status), row, kStatus);
    m_grid->SetTextValue(licence, row, kLicence);
    m_grid->SetTextValue(note, row, kNote);
    m_filling = false;
    commitRow(row);
}

void MaterialChecklist::commitRow(unsigned row) {
    if (row >= m_ids.size())
        return;
    const auto shown = m_grid->GetTextValue(row, kStatus);
    auto status = core::MaterialStatus::Unchecked;
    for (auto s : materialStatusChoices())
        if (materialStatusName(s) == shown)
            status = s;
    auto result = m_record(m_ids[row], status, u8(m_grid->GetTextValue(row, kLicence)),
                           u8(m_grid->GetTextValue(row, kNote)));
    if (!result) {
        m_changed(result);
        return;
    }
    const auto* state = result->material(m_ids[row]);
    if (state) {
        m_filling = true;
        m_grid->SetTextValue(materialStatusName(state->status), row, kStatus);
        m_filling = false;
    }
    m_changed(result);
}

} // namespace ywtb::app
