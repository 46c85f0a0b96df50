#include "app/document_preview.h"

#include "app/app_i18n.h"
#include "services/counter.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

namespace ywtb::app {

namespace {

constexpr int kPreviewWidth = 360;

/// Renders page 1 of `pdf` to `pngBase`.png with pdftoppm (poppler-utils); empty on success, else why not.
std::string renderFirstPage(const std::filesystem::path& pdf, const std::filesystem::path& pngBase) {
    // The paths are ours (the data directory and a SHA-256), quoted for the shell all the same.
    const std::string command =
        "pdftoppm -png -r 60 -f 1 -l 1 -singlefile \"" + pdf.string() + "\" \"" + pngBase.string() + "\"";
    const int status = std::system(command.c_str());
    if (status != 0)
        return "pdftoppm";
    return {};
}

} // namespace

DocumentPreview::DocumentPreview(wxWindow* parent, services::Counter& session,
                                 std::function<void(const wxString&)> report)
    : wxPanel(parent), m_session(session), m_report(std::move(report)), m_pulse(this) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_caption = new wxStaticText(this, wxID_ANY, _("No paper issued yet"));
    m_image = new wxStaticBitmap(this, wxID_ANY, wxNullBitmap, wxDefaultPosition,
                                 wxSize(kPreviewWidth, kPreviewWidth * 297 / 210));
    m_printButton = new wxButton(this, wxID_ANY, _("&Print (Ctrl+P)"));
    m_printButton->SetToolTip(_("Print every paper of the last decision on the default printer (Ctrl+P)"));
    m_printButton->Disable();
    m_printButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print(); });
    m_progress =
        new wxGauge(this, wxID_ANY, 1, wxDefaultPosition, wxSize(-1, 12), wxGA_HORIZONTAL | wxGA_SMOOTH);
    m_progress->Hide();
    Bind(
        wxEVT_TIMER, [this](wxTimerEvent&) { m_progress->Pulse(); }, m_pulse.GetId());
    sizer->Add(m_caption, 0, wxALL | wxEXPAND, 4);
    sizer->Add(m_image, 1, wxALL | wxEXPAND, 4);
    sizer->Add(m_progress, 0, wxLEFT | wxRIGHT | wxEXPAND, 4);
    sizer->Add(m_printButton, 0, wxALL, 4);
    SetSizer(sizer);
    SetMinSize(
        wxSize(kPreviewWidth / 2 + 150, -1)); // a page narrower than this cannot be read at the counter
}

wxString DocumentPreview::caption() const {
    return m_caption->GetLabel();
}

void DocumentPreview::clear() {
    m_papers.clear();
    m_files.clear();
    m_hasImage = false;
    m_caption->SetLabel(_("No paper issued yet"));
    m_image->SetBitmap(wxNullBitmap);
    m_printButton->Enable(false);
}

void DocumentPreview::show(std::vector<services::IssuedPaper> papers) {
    clear();
    if (papers.empty())
        return;
    // The exact bytes of the register go to a spool folder of the data directory (personal data stays with
    // the store, never in /tmp); PrintService recognises them by their SHA-256 and counts the print.
    const auto spool = m_session.dataDir() / "spool";
    std::error_code ec;
    std::filesystem::create_directories(spool, ec);
    for (const auto& paper : papers) {
        const auto file = spool / (paper.record.pdfSha256 + ".pdf");
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(paper.pdf.data(), static_cast<std::streamsize>(paper.pdf.size()));
        out.close();
        if (!out) {
            m_caption->SetLabel(fill(_("Cannot write {file}: check the data folder and free space"),
                                     {{"file", file.string()}}));
            return;
        }
        m_files.push_back(file);
    }
    m_papers = std::move(papers);
    wxString numbers;
    for (const auto& paper : m_papers)
        numbers += (numbers.empty() ? "" : "  ") +
                   u8(paper.record.number.empty() ? paper.record.kind : paper.record.number);
    m_caption->SetLabel(numbers + "  " + _("(rendering the preview…)"));
    m_printButton->Enable(!m_printing);
    const auto pdf = m_files.front();
    const auto pngBase = spool / (m_papers.front().record.pdfSha256 + "-p1");
    m_jobs.run<std::string>(
        [pdf, pngBase] { return renderFirstPage(pdf, pngBase); },
        [this, pngBase, numbers](std::string problem) {
            m_caption->SetLabel(numbers);
            showImage(std::filesystem::path(pngBase.string() + ".png"),
                      problem.empty()
                          ? wxString()
                          : _("No preview: pdftoppm (poppler-utils) is missing or failed; the paper "
                              "itself is fine and prints."));
        });
}

void DocumentPreview::showImage(const std::filesystem::path& png, const wxString& problem) {
    wxImage image;
    if (!problem.empty() || !image.LoadFile(wxString::FromUTF8(png.string()), wxBITMAP_TYPE_PNG)) {
        m_caption->SetLabel(m_caption->GetLabel() + "\n" +
                            (problem.empty() ? _("No preview: the page image could not be read") : problem));
        return;
    }
    // As wide as the column leaves room for, so the whole width of the page is seen.
    const int width = std::clamp(GetClientSize().GetWidth() - 8, 160, kPreviewWidth);
    const int height = image.GetHeight() * width / std::max(1, image.GetWidth());
    m_image->SetBitmap(wxBitmap(image.Scale(width, height, wxIMAGE_QUALITY_HIGH)));
    m_hasImage = true;
    Layout();
}

void DocumentPreview::print() {
    if (!canPrint())
        return;
    m_printing = true;
    m_printButton->Disable();
    m_printTotal = m_files.size();
    m_progress->SetRange(static_cast<int>(m_printTotal));
    m_progress->SetValue(0);
    m_progress->Show();
    m_pulse.Start(150);
    Layout();
    m_report(fill(_("Printing {count} paper(s)…"), {{"count", std::to_string(m_files.size())}}));
    const auto files = m_files;
    auto progress = m_jobs.progress();
    m_jobs.run<wxString>(
        [this, files, progress]() -> wxString {
            auto outcome = m_session.printFiles(
                files, [this, progress](std::size_t done) { progress([this, done] { printed(done); }); });
            if (!outcome)
                return tr(outcome.error());
            return outcome->finished
                       ? fill(_("Printed on {printer} (job {job})"),
                              {{"printer", outcome->job.queue}, {"job", std::to_string(outcome->job.id)}})
                       : fill(_("Job {job} is still waiting on {printer}; check the printer"),
                              {{"printer", outcome->job.queue}, {"job", std::to_string(outcome->job.id)}});
        },
        [this](wxString result) { finishPrinting(result); });
}

void DocumentPreview::printed(std::size_t done) {
    if (!m_printing)
        return;
    m_progress->SetValue(static_cast<int>(done));
    if (done >= m_printTotal)
        m_pulse.Stop();
}

void DocumentPreview::finishPrinting(const wxString& outcome) {
    m_printing = false;
    m_pulse.Stop();
    m_progress->Hide();
    m_printButton->Enable(!m_files.empty());
    Layout();
    m_report(outcome);
}

} // namespace ywtb::app
