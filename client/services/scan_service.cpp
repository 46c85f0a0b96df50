#include "services/scan_service.h"

#include "render/scan_pdf.h"
#include "services/intake_service.h"
#include "store/local_store.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

/// The hand-over between the scanning thread (producer) and the caller's thread (consumer). The producer
/// waits while kQueuedPages pages wait, so memory stays bounded; closing lets it drop pages instead.
class PageQueue : public devices::ScanEvents {
public:
    explicit PageQueue(ScanListener& listener) : m_listener(listener) {}

    void progress(const devices::ScanProgress& progress) override { m_listener.progress(progress); }

    void pageScanned(devices::ScannedPage page) override {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_closed || m_pages.size() < ScanService::kQueuedPages; });
        if (m_closed)
            return; // the consumer gave up; the session is being cancelled
        m_pages.push_back(std::move(page));
        m_changed.notify_all();
    }

    void finished(const devices::ScanSummary&) override {
        std::lock_guard lock(m_mutex);
        m_ended = true;
        m_changed.notify_all();
    }

    enum class Took { Page, Waiting, Ended };
    /// The next page, waiting at most `timeout`; Ended once the run is over and every page was taken.
    Took take(devices::ScannedPage& out, std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        if (!m_changed.wait_for(lock, timeout, [&] { return !m_pages.empty() || m_ended; }))
            return Took::Waiting;
        if (m_pages.empty())
            return Took::Ended;
        out = std::move(m_pages.front());
        m_pages.pop_front();
        m_changed.notify_all();
        return Took::Page;
    }

    /// The consumer stops taking pages: the producer no longer waits, and queued pages are freed.
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_pages.clear();
        m_changed.notify_all();
    }

private:
    ScanListener& m_listener;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<devices::ScannedPage> m_pages;
    bool m_closed = false;
    bool m_ended = false;
};

imaging::RasterFormat rasterFormat(devices::PixelFormat format) {
    switch (format) {
    case devices::PixelFormat::Rgb24:
        return imaging::RasterFormat::Rgb24;
    case devices::PixelFormat::Gray8:
        return imaging::RasterFormat::Gray8;
    case devices::PixelFormat::Gray1:
        return imaging::RasterFormat::Gray1;
    }
    return imaging::RasterFormat::Gray8;
}

/// The colour of the stored JPEG in the scan's words.
std::string storedMode(const ScanRequest& request) {
    switch (request.pipeline.colour) {
    case imaging::OutputColour::Gray:
        return "gray";
    case imaging::OutputColour::BlackAndWhite:
        return "lineart";
    case imaging::OutputColour::AsScanned:
        break;
    }
    return devices::toString(request.settings.mode);
}

} // namespace

ScanService::ScanService(store::LocalStore& store, devices::Scanner& scanner, const core::Clock& clock,
                         Actor actor)
    : m_store(store), m_scanner(scanner), m_clock(clock), m_actor(std::move(actor)) {}

core::Expected<ScanOutcome> ScanService::scan(const ScanRequest& request, ScanListener& listener,
                                              const ScanCancel& cancel) {
    store::PageRepository pages(m_store);
    // Refused before the scanner moves: nothing is scanned onto a material the case's item does not list.
    if (auto listed = pages.checkMaterial(request.caseNumber, request.materialId); !listed)
        return listed.error();
    PageQueue queue(listener);
    auto session = m_scanner.scan(request.device, request.settings, queue);
    if (!session)
        return session.error();

    ScanOutcome outcome;
    bool cancelSent = false;
    const auto storeOne = [&](devices::ScannedPage page) -> core::Expected<core::Done> {
        const imaging::RasterView view{rasterFormat(page.format), page.width,      page.height,
                                       page.bytesPerLine,         page.resolution, page.pixels};
        auto processed = imaging::processPage(view, request.pipeline);
        if (!processed)
            return processed.error();
        page.pixels = {}; // the raw page is no longer needed: free it before the next one is taken
        if (processed->verdict == imaging::PageVerdict::DroppedBlank) {
            ++outcome.droppedBlank;
            listener.pageDropped(page.index, *processed);
            return core::Done{};
        }
        // DESIGN.md: the files are durable before the row that points at them commits.
        auto jpeg = m_store.blobs().put(processed->jpeg);
        if (!jpeg)
            return jpeg.error();
        auto thumbnail = m_store.blobs().put(processed->thumbnailJpeg);
        if (!thumbnail)
            return thumbnail.error();
        const bool blank = processed->verdict == imaging::PageVerdict::FlaggedBlank;
        auto stored = pages.add({request.caseNumber, request.materialId, *jpeg, *thumbnail, processed->width,
                                 processed->height, processed->resolution, storedMode(request), blank},
                                {m_actor.staff, m_actor.window, m_clock.nowUtc()});
        if (!stored)
            return stored.error();
        if (blank)
            ++outcome.flaggedBlank;
        outcome.stored.push_back(*stored);
        listener.pageStored(*stored, *processed);
        return core::Done{};
    };

    for (;;) {
        if (cancel.requested() && !cancelSent) {
            (*session)->cancel();
            cancelSent = true;
        }
        devices::ScannedPage page;
        const auto took = queue.take(page, std::chrono::milliseconds(50));
        if (took == PageQueue::Took::Ended)
            break;
        if (took == PageQueue::Took::Waiting)
            continue;
        ++outcome.scanned;
        if (auto kept = storeOne(std::move(page)); !kept) {
            outcome.error = kept.error();
            queue.close();
            (*session)->cancel();
            break;
        }
    }
    devices::ScanSummary summary;
    try {
        summary = (*session)->wait();
    } catch (const std::exception& e) {
        if (!outcome.error)
            outcome.error =
                Error{"scanner.failed", Message(N_("the scan stopped: {detail}"), {{"detail", e.what()}}),
                      request.device, Message(N_("scan the remaining pages again"))};
    }
    outcome.cancelled = cancelSent || summary.cancelled;
    if (!outcome.error && summary.error)
        outcome.error = summary.error;
    listener.finished(outcome);
    return outcome;
}

core::Expected<std::string> scannedPagesPdf(store::LocalStore& store, const std::string& caseNumber,
                                            const std::string& materialId) {
    auto c = loadStoredCase(store, caseNumber);
    if (!c)
        return c.error();
    store::PageRepository repository(store);
    auto pages = repository.list(caseNumber, materialId);
    if (!pages)
        return pages.error();
    std::vector<render::ScanPdfSection> sections;
    for (const auto& material : c->item.materials) {
        if (!materialId.empty() && material.id != materialId)
            continue;
        render::ScanPdfSection section{material.id + " " + material.name, {}};
        for (const auto& p : *pages) {
            if (p.materialId != material.id)
                continue;
            auto jpeg = store.blobs().get(p.sha256);
            if (!jpeg)
                return jpeg.error();
            section.pages.push_back({std::move(jpeg).value(), p.width, p.height, p.dpi, p.rotation});
        }
        sections.push_back(std::move(section));
    }
    return render::scanPdf(sections, materialId.empty() ? caseNumber : caseNumber + " " + materialId);
}

} // namespace ywtb::services
