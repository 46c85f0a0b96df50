// Scanned pages as PDF, checked with poppler's and qpdf's own tools: page count, each page's size from the
// image's pixels and dpi, rotation, the JPEG embedded as it is, one bookmark per material.

#include "render/scan_pdf.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <turbojpeg.h>

using namespace ywtb;
using ywtb::testing::TempDir;

namespace {

/// A grey JPEG of `width` × `height` with a diagonal stripe, made by TurboJPEG.
std::string greyJpeg(int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height),
                                      255);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (std::abs(x - y * width / height) < 4)
                pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                       static_cast<std::size_t>(x)] = 0;
    tjhandle handle = tjInitCompress();
    unsigned char* out = nullptr;
    unsigned long size = 0;
    REQUIRE(tjCompress2(handle, pixels.data(), width, 0, height, TJPF_GRAY, &out, &size, TJSAMP_GRAY, 80,
                        0) == 0);
    std::string jpeg(reinterpret_cast<const char*>(out), size);
    tjFree(out);
    tjDestroy(handle);
    return jpeg;
}

std::vector<std::pair<double, double>> pageSizes(const std::filesystem::path& pdf, int pages) {
    const auto info = testing::runCommand("pdfinfo -f 1 -l " + std::to_string(pages) + " " +
                                          testing::shellQuoted(pdf.string()));
    REQUIRE(info.exitCode == 0);
    std::vector<std::pair<double, double>> out;
    // pdfinfo -f -l prints "Page    N size:  W x H pts" for each page.
    for (const auto& text : testing::linesOf(info.output)) {
        double width = 0, height = 0;
        if (std::sscanf(text.c_str(), "Page %*d size: %lf x %lf pts", &width, &height) == 2)
            out.emplace_back(width, height);
    }
    return out;
}

} // namespace

TEST_CASE("scan PDF: pages in order, each the size of its paper, turned pages sideways",
          "[render][scan_pdf]") {
    TempDir dir;
    // An A4 sheet at 100 dpi (827 × 1169 px = 595.4 × 841.7 pt) and an A5 one at 150 dpi, one of them turned.
    const auto a4 = greyJpeg(827, 1169);
    const auto a5 = greyJpeg(874, 1240);
    std::vector<render::ScanPdfSection> sections{
        {"M01 食品经营许可申请书", {{a4, 827, 1169, 100, 0}, {a4, 827, 1169, 100, 180}}},
        {"M02 营业执照", {}},
        {"M03 法定代表人居民身份证", {{a5, 874, 1240, 150, 90}, {a5, 874, 1240, 150, 270}}},
    };
    auto pdf = render::scanPdf(sections, "case");
    REQUIRE(pdf.ok());
    const auto file = dir.write("scan.pdf", *pdf);
    CHECK(testing::pdfPageCount(file) == 4);
    const auto sizes = pageSizes(file, 4);
    REQUIRE(sizes.size() == 4);
    CHECK(sizes[0].first == Approx(827 * 72.0 / 100).margin(0.05));
    CHECK(sizes[0].second == Approx(1169 * 72.0 / 100).margin(0.05));
    CHECK(sizes[1] == sizes[0]);
    CHECK(sizes[2].first == Approx(1240 * 72.0 / 150).margin(0.05)); // turned: sideways
    CHECK(sizes[2].second == Approx(874 * 72.0 / 150).margin(0.05));
    CHECK(sizes[3] == sizes[2]);

    // The JPEGs go in as they are (DCT, not re-encoded), one image object per page.
    const auto images = testing::runCommand("pdfimages -list " + testing::shellQuoted(file.string()));
    REQUIRE(images.exitCode == 0);
    const auto lines = testing::linesOf(images.output);
    REQUIRE(lines.size() == 2 + 4);
    CHECK_THAT(lines[2], Catch::Contains("827") && Catch::Contains("1169") && Catch::Contains("gray") &&
                             Catch::Contains("jpeg"));
    CHECK_THAT(lines[4], Catch::Contains("874") && Catch::Contains("1240") && Catch::Contains("jpeg"));
    const auto extracted = testing::runCommand("cd " + testing::shellQuoted(dir.path().string()) +
                                               " && pdfimages -j -f 1 -l 1 scan.pdf img");
    REQUIRE(extracted.exitCode == 0);
    CHECK(testing::readFile(dir / "img-000.jpg") == a4);

    // A bookmark per material that has pages, in order, titled in Chinese, pointing at its first page.
    const auto outline =
        testing::runCommand("qpdf --json --json-key=outlines " + testing::shellQuoted(file.string()));
    REQUIRE(outline.exitCode == 0);
    const auto first = outline.output.find("M01 食品经营许可申请书");
    const auto third = outline.output.find("M03 法定代表人居民身份证");
    CHECK(first != std::string::npos);
    CHECK(third != std::string::npos);
    CHECK(first < third);
    CHECK(outline.output.find("M02") == std::string::npos);
}

TEST_CASE("scan PDF: no pages, or a page that is not a JPEG, is a clear error", "[render][scan_pdf]") {
    auto empty = render::scanPdf({{"M01", {}}}, "case");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == "pdf.no_pages");
    auto notJpeg = render::scanPdf({{"M01", {{"\x89PNG not a jpeg", 10, 10, 100, 0}}}}, "case");
    REQUIRE_FALSE(notJpeg.ok());
    CHECK(notJpeg.error().code == "pdf.image");
    CHECK_THAT(notJpeg.error().where, Catch::Contains("M01"));
    auto noDpi = render::scanPdf({{"M01", {{greyJpeg(10, 10), 10, 10, 0, 0}}}}, "case");
    REQUIRE_FALSE(noDpi.ok());
    CHECK(noDpi.error().code == "pdf.page_size");
}
