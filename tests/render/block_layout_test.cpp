// Layout checked on the display list, before any PDF: positions and page breaks.
#include "render/block_layout.h"
#include "render/sample_documents.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace ywtb::render;

namespace {

using ywtb::testing::defaultCoverage;

// The texts placed on `page` that contain `part`.
std::vector<PlacedText> textsWith(const PageContent& page, const std::string& part) {
    std::vector<PlacedText> found;
    std::copy_if(page.texts.begin(), page.texts.end(), std::back_inserter(found),
                 [&](const PlacedText& t) { return t.utf8.find(part) != std::string::npos; });
    return found;
}

bool insidePage(const PageContent& page) {
    using namespace geometry;
    return std::all_of(page.texts.begin(), page.texts.end(), [](const PlacedText& t) {
        return t.x >= margin / 2 - 1e-6 && t.x < pageWidth - margin && t.y >= margin / 2 - 1e-6 &&
               t.y <= pageHeight - margin;
    });
}

} // namespace

TEST_CASE("Hard breaks in field values and table cells start new lines", "[render][layout]") {
    const GlyphCoverage coverage = defaultCoverage();
    Document document;
    PageFlow flow(coverage, document);
    Block fields;
    fields.kind = BlockKind::Fields;
    fields.fields = {{"地址", "上海市徐汇区\n漕溪北路331号"}};
    layoutFields(flow, fields);
    Table table;
    table.headers = {"材料", "形式"};
    table.rows = {{"营业执照", "原件\n复印件"}};
    layoutTable(flow, table);
    const auto pages = flow.takePages();
    REQUIRE(pages.size() == 1);
    const auto first = textsWith(pages[0], "上海市徐汇区");
    const auto second = textsWith(pages[0], "漕溪北路331号");
    REQUIRE(first.size() == 1);
    REQUIRE(second.size() == 1);
    CHECK(second[0].x == Approx(first[0].x));
    CHECK(second[0].y < first[0].y);
    const auto original = textsWith(pages[0], "原件");
    const auto copy = textsWith(pages[0], "复印件");
    REQUIRE(original.size() == 1);
    REQUIRE(copy.size() == 1);
    CHECK(copy[0].y < original[0].y);
}

TEST_CASE("Each page a table continues on starts with the header row, shaded", "[render][layout]") {
    const GlyphCoverage coverage = defaultCoverage();
    const Document document = ywtb::testing::longTable(60);
    PageFlow flow(coverage, document);
    layoutTable(flow, document.blocks[0].table);
    const auto pages = flow.takePages();
    REQUIRE(pages.size() >= 2);
    for (const PageContent& page : pages) {
        const auto header = textsWith(page, "核验结果");
        REQUIRE(header.size() == 1);
        for (const PlacedText& row : textsWith(page, "原件已核"))
            CHECK(row.y < header[0].y);
        CHECK(page.fills.size() == 1); // the header's grey band
        CHECK(insidePage(page));
    }
    std::size_t rows = 0;
    for (const PageContent& page : pages)
        rows += textsWith(page, "原件已核").size();
    CHECK(rows == 60);
}

TEST_CASE("A paragraph splits across pages line by line, inside the margins", "[render][layout]") {
    const GlyphCoverage coverage = defaultCoverage();
    Document document;
    document.number = "XH-0001";
    std::string text;
    for (int i = 0; i < 120; ++i)
        text += "申请材料齐全，符合法定形式。";
    const Block paragraph = ywtb::testing::textBlock(BlockKind::Paragraph, text);
    PageFlow flow(coverage, document);
    layoutParagraph(flow, paragraph);
    const auto pages = flow.takePages();
    REQUIRE(pages.size() == 2);
    for (const PageContent& page : pages) {
        CHECK(insidePage(page));
        CHECK(textsWith(page, "XH-0001").size() == 1); // the number on every page
    }
    // The first page is filled to its foot before the second starts.
    double lowest = geometry::pageHeight;
    for (const PlacedText& t : pages[0].texts)
        lowest = std::min(lowest, t.y);
    CHECK(lowest < geometry::margin + 2 * geometry::bodySize * geometry::lineSpacing);
}

TEST_CASE("Copy furniture puts the label top left and numbers pages only when there are several",
          "[render][layout]") {
    const GlyphCoverage coverage = defaultCoverage();
    PageContent single;
    addCopyFurniture(single, coverage, "申请人联", 1, 1);
    REQUIRE(single.texts.size() == 1);
    CHECK(single.texts[0].x == Approx(geometry::margin));
    PageContent several;
    addCopyFurniture(several, coverage, "", 2, 3);
    REQUIRE(several.texts.size() == 1);
    CHECK(several.texts[0].utf8 == "第 2 页  共 3 页");
}

TEST_CASE("A paragraph that fills the page to its foot leaves no blank page after it", "[render][layout]") {
    using namespace geometry;
    const GlyphCoverage coverage = defaultCoverage();
    const Document document; // no title, no number: the body starts under the empty header line
    PageFlow flow(coverage, document);
    const double lineHeight = bodySize * lineSpacing;
    const auto lines = static_cast<std::size_t>(flow.remaining() / lineHeight);
    REQUIRE(flow.remaining() - static_cast<double>(lines) * lineHeight < blockGap); // the gap would not fit
    // 12 pt ideographs: 38 on the indented first line, 40 on the others.
    const std::size_t characters = 38 + (lines - 1) * 40;
    std::string text;
    for (std::size_t i = 0; i < characters; ++i)
        text += "受";
    layoutParagraph(flow, ywtb::testing::textBlock(BlockKind::Paragraph, text));
    const auto pages = flow.takePages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].texts.size() == lines);
}
