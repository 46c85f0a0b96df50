#pragma once
// The scanned pages of the material selected in the checklist: Scan (F4) fills it from the counter's scanner
// on a worker thread, with a progress bar and Cancel, and the thumbnails can be moved, turned and deleted.
// The scan is ScanService's and the page edits PageRepository's, through services::Counter; this panel only
// shows them.

#include "app/background_jobs.h"
#include "core/case.h"
#include "core/message.h"
#include "services/counter_types.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxDataViewEvent;
class wxGauge;
class wxImageList;
class wxListView;
class wxSpinCtrl;
class wxStaticText;

namespace ywtb::services {
struct ScanOutcome;
class ScanCancel;
} // namespace ywtb::services

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class MaterialChecklist;

class MaterialPagesPanel : public wxPanel {
public:
    /// Follows the selection of `checklist` and keeps its Pages column up to date. `report` writes in the
    /// status bar; `changed` runs after every stored change (outbox depth).
    MaterialPagesPanel(wxWindow* parent, services::Counter& session, MaterialChecklist& checklist,
                       std::function<void(const wxString&)> report, std::function<void()> changed);
    /// Stops a scan under way (the pages stored stay) and waits for it.
    ~MaterialPagesPanel() override;

    /// The case whose materials are listed (none: nothing to scan); re-reads the page counts.
    void setCase(const std::optional<core::Case>& c);
    /// Shows the pages of the material in `row` of the checklist (as selecting the row does).
    void showMaterial(int row);
    /// Scans onto the material shown, from the configured scanner; nothing when a scan runs or none can
    /// start.
    void scan();
    /// Asks the scan under way to stop after the chunk being read; the pages stored stay.
    void cancelScan();
    /// Moves the selected page one place earlier (-1) or later (+1) within its material.
    void moveSelected(int by);
    /// Turns the selected page a quarter turn clockwise.
    void rotateSelected();
    /// Deletes the selected page, once `confirm` agrees.
    void deleteSelected();
    /// Selects the thumbnail at `index` (0-based), as a click would.
    void selectPage(int index);

    bool scanning() const { return m_cancel != nullptr; }
    /// Whether Scan can start now; `why` gets the reason when not.
    bool canScan(wxString* why = nullptr) const;
    /// Scans started and not yet delivered (tests wait for it).
    int pending() const { return m_jobs.pending(); }
    const std::string& materialId() const { return m_materialId; }
    const std::vector<services::PageRecord>& shownPages() const { return m_pages; }
    /// The selected thumbnail, -1 when none.
    int selectedPage() const;
    wxString statusLine() const;
    /// The question asked before a page is deleted; a message box unless replaced (tests).
    void setConfirm(std::function<bool(const wxString&)> confirm) { m_confirm = std::move(confirm); }

    wxButton* scanButton() const { return m_scan; }
    wxButton* cancelButton() const { return m_cancelButton; }
    wxButton* moveLeftButton() const { return m_left; }
    wxButton* moveRightButton() const { return m_right; }
    wxButton* rotateButton() const { return m_rotate; }
    wxButton* deleteButton() const { return m_delete; }
    wxSpinCtrl* sheetsField() const { return m_sheets; }
    wxGauge* gauge() const { return m_gauge; }
    wxListView* thumbnails() const { return m_thumbnails; }

private:
    void onRowSelected(wxDataViewEvent& event);
    void reloadPages();
    void refreshCounts();
    void updateState();
    void showStatus(const wxString& text);
    void scanProgress(int page, double fraction);
    void pageStored(const services::PageRecord& page);
    void scanFinished(const core::Expected<services::ScanOutcome>& outcome, const std::string& caseNumber,
                      const std::string& materialId);
    /// Applies a page edit's result: the pages re-read, `select` chosen, the error shown otherwise.
    void afterEdit(const core::Error* error, int select);
    wxString materialName(const std::string& materialId) const;

    services::Counter& m_session;
    MaterialChecklist& m_checklist;
    std::function<void(const wxString&)> m_report;
    std::function<void()> m_changed;
    std::function<bool(const wxString&)> m_confirm;
    std::optional<core::Case> m_case;
    std::string m_materialId;
    std::vector<services::PageRecord> m_pages;
    std::shared_ptr<int> m_alive =
        std::make_shared<int>(0);                   ///< progress posted from the scanning thread checks it
    std::shared_ptr<services::ScanCancel> m_cancel; ///< of the scan under way; null when none is
    int m_scanSheets = 0;
    wxStaticText* m_title = nullptr;
    wxButton* m_scan = nullptr;
    wxSpinCtrl* m_sheets = nullptr;
    wxButton* m_cancelButton = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_status = nullptr;
    wxListView* m_thumbnails = nullptr;
    std::unique_ptr<wxImageList> m_images;
    wxButton* m_left = nullptr;
    wxButton* m_right = nullptr;
    wxButton* m_rotate = nullptr;
    wxButton* m_delete = nullptr;
    BackgroundJobs m_jobs; ///< last: joined first, while the rest still exists
};

} // namespace ywtb::app
