// scanners, scan, pages and case pdf through the real CLI binary, scanning from SANE's own `test` backend:
// the CLI runs with SANE_CONFIG_DIR pointing at a private folder whose dll.conf names only `test`.

#include "cli/cli_counter.h"
#include "support/cli_runner.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

namespace {

struct ScanningCounter : ywtb::testing::CliCounter {
    std::string saneConfig = (dir.write("sane/dll.conf", "test\n").parent_path()).string();

    ScanningCounter() {
        // SANE's test backend leaks a buffer when a page is cancelled mid-way (tests/devices/lsan-sane.supp).
        environment.insert(environment.end(),
                           {"SANE_CONFIG_DIR=" + saneConfig,
                            "LSAN_OPTIONS=suppressions=" +
                                (ywtb::testing::sourceDir() / "tests/devices/lsan-sane.supp").string()});
    }
    std::string open() const { return openFoodCase(); }
    std::vector<std::int64_t> pageIds(const std::string& number, const std::string& material) const {
        auto doc = json({"pages", number, "--material", material});
        std::vector<std::int64_t> ids;
        auto pages = doc->getArray("pages");
        for (std::size_t i = 0; i < pages->size(); ++i)
            ids.push_back(pages->getObject(static_cast<unsigned>(i))->getValue<std::int64_t>("id"));
        return ids;
    }
};

} // namespace

TEST_CASE("cli: scanners lists the test backend's devices with what they offer", "[cli][scan]") {
    ScanningCounter counter;
    auto r = counter.run({"scanners"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("test:0") && Catch::Contains("virtual device") &&
                          Catch::Contains("flatbed, ADF") && Catch::Contains("color, gray, lineart"));
}

TEST_CASE("cli: scan a 10-sheet feeder onto a material, then list, move, rotate, delete and make the PDF",
          "[cli][scan]") {
    ScanningCounter counter;
    const auto number = counter.open();
    auto scanned = counter.run({"scan", "--device", "test:0", "--source", "ADF", "--resolution", "75",
                                "--mode", "gray", "--case", number, "--material", "M01"});
    INFO(scanned.err);
    REQUIRE(scanned.exitCode == 0);
    CHECK_THAT(scanned.out, Catch::Contains("page 1 of M01 stored") &&
                                Catch::Contains("page 10 of M01 stored") &&
                                Catch::Contains("10 pages stored on M01 of case " + number));
    auto three = counter.run({"scan", "--device", "test:0", "--source", "flatbed", "--resolution", "100",
                              "--mode", "color", "--case", number, "--material", "M03"});
    REQUIRE(three.exitCode == 0);
    CHECK_THAT(three.out, Catch::Contains("1 pages stored on M03"));

    auto listed = counter.run({"pages", number});
    REQUIRE(listed.exitCode == 0);
    const auto lines = ywtb::testing::linesOf(listed.out);
    REQUIRE(lines.size() == 11);
    CHECK_THAT(lines[0], Catch::Contains("M01 #1") && Catch::Contains("75dpi") && Catch::Contains("gray") &&
                             Catch::Contains("S007@W01"));
    CHECK_THAT(lines[10], Catch::Contains("M03 #1") && Catch::Contains("100dpi") && Catch::Contains("color"));

    const auto ids = counter.pageIds(number, "M01");
    REQUIRE(ids.size() == 10);
    auto moved = counter.run({"pages", "move", number, std::to_string(ids[9]), "--to", "1"});
    INFO(moved.err);
    REQUIRE(moved.exitCode == 0);
    CHECK_THAT(moved.out, Catch::Contains("M01 #1"));
    auto after = counter.pageIds(number, "M01");
    CHECK(after.front() == ids[9]);
    CHECK(after[1] == ids[0]);

    auto turned = counter.json({"pages", "rotate", number, std::to_string(ids[0]), "--by", "-90"});
    CHECK(turned->getValue<int>("rotation") == 270);
    auto deleted = counter.run({"pages", "delete", number, std::to_string(ids[5])});
    REQUIRE(deleted.exitCode == 0);
    CHECK(counter.pageIds(number, "M01").size() == 9);

    const auto pdf = counter.dir / "case.pdf";
    auto made = counter.run({"case", "pdf", number, "--out", pdf.string()});
    INFO(made.err);
    REQUIRE(made.exitCode == 0);
    CHECK(ywtb::testing::pdfPageCount(pdf) == 10);
    const auto m03 = counter.dir / "m03.pdf";
    REQUIRE(counter.run({"case", "pdf", number, "--material", "M03", "--out", m03.string()}).exitCode == 0);
    CHECK(ywtb::testing::pdfPageCount(m03) == 1);

    CHECK(counter.run({"audit", "verify"}).exitCode == 0);
}

TEST_CASE("cli: a material the item does not list, a missing option or a wrong page is refused clearly",
          "[cli][scan]") {
    ScanningCounter counter;
    const auto number = counter.open();
    auto wrong = counter.run(
        {"scan", "--device", "test:0", "--case", number, "--material", "M99", "--resolution", "75"});
    CHECK(wrong.exitCode == 1);
    CHECK_THAT(wrong.err, Catch::Contains("M99") && Catch::Contains("M01, M02"));
    CHECK_THAT(counter.run({"pages", number}).out, Catch::Contains("no pages scanned"));

    auto usage = counter.run({"scan", "--case", number, "--material", "M01"});
    CHECK(usage.exitCode == 2);
    CHECK_THAT(usage.err, Catch::Contains("--device"));
    CHECK(
        counter.run({"scan", "--device", "test:0", "--case", number, "--material", "M01", "--mode", "sepia"})
            .exitCode == 2);
    auto noDevice = counter.run({"scan", "--device", "nosuch:0", "--case", number, "--material", "M01"});
    CHECK(noDevice.exitCode == 1);
    CHECK_THAT(noDevice.err, Catch::Contains("nosuch:0"));

    auto noPage = counter.run({"pages", "delete", number, "4242"});
    CHECK(noPage.exitCode == 1);
    CHECK_THAT(noPage.err, Catch::Contains("no page 4242"));
    CHECK(counter.run({"pages", "move", number, "1"}).exitCode == 2);
    auto emptyPdf = counter.run({"case", "pdf", number, "--out", (counter.dir / "x.pdf").string()});
    CHECK(emptyPdf.exitCode == 1);
    CHECK_THAT(emptyPdf.err, Catch::Contains("no scanned pages"));
}
