// Pages from SANE's test backend straight into the pipeline, on the scanning thread, as the intake
// service will do it: each page processed and dropped as it arrives, only the JPEGs kept.

#include "devices/sane_test_backend.h"
#include "devices/scanner/sane_scanner.h"
#include "imaging/generated_pages.h"
#include "imaging/page_pipeline.h"

#include <catch2/catch.hpp>

using namespace ywtb;

namespace {

imaging::RasterView viewOf(const devices::ScannedPage& page) {
    const auto format = page.format == devices::PixelFormat::Rgb24   ? imaging::RasterFormat::Rgb24
                        : page.format == devices::PixelFormat::Gray8 ? imaging::RasterFormat::Gray8
                                                                     : imaging::RasterFormat::Gray1;
    return imaging::RasterView{format,          page.width, page.height, page.bytesPerLine,
                               page.resolution, page.pixels};
}

struct PipelineSink : devices::ScanEvents {
    imaging::PipelineSettings settings;
    std::vector<imaging::ProcessedPage> processed;
    std::vector<std::string> errors;
    void pageScanned(devices::ScannedPage page) override {
        auto result = imaging::processPage(viewOf(page), settings);
        if (result.ok())
            processed.push_back(std::move(result).value());
        else
            errors.push_back(result.error().str());
    }
};

} // namespace

TEST_CASE("pages from the SANE test backend go through the pipeline as they arrive", "[imaging][scanner]") {
    testing::useSaneTestBackend();
    const auto [mode, picture, verdict, grey] =
        GENERATE(table<devices::ScanMode, std::string, imaging::PageVerdict, bool>({
            {devices::ScanMode::Color, "Color pattern", imaging::PageVerdict::Kept, false},
            {devices::ScanMode::Gray, "Grid", imaging::PageVerdict::Kept, true},
            {devices::ScanMode::Lineart, "Solid white", imaging::PageVerdict::DroppedBlank, true},
        }));
    CAPTURE(picture);
    auto library = std::make_shared<testing::FaultySaneLibrary>();
    library->picture = picture;
    auto scanner = devices::saneScanner(library);
    PipelineSink sink;
    sink.settings.blank.action = imaging::BlankAction::Drop;
    devices::ScanSettings settings;
    settings.source = devices::ScanSource::AdfFront;
    settings.mode = mode;
    settings.resolution = 100;
    settings.maxPages = 3;
    auto session = scanner->scan("test:0", settings, sink);
    REQUIRE(session.ok());
    const auto summary = session.value()->wait();
    CHECK_FALSE(summary.error);
    CHECK(summary.pages == 3);
    CHECK(sink.errors.empty());
    REQUIRE(sink.processed.size() == 3);
    for (const auto& page : sink.processed) {
        CHECK(page.verdict == verdict);
        CHECK(page.resolution == 100);
        if (verdict == imaging::PageVerdict::Kept) {
            const auto decoded = testing::decodeJpeg(page.jpeg);
            CHECK(decoded.grey == grey);
            CHECK(decoded.width == page.width);
        }
    }
}
