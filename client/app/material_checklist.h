#pragma once
// The material checklist of an open case: one row per material of the guide, with its status (a choice),
// the e-licence number and a note editable in place, and the pages scanned. Every edit is recorded through
// IntakeService at once.

#include "core/case.h"
#include "core/message.h"

#include <functional>
#include <map>
#include <wx/panel.h>

class wxDataViewListCtrl;
class wxDataViewEvent;

namespace ywtb::app {

/// Records one material; returns the case as stored after the change, or the error to show.
using RecordMaterial =
    std::function<core::Expected<core::Case>(const std::string& materialId, core::MaterialStatus status,
                                             const std::string& licence, const std::string& note)>;

class MaterialChecklist : public wxPanel {
public:
    /// `changed` runs with the stored case after each recorded edit, or with the error of a refused one.
    MaterialChecklist(wxWindow* parent, RecordMaterial record,
                      std::function<void(const core::Expected<core::Case>&)> changed);

    /// Shows the materials of `c` (an empty case clears the list).
    void show(const core::Case& c);
    void clear();
    /// Sets a row as the clerk would in the grid and records it.
    void setMaterial(unsigned row, core::MaterialStatus status, const wxString& licence = {},
                     const wxString& note = {});
    unsigned rows() const;
    /// The material of a row (empty past the last), and the row of a material (-1 when not listed).
    std::string materialAt(unsigned row) const;
    int rowOf(const std::string& materialId) const;
    /// The selected row, -1 when none.
    int selectedRow() const;
    /// The scanned pages of each material, shown in the Pages column (kept across show()).
    void setPageCounts(std::map<std::string, int> counts);
    /// What the Pages column shows for a row.
    wxString pagesShown(unsigned row) const;
    wxDataViewListCtrl* grid() const { return m_grid; }

private:
    void commitRow(unsigned row);

    RecordMaterial m_record;
    std::function<void(const core::Expected<core::Case>&)> m_changed;
    std::vector<std::string> m_ids;
    std::map<std::string, int> m_pageCounts;
    bool m_filling = false; ///< setting cells from code: the value-changed events they send are not edits
    wxDataViewListCtrl* m_grid = nullptr;
};

/// The statuses a clerk picks from, in the order of the choice.
const std::vector<core::MaterialStatus>& materialStatusChoices();
/// The status as the choice shows it.
wxString materialStatusName(core::MaterialStatus status);

} // namespace ywtb::app
