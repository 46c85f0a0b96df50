// The scan service against SANE's own `test` backend (private SANE_CONFIG_DIR,
// tests/devices/sane_test_backend.cpp) and a real store: pages stored as they arrive, kept across a cancel or
// a jam, refused for a material the item does not list, and at most a few pages in memory however fast the
// scanner is.

#include "devices/sane_test_backend.h"
#include "devices/scanner/sane_scanner.h"
#include "services/intake_fixture.h"
#include "services/scan_service.h"
#include "store/audit_log.h"
#include "store/page_repository.h"
#include "support/pdf_tools.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace ywtb;
using ywtb::testing::Counter;

namespace {

struct ScanCounter : Counter {
    std::string number;
    std::shared_ptr<testing::FaultySaneLibrary> library = std::make_shared<testing::FaultySaneLibrary>();
    std::unique_ptr<devices::Scanner> scanner;

    ScanCounter() {
        testing::useSaneTestBackend();
        auto intake = at();
        auto c = intake.open(item("SCJG-XK-001"), testing::company(), std::nullopt);
        REQUIRE(c.ok());
        number = c->number;
        library->picture = "Grid";
        scanner = devices::saneScanner(library);
    }

    services::ScanService service() {
        return services::ScanService(*store, *scanner, clock, {"S007", "W01"});
    }

    services::ScanRequest request(const std::string& material = "M01") {
        services::ScanRequest r;
        r.device = "test:0";
        r.settings.source = devices::ScanSource::AdfFront;
        r.settings.mode = devices::ScanMode::Gray;
        r.settings.resolution = 100;
        r.caseNumber = number;
        r.materialId = material;
        return r;
    }

    std::vector<store::PageRecord> pages(const std::string& material = {}) {
        store::PageRepository repository(*store);
        auto list = repository.list(number, material);
        REQUIRE(list.ok());
        return *list;
    }

    std::int64_t count(const std::string& sql) { return store->db().queryInteger(sql); }
};

/// Records what the GUI would hear; optionally slow, or cancelling after some pages.
struct Recorder : services::ScanListener {
    ScanCounter& counter;
    services::ScanCancel* cancelAfter = nullptr;
    int cancelAt = 0;
    std::chrono::milliseconds slowness{0};
    std::atomic<int> furthestPageRead{0};
    std::vector<int> storedPositions;
    std::vector<std::int64_t> rowsWhenHeard;
    std::vector<int> furthestReadWhenStored;
    int finishedEvents = 0;

    explicit Recorder(ScanCounter& c) : counter(c) {}
    void progress(const devices::ScanProgress& p) override {
        int seen = furthestPageRead.load();
        while (p.page > seen && !furthestPageRead.compare_exchange_weak(seen, p.page)) {
        }
    }
    void pageStored(const store::PageRecord& page, const imaging::ProcessedPage&) override {
        storedPositions.push_back(page.position);
        rowsWhenHeard.push_back(counter.count("SELECT COUNT(*) FROM scanned_page"));
        furthestReadWhenStored.push_back(furthestPageRead.load());
        if (cancelAfter && page.position == cancelAt)
            cancelAfter->cancel();
        if (slowness.count() > 0)
            std::this_thread::sleep_for(slowness);
    }
    void finished(const services::ScanOutcome&) override { ++finishedEvents; }
};

/// Each page's width and height in points, from pdfinfo's "Page    N size: W x H pts" lines.
std::vector<std::pair<double, double>> pageSizes(const std::string& pdfinfo) {
    std::vector<std::pair<double, double>> out;
    // pdfinfo -f -l prints "Page    N size:  W x H pts" for each page.
    for (const auto& text : testing::linesOf(pdfinfo)) {
        double width = 0, height = 0;
        if (std::sscanf(text.c_str(), "Page %*d size: %lf x %lf pts", &width, &height) == 2)
            out.emplace_back(width, height);
    }
    return out;
}

bool isJpeg(const std::string& bytes) {
    return bytes.size() > 4 && bytes.substr(0, 3) == "\xFF\xD8\xFF";
}

} // namespace

TEST_CASE("a 10-page ADF run stores every page, in order, each as it arrives", "[scan][services]") {
    ScanCounter counter;
    auto service = counter.service();
    Recorder recorder(counter);
    services::ScanCancel cancel;
    auto outcome = service.scan(counter.request(), recorder, cancel);
    REQUIRE(outcome.ok());
    CHECK_FALSE(outcome->error);
    CHECK_FALSE(outcome->cancelled);
    CHECK(outcome->scanned == 10);
    CHECK(outcome->stored.size() == 10);
    CHECK(recorder.finishedEvents == 1);
    CHECK(recorder.storedPositions == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    // Each page was in the database when the GUI heard of it, not at the end of the run.
    CHECK(recorder.rowsWhenHeard == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

    const auto pages = counter.pages("M01");
    REQUIRE(pages.size() == 10);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        CHECK(pages[i].position == static_cast<int>(i + 1));
        CHECK(pages[i].dpi == 100);
        CHECK(pages[i].mode == "gray");
        CHECK(pages[i].scannedBy == "S007");
        CHECK_FALSE(pages[i].blank);
        auto jpeg = counter.store->blobs().get(pages[i].sha256);
        REQUIRE(jpeg.ok());
        CHECK(isJpeg(*jpeg));
        CHECK(isJpeg(*counter.store->blobs().get(pages[i].thumbnailSha256)));
    }
    CHECK(counter.count("SELECT COUNT(*) FROM audit_log WHERE action = 'page.add'") == 10);
    CHECK(counter.count("SELECT COUNT(*) FROM outbox WHERE kind = 'page.add'") == 10);
    CHECK(store::verifyAudit(counter.store->db()).ok());
}

TEST_CASE("the scanner waits for the pipeline: at most a few pages are in memory",
          "[scan][services][memory]") {
    ScanCounter counter;
    auto service = counter.service();
    Recorder recorder(counter);
    recorder.slowness = std::chrono::milliseconds(40);
    services::ScanCancel cancel;
    auto outcome = service.scan(counter.request(), recorder, cancel);
    REQUIRE(outcome.ok());
    REQUIRE(outcome->stored.size() == 10);
    // When page k (1-based) is stored, the scanner may hold the queue's pages and be reading one more, never
    // further.
    for (std::size_t i = 0; i < recorder.furthestReadWhenStored.size(); ++i) {
        INFO("page " << i + 1);
        CHECK(recorder.furthestReadWhenStored[i] <=
              static_cast<int>(i) + 1 + static_cast<int>(services::ScanService::kQueuedPages));
    }
}

TEST_CASE("a scan cancelled mid-run keeps the pages stored before the cancel", "[scan][services][cancel]") {
    ScanCounter counter;
    counter.library->smallReads = true; // pages arrive in many small reads, so the cancel lands mid-page
    auto service = counter.service();
    services::ScanCancel cancel;
    Recorder recorder(counter);
    recorder.cancelAfter = &cancel;
    recorder.cancelAt = 3;
    auto outcome = service.scan(counter.request(), recorder, cancel);
    REQUIRE(outcome.ok());
    CHECK(outcome->cancelled);
    CHECK_FALSE(outcome->error);
    // Pages delivered before the cancel took effect (the queue's, and one the scanner was waiting to hand
    // over) are stored too; the page being read is dropped, and the run stops well before the feeder is
    // empty.
    CHECK(outcome->stored.size() >= 3);
    CHECK(outcome->stored.size() <= 3 + services::ScanService::kQueuedPages + 1);
    const auto pages = counter.pages("M01");
    CHECK(pages.size() == outcome->stored.size());
    for (std::size_t i = 0; i < pages.size(); ++i)
        CHECK(pages[i].position == static_cast<int>(i + 1));
}

TEST_CASE("a paper jam at page 5 leaves pages 1 to 4 stored and says so", "[scan][services][fault]") {
    ScanCounter counter;
    counter.library->failFromPage = 5;
    counter.library->failWith = "SANE_STATUS_JAMMED";
    auto service = counter.service();
    Recorder recorder(counter);
    services::ScanCancel cancel;
    auto outcome = service.scan(counter.request("M03"), recorder, cancel);
    REQUIRE(outcome.ok());
    REQUIRE(outcome->error);
    CHECK(outcome->error->code == "scanner.jammed");
    CHECK(outcome->stored.size() == 4);
    CHECK(counter.pages("M03").size() == 4);
    CHECK(counter.count("SELECT COUNT(*) FROM outbox WHERE kind = 'page.add'") == 4);
}

TEST_CASE("scanning onto a material the case's item does not list is refused before the scanner starts",
          "[scan][services]") {
    ScanCounter counter;
    auto service = counter.service();
    Recorder recorder(counter);
    services::ScanCancel cancel;
    auto refused = service.scan(counter.request("M42"), recorder, cancel);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "page.material");
    CHECK_THAT(refused.error().str(), Catch::Contains("M42") && Catch::Contains("M07"));
    CHECK(recorder.finishedEvents == 0);
    CHECK(counter.count("SELECT COUNT(*) FROM scanned_page") == 0);

    auto request = counter.request();
    request.caseNumber = "310104-W01-20260928-0404";
    auto unknown = service.scan(request, recorder, cancel);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "case.unknown");
}

TEST_CASE("blank sheets are left out or flagged as the rule says", "[scan][services][blank]") {
    ScanCounter counter;
    counter.library->picture = "Solid white";
    auto service = counter.service();
    Recorder recorder(counter);
    services::ScanCancel cancel;
    auto request = counter.request("M05");
    request.settings.maxPages = 3;
    request.pipeline.blank.action = imaging::BlankAction::Drop;
    auto dropped = service.scan(request, recorder, cancel);
    REQUIRE(dropped.ok());
    CHECK(dropped->droppedBlank == 3);
    CHECK(dropped->stored.empty());
    request.pipeline.blank.action = imaging::BlankAction::Flag;
    auto flagged = service.scan(request, recorder, cancel);
    REQUIRE(flagged.ok());
    CHECK(flagged->flaggedBlank == 3);
    const auto pages = counter.pages("M05");
    REQUIRE(pages.size() == 3);
    CHECK(pages[0].blank);
}

TEST_CASE("the case's PDF has every page in the item's material order, turned as stored",
          "[scan][services][pdf]") {
    ScanCounter counter;
    auto service = counter.service();
    Recorder recorder(counter);
    services::ScanCancel cancel;
    auto second = counter.request("M03");
    second.settings.maxPages = 2;
    REQUIRE(service.scan(second, recorder, cancel).ok());
    auto first = counter.request("M01");
    first.settings.maxPages = 3;
    first.settings.resolution = 150;
    REQUIRE(service.scan(first, recorder, cancel).ok());
    const auto m03 = counter.pages("M03");
    store::PageRepository repository(*counter.store);
    REQUIRE(repository.rotate(counter.number, m03[1].id, 1, {"S007", "W01", "2026-09-28T02:00:00Z"}).ok());

    auto whole = services::scannedPagesPdf(*counter.store, counter.number);
    REQUIRE(whole.ok());
    const auto file = counter.dir.write("case.pdf", *whole);
    CHECK(testing::pdfPageCount(file) == 5);
    // pdfinfo gives each page's size in points: pixels / dpi × 72. M01 at 150 dpi first, then M03 at 100 dpi.
    const auto info = testing::runCommand("pdfinfo -f 1 -l 5 " + testing::shellQuoted(file.string()));
    REQUIRE(info.exitCode == 0);
    const auto m01 = counter.pages("M01");
    const auto sizes = pageSizes(info.output);
    REQUIRE(sizes.size() == 5);
    auto pts = [](int px, int dpi) { return px * 72.0 / dpi; };
    CHECK(sizes[0].first == Approx(pts(m01[0].width, 150)).margin(0.05));
    CHECK(sizes[0].second == Approx(pts(m01[0].height, 150)).margin(0.05));
    CHECK(sizes[3].first == Approx(pts(m03[0].width, 100)).margin(0.05));
    CHECK(sizes[3].second == Approx(pts(m03[0].height, 100)).margin(0.05));
    // The turned page lies sideways: width and height swapped.
    CHECK(sizes[4].first == Approx(pts(m03[1].height, 100)).margin(0.05));
    CHECK(sizes[4].second == Approx(pts(m03[1].width, 100)).margin(0.05));

    auto one = services::scannedPagesPdf(*counter.store, counter.number, "M03");
    REQUIRE(one.ok());
    CHECK(testing::pdfPageCount(counter.dir.write("m03.pdf", *one)) == 2);
    auto none = services::scannedPagesPdf(*counter.store, counter.number, "M02");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == "pdf.no_pages");
}
