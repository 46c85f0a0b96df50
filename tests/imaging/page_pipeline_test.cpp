// The page pipeline on generated pages of known skew, ink and colour (generated_pages.cpp), at 150 dpi
// so that the suite stays fast; the pipeline analyses every page at 150 dpi whatever it was scanned at.

#include "imaging/generated_pages.h"
#include "imaging/page_pipeline.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

using namespace ywtb::imaging;
using namespace ywtb::testing;

namespace {

ProcessedPage run(const RasterView& view, const PipelineSettings& settings = {}) {
    auto page = processPage(view, settings);
    REQUIRE(page.ok());
    return std::move(page).value();
}

} // namespace

TEST_CASE("a page turned by 3 degrees is found 3 degrees off and straightened", "[imaging]") {
    const double turn = GENERATE(3.0, -3.0);
    CAPTURE(turn);
    const auto crooked = textPage(150, turn);
    const auto page = run(crooked.view);
    CHECK(page.verdict == PageVerdict::Kept);
    CHECK(page.skewConfidence >= 3.0);
    // The pipeline reports the turn that straightens the page: the opposite of how it lies.
    CHECK(std::abs(page.skewDegrees + turn) <= 0.5);
    CHECK(page.deskewed);

    // Fed back in, the stored page is straight.
    const auto decoded = decodeJpeg(page.jpeg);
    const auto again = run(viewOf(decoded, 150));
    CHECK(std::abs(again.skewDegrees) <= 0.2);
}

TEST_CASE("a straight page is left as it is", "[imaging]") {
    const auto straight = textPage(150, 0);
    const auto page = run(straight.view);
    CHECK(std::abs(page.skewDegrees) < 0.1);
    CHECK_FALSE(page.deskewed);
    CHECK(page.width == straight.view.width);
    CHECK(page.height == straight.view.height);
    PipelineSettings off;
    off.deskew = false;
    CHECK(run(textPage(150, 3).view, off).skewDegrees == 0);
}

TEST_CASE("blank and near-blank pages are flagged or dropped, but a page with a little writing is kept",
          "[imaging]") {
    PipelineSettings flag;
    PipelineSettings drop;
    drop.blank.action = BlankAction::Drop;

    const auto white = sparsePage(150, 0, 0, 0);
    const auto dusty = sparsePage(150, 300, 2, 0);    // 300 specks of dust, 0.3 mm each
    const auto signedPage = sparsePage(150, 0, 0, 1); // a single stroke of 2 cm by 1 mm
    const auto printed = textPage(150, 0);

    CHECK(run(white.view, flag).verdict == PageVerdict::FlaggedBlank);
    CHECK(run(dusty.view, flag).verdict == PageVerdict::FlaggedBlank);
    CHECK(run(signedPage.view, flag).verdict == PageVerdict::Kept);
    CHECK(run(printed.view, flag).verdict == PageVerdict::Kept);

    const auto flagged = run(dusty.view, flag);
    CHECK_FALSE(flagged.jpeg.empty());
    CHECK(flagged.inkFraction <= flag.blank.maxInkFraction);
    const auto dropped = run(dusty.view, drop);
    CHECK(dropped.verdict == PageVerdict::DroppedBlank);
    CHECK(dropped.jpeg.empty());
    CHECK(dropped.thumbnailJpeg.empty());
}

TEST_CASE("the blank-page thresholds are settings", "[imaging]") {
    const auto fewLines = sparsePage(150, 0, 0, 3); // three short strokes
    PipelineSettings strict;
    const auto measured = run(fewLines.view, strict);
    CHECK(measured.verdict == PageVerdict::Kept);
    CHECK(measured.inkFraction > 0);

    PipelineSettings lenient;
    lenient.blank.maxInkFraction = measured.inkFraction * 2;
    CHECK(run(fewLines.view, lenient).verdict == PageVerdict::FlaggedBlank);

    // Dust counts as ink once the speck size is set below it.
    const auto dusty = sparsePage(150, 300, 2, 0);
    PipelineSettings fine;
    fine.blank.speckMm = 0.1;
    fine.blank.maxInkFraction = 0.0001;
    CHECK(run(dusty.view, fine).verdict == PageVerdict::Kept);

    PipelineSettings never;
    never.blank.action = BlankAction::Keep;
    CHECK(run(sparsePage(150, 0, 0, 0).view, never).verdict == PageVerdict::Kept);
}

TEST_CASE("a page on a dark scanner background is cropped to the paper", "[imaging]") {
    const int border = 40;
    const auto onBlack = pageOnDarkBackground(150, border);
    const auto page = run(onBlack.view);
    CHECK(page.cropped);
    CHECK(std::abs(page.width - (onBlack.view.width - 2 * border)) <= 4);
    CHECK(std::abs(page.height - (onBlack.view.height - 2 * border)) <= 4);
    CHECK_FALSE(page.deskewed);

    const auto plain = textPage(150, 0);
    CHECK_FALSE(run(plain.view).cropped);
    PipelineSettings noCrop;
    noCrop.cropToPaper = false;
    CHECK(run(onBlack.view, noCrop).width == onBlack.view.width);
}

TEST_CASE("a crooked sheet on a dark lid is straightened and cut to the sheet, not to its bounding box",
          "[imaging]") {
    const int border = 60, paperWidth = textPage(150, 0).view.width,
              paperHeight = textPage(150, 0).view.height;
    const auto crooked = turnedPageOnDarkBackground(150, border, 3.0);
    const auto page = run(crooked.view);
    CHECK(page.cropped);
    CHECK(page.deskewed);
    CHECK(std::abs(page.skewDegrees + 3.0) <= 0.3);
    // The bounding box of a sheet turned by 3° is ~90 px wider than the sheet; only the sheet is kept.
    CHECK(std::abs(page.width - paperWidth) <= 8);
    CHECK(std::abs(page.height - paperHeight) <= 8);
    const auto stored = decodeJpeg(page.jpeg);
    REQUIRE(stored.width == page.width);
    const int inset = 6;
    for (const auto& [x, y] :
         {std::pair{inset, inset}, std::pair{stored.width - inset, inset},
          std::pair{inset, stored.height - inset}, std::pair{stored.width - inset, stored.height - inset}}) {
        CAPTURE(x, y);
        CHECK(stored.at(x, y) > 200); // paper, not the lid's dark wedges
    }
    CHECK(std::abs(run(viewOf(stored, 150)).skewDegrees) <= 0.2);
}

TEST_CASE("both ways of turning a page straighten it", "[imaging]") {
    const bool smooth = GENERATE(false, true);
    CAPTURE(smooth);
    PipelineSettings settings;
    settings.smoothRotation = smooth;
    const auto crooked = textPage(150, -2.0);
    const auto page = run(crooked.view, settings);
    CHECK(page.deskewed);
    CHECK(page.width == crooked.view.width);
    CHECK(std::abs(run(viewOf(decodeJpeg(page.jpeg), 150)).skewDegrees) <= 0.2);
}

TEST_CASE("a colour page is straightened in place, by two shears or by three", "[imaging]") {
    // At 150 dpi two shears serve up to about 2.7° (their stretch stays within a pixel at the far edge),
    // three beyond: both ways of the default turn, on a colour page.
    const double turn = GENERATE(-1.0, 3.0);
    CAPTURE(turn);
    const auto grey = textPage(150, turn);
    std::vector<std::uint8_t> rgb;
    rgb.reserve(grey.bytes.size() * 3);
    for (const auto byte : grey.bytes)
        rgb.insert(rgb.end(), 3, byte);
    const RasterView colour{RasterFormat::Rgb24, grey.view.width,      grey.view.height,
                            grey.view.width * 3, grey.view.resolution, rgb};
    const auto page = run(colour);
    CHECK(page.deskewed);
    CHECK(std::abs(page.skewDegrees + turn) <= 0.3);
    CHECK(page.width == grey.view.width);
    CHECK(page.height == grey.view.height);
    const auto stored = decodeJpeg(page.jpeg);
    REQUIRE_FALSE(stored.grey);
    for (const auto& [x, y] :
         {std::pair{2, 2}, std::pair{stored.width - 3, 2}, std::pair{2, stored.height - 3},
          std::pair{stored.width - 3, stored.height - 3}}) {
        CAPTURE(x, y);
        CHECK(stored.at(x, y, 0) > 200); // white brought in at the corners, in every channel
        CHECK(stored.at(x, y, 1) > 200);
        CHECK(stored.at(x, y, 2) > 200);
    }
    CHECK(std::abs(run(viewOf(stored, 150)).skewDegrees) <= 0.2);
}

TEST_CASE("a colour page on a dark lid is cropped with its colours in place", "[imaging]") {
    const int border = 40, margin = 40;
    const auto colour =
        onBackground(colourPage(150), margin, 255); // red and blue blocks inside white margins
    const auto onLid = onBackground(colour, border);
    const auto page = run(onLid.view);
    CHECK(page.cropped);
    CHECK(std::abs(page.width - colour.view.width) <= 4);
    CHECK(std::abs(page.height - colour.view.height) <= 4);
    const auto stored = decodeJpeg(page.jpeg);
    REQUIRE_FALSE(stored.grey);
    REQUIRE(stored.width == page.width);
    // Red on the left of the top quarter, blue on the right, white margins: the kept rectangle is the paper.
    const int x = margin + (stored.width - 2 * margin) / 4, y = margin + (stored.height - 2 * margin) / 8;
    CHECK(stored.at(x, y, 0) > 200);
    CHECK(stored.at(x, y, 2) < 60);
    CHECK(stored.at(stored.width - x, y, 2) > 200);
    CHECK(stored.at(stored.width - x, y, 0) < 60);
    for (int channel = 0; channel < 3; ++channel) {
        CHECK(stored.at(3, 3, channel) > 200); // white paper at the corners: no lid left
        CHECK(stored.at(stored.width - 4, stored.height - 4, channel) > 200);
    }
    // The thumbnail (TurboJPEG-scaled from the stored JPEG) keeps the colours too.
    const auto thumbnail = decodeJpeg(page.thumbnailJpeg);
    REQUIRE_FALSE(thumbnail.grey);
    CHECK(thumbnail.width == page.thumbnailWidth);
    CHECK(std::max(thumbnail.width, thumbnail.height) == 256);
    const int tx = thumbnail.width * x / stored.width, ty = thumbnail.height * y / stored.height;
    CHECK(thumbnail.at(tx, ty, 0) > 200);
    CHECK(thumbnail.at(thumbnail.width - tx, ty, 2) > 200);
    CHECK(thumbnail.at(thumbnail.width / 2, thumbnail.height / 2, 1) > 240);
}

TEST_CASE("dark print at the edge of a page is not mistaken for the scanner's background", "[imaging]") {
    // The colour page's top quarter is a red and a blue block edge to edge: dark in grey, but not even.
    const auto colour = colourPage(150);
    const auto page = run(colour.view);
    CHECK_FALSE(page.cropped);
    CHECK(page.height == colour.view.height);
}

TEST_CASE("colour stays colour, and grey or black-and-white output is one-channel", "[imaging]") {
    const auto colour = colourPage(150);
    const auto asScanned = decodeJpeg(run(colour.view).jpeg);
    REQUIRE_FALSE(asScanned.grey);
    const int x = asScanned.width / 4, y = asScanned.height / 8;
    // The red block is red and the blue block is blue: the bytes went in in the right order.
    CHECK(asScanned.at(x, y, 0) > 200);
    CHECK(asScanned.at(x, y, 1) < 60);
    CHECK(asScanned.at(x, y, 2) < 60);
    CHECK(asScanned.at(3 * x, y, 0) < 60);
    CHECK(asScanned.at(3 * x, y, 2) > 200);
    CHECK(asScanned.at(x, asScanned.height / 2, 0) > 240);

    PipelineSettings grey;
    grey.colour = OutputColour::Gray;
    const auto inGrey = decodeJpeg(run(colour.view, grey).jpeg);
    CHECK(inGrey.grey);
    CHECK(inGrey.at(x, y) > 40);
    CHECK(inGrey.at(x, y) < 120); // red is a middle grey

    PipelineSettings blackWhite;
    blackWhite.colour = OutputColour::BlackAndWhite;
    const auto inBlackWhite = decodeJpeg(run(colour.view, blackWhite).jpeg);
    CHECK(inBlackWhite.grey);
    CHECK(inBlackWhite.at(x, y) < 40);
    CHECK(inBlackWhite.at(x, inBlackWhite.height / 2) > 215);
}

TEST_CASE("line-art pages keep their black where SANE put it", "[imaging]") {
    const auto lineart = lineartPage(150);
    const auto grey = textPage(150, 0);
    const auto fromLineart = decodeJpeg(run(lineart.view).jpeg);
    const auto fromGrey = decodeJpeg(run(grey.view).jpeg);
    REQUIRE(fromLineart.width == fromGrey.width);
    CHECK(fromLineart.grey);
    // The first bar starts one inch in: black there on both, white in the margin.
    CHECK(fromLineart.at(155, 152) < 60);
    CHECK(fromGrey.at(155, 152) < 60);
    CHECK(fromLineart.at(20, 20) > 200);
}

TEST_CASE("JPEG quality and thumbnail size are settings", "[imaging]") {
    const auto printed = textPage(150, 0);
    PipelineSettings low, high;
    low.jpegQuality = 30;
    high.jpegQuality = 95;
    const auto small = run(printed.view, low);
    const auto large = run(printed.view, high);
    CHECK(small.jpeg.size() < large.jpeg.size());

    CHECK(std::max(large.thumbnailWidth, large.thumbnailHeight) == 256);
    const auto thumbnail = decodeJpeg(large.thumbnailJpeg);
    CHECK(thumbnail.width == large.thumbnailWidth);
    CHECK(thumbnail.height == large.thumbnailHeight);
    PipelineSettings bigThumbnail;
    bigThumbnail.thumbnailLongSide = 400;
    CHECK(run(printed.view, bigThumbnail).thumbnailHeight == 400);
    // A grey page's thumbnail is grey, and one asked larger than the page is the page's own size.
    CHECK(thumbnail.grey);
    PipelineSettings hugeThumbnail;
    hugeThumbnail.thumbnailLongSide = 5000;
    const auto whole = run(printed.view, hugeThumbnail);
    CHECK(whole.thumbnailWidth == printed.view.width);
    CHECK(whole.thumbnailHeight == printed.view.height);
}

TEST_CASE("a raster shorter than its size says is refused with an error", "[imaging]") {
    const auto printed = textPage(150, 0);
    RasterView damaged = printed.view;
    damaged.bytes = damaged.bytes.first(damaged.bytes.size() / 2);
    auto page = processPage(damaged, {});
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().code == "imaging.bad_raster");
    CHECK_FALSE(page.error().fix.empty());
}
