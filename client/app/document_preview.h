#pragma once
// The papers of the last decision or release: the first page of the first one shown as an image (rendered by
// pdftoppm off the UI thread) and a Print button that sends them all to the printer through PrintService.

#include "app/background_jobs.h"
#include "core/message.h"
#include "services/document_service.h"

#include <filesystem>
#include <functional>
#include <vector>
#include <wx/panel.h>
#include <wx/timer.h>

class wxButton;
class wxGauge;
class wxStaticBitmap;
class wxStaticText;

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class DocumentPreview : public wxPanel {
public:
    /// `report` puts a line in the status bar (the outcome of printing).
    DocumentPreview(wxWindow* parent, services::Counter& session,
                    std::function<void(const wxString&)> report);

    /// Shows these papers (the first one's first page) and enables Print.
    void show(std::vector<services::IssuedPaper> papers);
    void clear();
    /// Prints every paper shown, on a worker thread, a progress bar under the page meanwhile; the result goes
    /// to the status bar. Nothing happens while an earlier print of them runs: pressing twice prints once.
    void print();
    bool canPrint() const { return !m_files.empty() && !m_printing; }
    bool printing() const { return m_printing; }
    /// The progress bar of printing, shown only while it runs.
    wxGauge* printProgress() const { return m_progress; }

    const std::vector<services::IssuedPaper>& papers() const { return m_papers; }
    /// Rendering or printing still under way (tests wait for it).
    int pending() const { return m_jobs.pending(); }
    /// What the preview area says: the paper's number, or why there is no image.
    wxString caption() const;
    bool hasImage() const { return m_hasImage; }

private:
    void showImage(const std::filesystem::path& png, const wxString& problem);
    /// A paper of the print run is done: the bar moves on, and waits (pulsing) for the next one.
    void printed(std::size_t done);
    void finishPrinting(const wxString& outcome);

    services::Counter& m_session;
    std::function<void(const wxString&)> m_report;
    std::vector<services::IssuedPaper> m_papers;
    std::vector<std::filesystem::path> m_files;
    wxStaticText* m_caption = nullptr;
    wxStaticBitmap* m_image = nullptr;
    wxButton* m_printButton = nullptr;
    wxGauge* m_progress = nullptr;
    wxTimer
        m_pulse; ///< moves the bar while the printer has the paper: CUPS says when it is done, not how far
    bool m_hasImage = false;
    bool m_printing = false;
    std::size_t m_printTotal = 0; ///< papers in the print run under way
    BackgroundJobs m_jobs;
};

} // namespace ywtb::app
