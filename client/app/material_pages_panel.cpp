#include "app/material_pages_panel.h"

#include "app/app_i18n.h"
#include "app/material_checklist.h"
#include "services/counter.h"
#include "services/scan_service.h"

#include <algorithm>
#include <map>
#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/imaglist.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/mstream.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

namespace ywtb::app {

namespace {

constexpr int kThumbnail = 56; ///< the side of a thumbnail's square in the list, pixels
constexpr int kGaugeRange = 1000;
constexpr int kColumnWidth = 350;    ///< beside the checklist
constexpr int kScanResolution = 200; ///< dpi: the usual archive scan of a paper material

/// Hears the scan on the worker thread and hands each event to the window's thread.
class PostingListener : public services::ScanListener {
public:
    PostingListener(std::function<void(int, double)> progressed,
                    std::function<void(const services::PageRecord&)> stored)
        : m_progressed(std::move(progressed)), m_stored(std::move(stored)) {}
    void progress(const devices::ScanProgress& progress) override {
        // On the scanning thread, once per chunk read: only a change the bar can show is posted.
        const double fraction = progress.bytesExpected > 0 ? static_cast<double>(progress.bytesRead) /
                                                                 static_cast<double>(progress.bytesExpected)
                                                           : 0.0;
        const int percent = static_cast<int>(fraction * 100.0);
        if (progress.page == m_lastPage && percent == m_lastPercent)
            return;
        m_lastPage = progress.page;
        m_lastPercent = percent;
        m_progressed(progress.page, fraction);
    }
    void pageStored(const services::PageRecord& page, const imaging::ProcessedPage&) override {
        m_stored(page);
    }

private:
    std::function<void(int, double)> m_progressed;
    std::function<void(const services::PageRecord&)> m_stored;
    int m_lastPage = -1;
    int m_lastPercent = -1;
};

/// The thumbnail turned as the page is stored, fitted into a white square (an image list takes one size).
wxBitmap thumbnailBitmap(const std::string& jpeg, int rotation) {
    wxImage square(kThumbnail, kThumbnail);
    square.SetRGB(wxRect(0, 0, kThumbnail, kThumbnail), 255, 255, 255);
    wxMemoryInputStream in(jpeg.data(), jpeg.size());
    wxImage image;
    if (jpeg.empty() || !image.LoadFile(in, wxBITMAP_TYPE_JPEG) || !image.IsOk())
        return wxBitmap(square);
    for (int turn = 0; turn < (rotation / 90) % 4; ++turn)
        image = image.Rotate90(true);
    const double scale = std::min(static_cast<double>(kThumbnail - 4) / image.GetWidth(),
                                  static_cast<double>(kThumbnail - 4) / image.GetHeight());
    const int width = std::max(1, static_cast<int>(image.GetWidth() * scale));
    const int height = std::max(1, static_cast<int>(image.GetHeight() * scale));
    image.Rescale(width, height, wxIMAGE_QUALITY_HIGH);
    square.Paste(image, (kThumbnail - width) / 2, (kThumbnail - height) / 2);
    return wxBitmap(square);
}

} // namespace

MaterialPagesPanel::MaterialPagesPanel(wxWindow* parent, services::Counter& session,
                                       MaterialChecklist& checklist,
                                       std::function<void(const wxString&)> report,
                                       std::function<void()> changed)
    : wxPanel(parent), m_session(session), m_checklist(checklist), m_report(std::move(report)),
      m_changed(std::move(changed)) {
    if (!wxImage::FindHandler(wxBITMAP_TYPE_JPEG))
        wxImage::AddHandler(new wxJPEGHandler);
    m_confirm = [this](const wxString& question) {
        return wxMessageBox(question, _("Delete page"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) ==
               wxYES;
    };
    m_title = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_title->SetMinSize(wxSize(100, -1));
    m_title->SetFont(m_title->GetFont().Bold());
    m_scan = new wxButton(this, wxID_ANY, _("&Scan (F4)"));
    m_sheets =
        new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 500, 0);
    m_sheets->SetToolTip(_("Sheets to scan; 0 scans until the feeder is empty"));
    m_cancelButton = new wxButton(this, wxID_ANY, _("Cancel scan"));
    m_cancelButton->SetToolTip(
        _("Stop the scanner after the sheet it is reading; the pages stored so far are kept (Esc)"));
    m_gauge = new wxGauge(this, wxID_ANY, kGaugeRange, wxDefaultPosition, wxSize(-1, 12),
                          wxGA_HORIZONTAL | wxGA_SMOOTH);
    m_thumbnails = new wxListView(this, wxID_ANY, wxDefaultPosition, wxSize(-1, kThumbnail + 30),
                                  wxLC_ICON | wxLC_SINGLE_SEL | wxBORDER_SUNKEN);
    m_thumbnails->SetToolTip(
        _("The pages of the selected material in order; select one to move, turn or delete it"));
    m_left = new wxButton(this, wxID_ANY, _("Move &left"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    m_right = new wxButton(this, wxID_ANY, _("Move r&ight"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    m_rotate = new wxButton(this, wxID_ANY, _("Ro&tate"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    m_delete = new wxButton(this, wxID_ANY, _("De&lete"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    m_left->SetToolTip(_("Put the selected page one place earlier"));
    m_right->SetToolTip(_("Put the selected page one place later"));
    m_rotate->SetToolTip(_("Turn the selected page a quarter turn clockwise"));
    m_delete->SetToolTip(_("Delete the selected page from the material"));
    m_status = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_status->SetMinSize(wxSize(100, -1));

    // A narrow column beside the checklist, so that its rows keep their height on a 900-pixel screen.
    auto* scanRow = new wxBoxSizer(wxHORIZONTAL);
    scanRow->Add(m_scan, 0, wxRIGHT, 4);
    scanRow->Add(m_sheets, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    scanRow->Add(m_cancelButton, 0);
    auto* progressRow = new wxBoxSizer(wxHORIZONTAL);
    progressRow->Add(m_gauge, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    progressRow->Add(m_status, 2, wxALIGN_CENTER_VERTICAL);
    auto* editRow = new wxBoxSizer(wxHORIZONTAL);
    for (auto* button : {m_left, m_right, m_rotate, m_delete})
        editRow->Add(button, 1, wxRIGHT, 2);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_title, 0, wxEXPAND | wxBOTTOM, 2);
    sizer->Add(scanRow, 0, wxEXPAND | wxBOTTOM, 2);
    sizer->Add(progressRow, 0, wxEXPAND | wxBOTTOM, 2);
    sizer->Add(m_thumbnails, 1, wxEXPAND | wxBOTTOM, 2);
    sizer->Add(editRow, 0, wxEXPAND);
    SetSizer(sizer);
    SetMinSize(wxSize(kColumnWidth, -1));

    m_scan->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { scan(); });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancelScan(); });
    m_left->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { moveSelected(-1); });
    m_right->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { moveSelected(+1); });
    m_rotate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { rotateSelected(); });
    m_delete->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { deleteSelected(); });
    m_thumbnails->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateState(); });
    m_thumbnails->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateState(); });
    // Bound with this panel as the handler, so that wx unbinds it when the panel goes before the grid.
    m_checklist.grid()->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, &MaterialPagesPanel::onRowSelected, this);
    setCase(std::nullopt);
}

MaterialPagesPanel::~MaterialPagesPanel() {
    if (m_cancel)
        m_cancel->cancel(); // the pages stored so far stay; m_jobs waits for the scanner to stop
    m_alive.reset();
}

void MaterialPagesPanel::onRowSelected(wxDataViewEvent&) {
    showMaterial(m_checklist.selectedRow());
}

void MaterialPagesPanel::setCase(const std::optional<core::Case>& c) {
    const bool sameCase = c && m_case && c->number == m_case->number;
    m_case = c;
    if (!sameCase)
        m_materialId.clear();
    if (m_case && m_materialId.empty() && !m_case->item.materials.empty())
        m_materialId = m_case->item.materials.front().id;
    if (m_case) {
        // show() rebuilt the rows: the selection follows the material shown.
        const int row = m_checklist.rowOf(m_materialId);
        if (row >= 0 && m_checklist.selectedRow() != row)
            m_checklist.grid()->SelectRow(static_cast<unsigned>(row));
    }
    refreshCounts();
    reloadPages();
    updateState();
}

void MaterialPagesPanel::showMaterial(int row) {
    const auto id = row >= 0 ? m_checklist.materialAt(static_cast<unsigned>(row)) : std::string();
    if (id.empty() || id == m_materialId)
        return;
    m_materialId = id;
    reloadPages();
    updateState();
}

wxString MaterialPagesPanel::materialName(const std::string& materialId) const {
    if (m_case)
        for (const auto& material : m_case->item.materials)
            if (material.id == materialId)
                return u8(material.name);
    return u8(materialId);
}

bool MaterialPagesPanel::canScan(wxString* why) const {
    wxString problem;
    if (!m_case)
        problem = _("Open a case first");
    else if (m_materialId.empty())
        problem = _("Select a material in the checklist");
    else if (m_session.scannerName().empty())
        problem = _("No scanner is configured for this counter (forms/devices.json or --scanner)");
    else if (scanning())
        problem = _("A scan is under way: wait for it, or cancel it");
    if (why)
        *why = problem;
    return problem.empty();
}

int MaterialPagesPanel::selectedPage() const {
    return static_cast<int>(m_thumbnails->GetFirstSelected());
}

wxString MaterialPagesPanel::statusLine() const {
    return m_status->GetLabel();
}

void MaterialPagesPanel::showStatus(const wxString& text) {
    m_status->SetLabel(text);
    m_status->SetToolTip(text);
    m_report(text);
}

void MaterialPagesPanel::updateState() {
    wxString why;
    const bool ok = canScan(&why);
    m_scan->Enable(ok);
    m_scan->SetToolTip(ok ? _("Scan the sheets in the feeder onto the selected material (F4)") : why);
    m_cancelButton->Enable(scanning());
    m_sheets->Enable(!scanning());
    const int selected = selectedPage();
    const bool editable = m_case && !scanning() && selected >= 0; // a scan adds at the end: edits wait for it
    m_left->Enable(editable && selected > 0);
    m_right->Enable(editable && selected + 1 < static_cast<int>(m_pages.size()));
    m_rotate->Enable(editable);
    m_delete->Enable(editable);
    m_title->SetLabel(m_case && !m_materialId.empty()
                          ? fill(_("Pages of {material}"), {{"material", u8(materialName(m_materialId))}})
                          : _("Pages: select a material of the open case"));
}

void MaterialPagesPanel::refreshCounts() {
    std::map<std::string, int> counts;
    if (m_case) {
        if (auto all = m_session.pages(m_case->number))
            for (const auto& page : *all)
                ++counts[page.materialId];
    }
    m_checklist.setPageCounts(std::move(counts));
}

void MaterialPagesPanel::reloadPages() {
    const int selected = selectedPage();
    m_pages.clear();
    m_thumbnails->DeleteAllItems();
    auto* images = new wxImageList(kThumbnail, kThumbnail, false);
    m_thumbnails->AssignImageList(images, wxIMAGE_LIST_NORMAL);
    if (!m_case || m_materialId.empty())
        return;
    auto listed = m_session.pages(m_case->number, m_materialId);
    if (!listed) {
        showStatus(tr(listed.error()));
        return;
    }
    m_pages = std::move(listed).value();
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
        const auto& page = m_pages[i];
        auto jpeg = m_session.pageThumbnail(page);
        const int image = images->Add(thumbnailBitmap(jpeg ? *jpeg : std::string(), page.rotation));
        wxString label = wxString::Format("%d", page.position);
        if (page.blank)
            label = fill(_("{position} (looks blank)"), {{"position", std::to_string(page.position)}});
        m_thumbnails->InsertItem(static_cast<long>(i), label, image);
    }
    if (selected >= 0 && selected < static_cast<int>(m_pages.size()))
        m_thumbnails->Select(selected);
}

void MaterialPagesPanel::selectPage(int index) {
    if (index >= 0 && index < static_cast<int>(m_pages.size())) {
        m_thumbnails->Select(index);
        m_thumbnails->Focus(index);
    }
    updateState();
}

void MaterialPagesPanel::scan() {
    wxString why;
    if (!canScan(&why)) {
        if (m_case)
            showStatus(why);
        return;
    }
    services::ScanRequest request;
    request.device = m_session.scannerName();
    request.settings.source = devices::ScanSource::AdfFront;
    request.settings.resolution = kScanResolution;
    request.settings.mode = devices::ScanMode::Color;
    request.settings.maxPages = m_sheets->GetValue();
    request.pipeline.blank.action =
        imaging::BlankAction::Flag; // the clerk decides about a page that looks blank
    request.caseNumber = m_case->number;
    request.materialId = m_materialId;
    m_scanSheets = request.settings.maxPages;
    auto cancel = std::make_shared<services::ScanCancel>();
    m_cancel = cancel;
    m_gauge->SetValue(0);
    showStatus(fill(_("Scanning onto {material}…"), {{"material", u8(materialName(m_materialId))}}));
    updateState();

    std::weak_ptr<int> alive = m_alive;
    auto listener = std::make_shared<PostingListener>(
        [this, alive](int page, double fraction) {
            wxTheApp->CallAfter([this, alive, page, fraction] {
                if (alive.lock())
                    scanProgress(page, fraction);
            });
        },
        [this, alive](const services::PageRecord& page) {
            wxTheApp->CallAfter([this, alive, page] {
                if (alive.lock())
                    pageStored(page);
            });
        });
    auto* session = &m_session;
    const auto caseNumber = request.caseNumber;
    const auto materialId = request.materialId;
    m_jobs.run<core::Expected<services::ScanOutcome>>(
        [session, request, listener, cancel] { return session->scanPages(request, *listener, *cancel); },
        [this, caseNumber, materialId](core::Expected<services::ScanOutcome> outcome) {
            scanFinished(outcome, caseNumber, materialId);
        });
}

void MaterialPagesPanel::cancelScan() {
    if (!m_cancel)
        return;
    m_cancel->cancel();
    showStatus(_("Stopping the scanner…"));
}

void MaterialPagesPanel::scanProgress(int page, double fraction) {
    if (!scanning())
        return;
    // With a sheet count the bar covers the run; without, it fills once per sheet.
    const double done = m_scanSheets > 0 ? (page + fraction) / m_scanSheets : fraction;
    m_gauge->SetValue(std::clamp(static_cast<int>(done * kGaugeRange), 0, kGaugeRange));
    m_status->SetLabel(fill(_("Scanning sheet {sheet}…"), {{"sheet", std::to_string(page + 1)}}));
}

void MaterialPagesPanel::pageStored(const services::PageRecord& page) {
    if (m_case && page.caseNumber == m_case->number) {
        refreshCounts();
        if (page.materialId == m_materialId)
            reloadPages();
    }
    m_changed();
}

void MaterialPagesPanel::scanFinished(const core::Expected<services::ScanOutcome>& outcome,
                                      const std::string& caseNumber, const std::string& materialId) {
    m_cancel.reset();
    m_gauge->SetValue(outcome && !outcome->error && !outcome->cancelled ? kGaugeRange : 0);
    if (m_case && m_case->number == caseNumber) {
        refreshCounts();
        if (materialId == m_materialId)
            reloadPages();
    }
    m_changed();
    updateState();
    if (!outcome) {
        showStatus(tr(outcome.error())); // nothing was scanned: a wrong material, a setting the scanner
                                         // refuses, no scanner
        return;
    }
    const auto stored = std::to_string(outcome->stored.size());
    wxString text = fill(_("{stored} pages stored on {material}"),
                         {{"stored", stored}, {"material", u8(materialName(materialId))}});
    if (outcome->flaggedBlank > 0)
        text += "; " +
                fill(_("{count} look blank: check them"), {{"count", std::to_string(outcome->flaggedBlank)}});
    if (outcome->droppedBlank > 0)
        text += "; " +
                fill(_("{count} blank sheets left out"), {{"count", std::to_string(outcome->droppedBlank)}});
    if (outcome->cancelled)
        text += "; " + _("cancelled, the pages stored so far are kept");
    if (outcome->error)
        text += " — " +
                tr(*outcome->error); // jam, cover open, empty feeder: its fix says which sheets to put back
    showStatus(text);
}

void MaterialPagesPanel::afterEdit(const core::Error* error, int select) {
    if (error)
        showStatus(tr(*error));
    reloadPages();
    refreshCounts();
    if (select >= 0 && select < static_cast<int>(m_pages.size()))
        m_thumbnails->Select(select);
    m_changed();
    updateState();
}

void MaterialPagesPanel::moveSelected(int by) {
    const int index = selectedPage();
    if (!m_case || scanning() || index < 0 || index + by < 0 ||
        index + by >= static_cast<int>(m_pages.size()))
        return;
    const auto& page = m_pages[static_cast<std::size_t>(index)];
    auto moved = m_session.movePage(m_case->number, page.id, page.position + by);
    if (moved)
        showStatus(fill(_("Page moved to place {position} of {material}"),
                        {{"position", std::to_string(moved->position)},
                         {"material", u8(materialName(moved->materialId))}}));
    afterEdit(moved ? nullptr : &moved.error(), moved ? index + by : index);
}

void MaterialPagesPanel::rotateSelected() {
    const int index = selectedPage();
    if (!m_case || scanning() || index < 0)
        return;
    auto turned = m_session.rotatePage(m_case->number, m_pages[static_cast<std::size_t>(index)].id, 1);
    if (turned)
        showStatus(
            fill(_("Page {position} turned to {degrees}°"), {{"position", std::to_string(turned->position)},
                                                             {"degrees", std::to_string(turned->rotation)}}));
    afterEdit(turned ? nullptr : &turned.error(), index);
}

void MaterialPagesPanel::deleteSelected() {
    const int index = selectedPage();
    if (!m_case || scanning() || index < 0)
        return;
    const auto page = m_pages[static_cast<std::size_t>(index)];
    if (!m_confirm(fill(
            _("Delete page {position} of {material}? Scan it again if it is needed."),
            {{"position", std::to_string(page.position)}, {"material", u8(materialName(page.materialId))}})))
        return;
    auto removed = m_session.deletePage(m_case->number, page.id);
    if (removed)
        showStatus(fill(
            _("Page {position} of {material} deleted"),
            {{"position", std::to_string(page.position)}, {"material", u8(materialName(page.materialId))}}));
    afterEdit(removed ? nullptr : &removed.error(), std::min(index, static_cast<int>(m_pages.size()) - 2));
}

} // namespace ywtb::app
