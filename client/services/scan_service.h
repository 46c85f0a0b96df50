#pragma once
// Scanning a material of a case: the scanner reads pages on its own thread and hands each over a bounded
// queue; here, on the caller's thread, each page goes through the page pipeline and is stored (blobs first,
// then the page row with its audit and outbox entries) before the next is taken. A jam at page 5 leaves
// pages 1–4 stored; memory holds at most a few pages however many the feeder has.

#include "core/error.h"
#include "devices/scanner/scanner.h"
#include "imaging/page_pipeline.h"
#include "services/actor.h"
#include "store/page_repository.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

/// What to scan onto which material, and how.
struct ScanRequest {
    std::string device;
    devices::ScanSettings settings;
    imaging::PipelineSettings pipeline;
    std::string caseNumber;
    std::string materialId;
};

/// How a run ended. The pages stored stay stored whatever ended the run.
struct ScanOutcome {
    int scanned = 0; ///< pages the scanner delivered
    std::vector<store::PageRecord> stored;
    int droppedBlank = 0; ///< left out by the blank-page rule (BlankAction::Drop)
    int flaggedBlank = 0; ///< stored and flagged for the clerk
    bool cancelled = false;
    std::optional<core::Error>
        error; ///< jam, cover open, empty feeder, lost device, or a page that could not be stored
};

/// What the GUI hears, on the thread that called ScanService::scan().
class ScanListener {
public:
    virtual ~ScanListener() = default;
    /// The page being read: 0-based page, bytes read and expected (0: unknown). Called from the scanning
    /// thread.
    virtual void progress(const devices::ScanProgress& progress) { (void)progress; }
    /// A page is stored (durably) at its position.
    virtual void pageStored(const store::PageRecord& page, const imaging::ProcessedPage& processed) {
        (void)page;
        (void)processed;
    }
    /// A page the blank-page rule left out.
    virtual void pageDropped(int index, const imaging::ProcessedPage& processed) {
        (void)index;
        (void)processed;
    }
    virtual void finished(const ScanOutcome& outcome) { (void)outcome; }
};

/// Asks a running scan to stop from any thread; the pages stored so far stay.
class ScanCancel {
public:
    void cancel() { m_requested = true; }
    bool requested() const { return m_requested; }

private:
    std::atomic<bool> m_requested{false};
};

class ScanService {
public:
    /// Pages waiting between the scanner and the pipeline; the scanner waits when the queue is full.
    static constexpr std::size_t kQueuedPages = 2;

    ScanService(store::LocalStore& store, devices::Scanner& scanner, const core::Clock& clock, Actor actor);

    /// The scanners of this machine.
    core::Expected<std::vector<devices::ScannerInfo>> scanners() { return m_scanner.devices(); }
    /// Scans until the feeder is empty, the page limit, a fault or `cancel`, storing each page as it arrives.
    /// An error here (unknown case, a material the item does not list, a setting the device refuses) means
    /// nothing was scanned; faults during the run are in ScanOutcome::error.
    core::Expected<ScanOutcome> scan(const ScanRequest& request, ScanListener& listener,
                                     const ScanCancel& cancel);

private:
    store::LocalStore& m_store;
    devices::Scanner& m_scanner;
    const core::Clock& m_clock;
    Actor m_actor;
};

/// The PDF of a case's scanned pages: every material in the item's order, or only `materialId`'s.
core::Expected<std::string> scannedPagesPdf(store::LocalStore& store, const std::string& caseNumber,
                                            const std::string& materialId = {});

} // namespace ywtb::services
