// The SANE backend against SANE's own `test` backend, seen through a private SANE_CONFIG_DIR whose dll.conf
// names only `test` (platform notes §3): its feeder empties after 10 pages, its area stops at 200 mm, and
// its read-return-value option makes sane_read fail with a chosen status — set between pages here to
// simulate a jam, an open cover or a lost device in the middle of a run.

#include "devices/sane_test_backend.h"
#include "devices/scanner/sane_scanner.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>

using namespace ywtb::devices;
using ywtb::testing::FaultySaneLibrary;
using ywtb::testing::useSaneTestBackend;

namespace {

/// Records what a run reported; keeps the page's shape, not its pixels. Runs on the scanning thread,
/// so it only records; the assertions are made after wait().
struct Recorder : ScanEvents {
    struct PageShape {
        int index, width, height, bytesPerLine, resolution;
        PixelFormat format;
        PageSide side;
        std::size_t bytes;
    };
    std::vector<PageShape> pages;
    int progressEvents = 0;
    bool progressPastEnd = false;
    int finishedEvents = 0;
    std::function<void(const ScannedPage&)> onPage;

    void progress(const ScanProgress& p) override {
        progressPastEnd = progressPastEnd || p.bytesRead > p.bytesExpected;
        ++progressEvents;
    }
    void pageScanned(ScannedPage page) override {
        pages.push_back({page.index, page.width, page.height, page.bytesPerLine, page.resolution, page.format,
                         page.side, page.pixels.size()});
        if (onPage)
            onPage(page);
    }
    void finished(const ScanSummary&) override { ++finishedEvents; }
};

ScanSettings settings(ScanSource source, ScanMode mode, int dpi) {
    ScanSettings s;
    s.source = source;
    s.mode = mode;
    s.resolution = dpi;
    return s;
}

ScanSummary runToEnd(Scanner& scanner, const ScanSettings& s, Recorder& recorder) {
    auto session = scanner.scan("test:0", s, recorder);
    REQUIRE(session.ok());
    return session.value()->wait();
}

int pixelsFor(double mm, int dpi) {
    return static_cast<int>(mm / 25.4 * dpi);
}

} // namespace

TEST_CASE("the private SANE set-up lists the test backend's scanners and what they offer", "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();
    auto devices = scanner->devices();
    REQUIRE(devices.ok());
    REQUIRE(devices->size() == 2);
    CHECK(devices->at(0).name == "test:0");
    CHECK(devices->at(0).type == "virtual device");

    auto caps = scanner->capabilities("test:0");
    REQUIRE(caps.ok());
    CHECK(caps->sources == std::vector<ScanSource>{ScanSource::Flatbed, ScanSource::AdfFront});
    CHECK(caps->modes == std::vector<ScanMode>{ScanMode::Color, ScanMode::Gray, ScanMode::Lineart});
    CHECK(caps->resolutions == std::vector<int>{75, 100, 150, 200, 240, 300, 400, 600, 1200});
    CHECK(caps->maxArea.widthMm == Approx(200));
    CHECK(caps->maxArea.heightMm == Approx(200));
}

TEST_CASE("an ADF run delivers each page as it arrives and ends normally when the feeder is empty",
          "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();
    Recorder recorder;
    auto summary = runToEnd(*scanner, settings(ScanSource::AdfFront, ScanMode::Gray, 75), recorder);
    CHECK_FALSE(summary.error);
    CHECK_FALSE(summary.cancelled);
    CHECK(summary.pages == 10);
    REQUIRE(recorder.pages.size() == 10);
    CHECK(recorder.finishedEvents == 1);
    CHECK(recorder.progressEvents >= 10);
    CHECK_FALSE(recorder.progressPastEnd);
    for (int i = 0; i < 10; ++i) {
        const auto& page = recorder.pages[static_cast<std::size_t>(i)];
        CHECK(page.index == i);
        CHECK(page.side == PageSide::Front);
        // A4 clipped to the test device's 200 × 200 mm.
        CHECK(std::abs(page.width - pixelsFor(200, 75)) <= 1);
        CHECK(std::abs(page.height - pixelsFor(200, 75)) <= 1);
        CHECK(page.bytes ==
              static_cast<std::size_t>(page.bytesPerLine) * static_cast<std::size_t>(page.height));
    }
}

TEST_CASE("a run stops after the number of pages asked for, and the flatbed gives one page", "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();
    Recorder fromFeeder;
    auto s = settings(ScanSource::AdfFront, ScanMode::Gray, 75);
    s.maxPages = 3;
    CHECK(runToEnd(*scanner, s, fromFeeder).pages == 3);
    Recorder fromGlass;
    CHECK(runToEnd(*scanner, settings(ScanSource::Flatbed, ScanMode::Gray, 75), fromGlass).pages == 1);
}

TEST_CASE("colour, grey and line-art pages come in their pixel formats", "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();
    const auto [mode, format, bytesPerPixelTimes8] = GENERATE(table<ScanMode, PixelFormat, int>({
        {ScanMode::Color, PixelFormat::Rgb24, 24},
        {ScanMode::Gray, PixelFormat::Gray8, 8},
        {ScanMode::Lineart, PixelFormat::Gray1, 1},
    }));
    Recorder recorder;
    auto summary = runToEnd(*scanner, settings(ScanSource::Flatbed, mode, 100), recorder);
    CAPTURE(toString(mode));
    CHECK_FALSE(summary.error);
    REQUIRE(recorder.pages.size() == 1);
    const auto& page = recorder.pages[0];
    CHECK(page.format == format);
    CHECK(page.resolution == 100);
    CHECK(page.bytesPerLine == (page.width * bytesPerPixelTimes8 + 7) / 8);
}

TEST_CASE("a higher resolution gives proportionally more pixels", "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();
    Recorder low, high;
    runToEnd(*scanner, settings(ScanSource::Flatbed, ScanMode::Gray, 100), low);
    runToEnd(*scanner, settings(ScanSource::Flatbed, ScanMode::Gray, 200), high);
    REQUIRE(low.pages.size() == 1);
    REQUIRE(high.pages.size() == 1);
    CHECK(std::abs(low.pages[0].width - pixelsFor(200, 100)) <= 1);
    CHECK(std::abs(high.pages[0].width - pixelsFor(200, 200)) <= 1);
    CHECK(std::abs(high.pages[0].height - 2 * low.pages[0].height) <= 2);
}

TEST_CASE("cancelling keeps the pages delivered before", "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();

    SECTION("cancelled from the page event after the third page") {
        Recorder recorder;
        auto session = scanner->scan("test:0", settings(ScanSource::AdfFront, ScanMode::Gray, 75), recorder);
        REQUIRE(session.ok());
        ScanSession* running = session.value().get();
        recorder.onPage = [running](const ScannedPage& page) {
            if (page.index == 2)
                running->cancel();
        };
        auto summary = running->wait();
        CHECK(summary.cancelled);
        CHECK_FALSE(summary.error);
        CHECK(summary.pages == 3);
        CHECK(recorder.pages.size() == 3);
        CHECK(recorder.finishedEvents == 1);
    }

    SECTION("cancelled from another thread while the second page is being read") {
        // 4 KiB per read: a 75-dpi grey page arrives in over 80 pieces. The scanning thread waits in its
        // progress event until the cancel has been asked for, so the cancel lands mid-page every time.
        auto library = std::make_shared<FaultySaneLibrary>();
        library->smallReads = true;
        auto slow = saneScanner(library);
        std::mutex m;
        std::condition_variable cv;
        bool secondPageStarted = false;
        bool cancelAsked = false;
        struct : Recorder {
            std::function<void(const ScanProgress&)> onProgress;
            void progress(const ScanProgress& p) override {
                Recorder::progress(p);
                onProgress(p);
            }
        } watcher;
        watcher.onProgress = [&](const ScanProgress& p) {
            if (p.page == 1) {
                std::unique_lock lock(m);
                secondPageStarted = true;
                cv.notify_all();
                cv.wait(lock, [&] { return cancelAsked; });
            }
        };
        auto session = slow->scan("test:0", settings(ScanSource::AdfFront, ScanMode::Gray, 75), watcher);
        REQUIRE(session.ok());
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return secondPageStarted; });
        }
        session.value()->cancel();
        {
            std::lock_guard lock(m);
            cancelAsked = true;
            cv.notify_all();
        }
        auto summary = session.value()->wait();
        CHECK(summary.cancelled);
        CHECK_FALSE(summary.error);
        CHECK(summary.pages == 1);
        CHECK(watcher.progressEvents > 80);
        CHECK(watcher.pages.size() == static_cast<std::size_t>(summary.pages));
        for (const auto& page : watcher.pages)
            CHECK(page.bytes ==
                  static_cast<std::size_t>(page.bytesPerLine) * static_cast<std::size_t>(page.height));
    }
}

TEST_CASE("a jam, an open cover or a lost device mid-run is a clear error and earlier pages are kept",
          "[scanner]") {
    useSaneTestBackend();
    const auto [status, code] = GENERATE(table<std::string, std::string>({
        {"SANE_STATUS_JAMMED", "scanner.jammed"},
        {"SANE_STATUS_COVER_OPEN", "scanner.cover_open"},
        {"SANE_STATUS_IO_ERROR", "scanner.disconnected"},
    }));
    CAPTURE(status);
    auto library = std::make_shared<FaultySaneLibrary>();
    library->failFromPage = 5; // pages 1–4 scan, page 5 fails
    library->failWith = status;
    auto scanner = saneScanner(library);
    Recorder recorder;
    auto summary = runToEnd(*scanner, settings(ScanSource::AdfFront, ScanMode::Gray, 75), recorder);
    REQUIRE(summary.error);
    CHECK(summary.error->code == code);
    CHECK(summary.error->where == "test:0");
    CHECK_THAT(summary.error->what.str(), Catch::Contains("page 5"));
    CHECK_THAT(summary.error->fix.str(), Catch::Contains("the 4 pages before are kept"));
    CHECK_FALSE(summary.cancelled);
    CHECK(summary.pages == 4);
    CHECK(recorder.pages.size() == 4);
    CHECK(recorder.finishedEvents == 1);
}

TEST_CASE("an empty feeder at the first page is an error that says to load the paper", "[scanner]") {
    useSaneTestBackend();
    auto library = std::make_shared<FaultySaneLibrary>();
    library->failFromPage = 1;
    library->failWith = "SANE_STATUS_NO_DOCS";
    auto scanner = saneScanner(library);
    Recorder recorder;
    auto summary = runToEnd(*scanner, settings(ScanSource::AdfFront, ScanMode::Gray, 75), recorder);
    REQUIRE(summary.error);
    CHECK(summary.error->code == "scanner.feeder_empty");
    CHECK_THAT(summary.error->fix.str(), Catch::Contains("put the papers in the feeder"));
    CHECK(summary.pages == 0);
    CHECK(recorder.pages.empty());
}

TEST_CASE("settings the scanner does not offer, and an unknown scanner, are refused before scanning",
          "[scanner]") {
    useSaneTestBackend();
    auto scanner = systemScanner();
    Recorder recorder;

    auto duplex = scanner->scan("test:0", settings(ScanSource::AdfDuplex, ScanMode::Gray, 75), recorder);
    REQUIRE_FALSE(duplex.ok());
    CHECK(duplex.error().code == "scanner.unsupported_setting");
    CHECK(duplex.error().what.str() == "the scanner does not offer the source duplex");
    CHECK(duplex.error().fix.str() == "choose one of: flatbed, ADF");

    auto resolution = scanner->scan("test:0", settings(ScanSource::Flatbed, ScanMode::Gray, 5000), recorder);
    REQUIRE_FALSE(resolution.ok());
    CHECK(resolution.error().code == "scanner.unsupported_setting");
    CHECK_THAT(resolution.error().fix.str(), Catch::Contains("300"));

    auto missing =
        scanner->scan("epson:libusb:001:004", settings(ScanSource::Flatbed, ScanMode::Gray, 75), recorder);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "scanner.missing");
    CHECK_THAT(missing.error().fix.str(), Catch::Contains("scanners"));
    CHECK(recorder.pages.empty());
}
