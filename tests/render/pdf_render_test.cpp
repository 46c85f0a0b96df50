// Renders real documents and reads them back with poppler-utils and qpdf, as a reader would.
#include "render/document_layout.h"
#include "render/sample_documents.h"
#include "render/utf8.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace ywtb;
using namespace ywtb::render;
using testing::TempDir;

namespace {

std::filesystem::path renderTo(const TempDir& dir, const Document& document, const std::string& name) {
    auto pdf = renderPdf(document, FontSet{});
    if (!pdf)
        FAIL(pdf.error().str());
    return dir.write(name, pdf.value());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// `text` without line breaks, for phrases that may wrap.
std::string flat(std::string text) {
    std::erase(text, '\n');
    return text;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++n;
    return n;
}

// A row of `pdffonts` output: the font's name and its "emb" and "sub" columns.
struct FontRow {
    std::string name;
    std::string embedded;
    std::string subset;
};

std::vector<FontRow> embeddedFonts(const std::filesystem::path& pdf) {
    const auto lines = testing::linesOf(testing::runCommand("pdffonts " + testing::shellQuoted(pdf)).output);
    std::vector<FontRow> fonts;
    if (lines.size() < 2)
        return fonts;
    const auto emb = lines[0].find("emb");
    const auto sub = lines[0].find("sub");
    for (std::size_t i = 2; i < lines.size(); ++i)
        fonts.push_back(
            {lines[i].substr(0, lines[i].find(' ')), lines[i].substr(emb, 3), lines[i].substr(sub, 3)});
    return fonts;
}

// check_embedded_glyphs.py on `pdf`: every character of `text` is shown with a glyph that has outlines, and,
// when maxGlyphs is given, no embedded font holds more glyphs than that.
testing::CommandResult checkEmbeddedGlyphs(const std::filesystem::path& pdf, const std::string& text,
                                           const std::string& maxGlyphs = "") {
    const auto script = testing::sourceDir() / "tests/render/check_embedded_glyphs.py";
    std::string command = "/usr/bin/python3 " + testing::shellQuoted(script) + " " +
                          testing::shellQuoted(pdf) + " " + testing::shellQuoted(text);
    if (!maxGlyphs.empty())
        command += " " + maxGlyphs;
    return testing::runCommand(command);
}

} // namespace

TEST_CASE("A notice's title, number, fields, cells and signatures are all in the text layer",
          "[render][pdf]") {
    TempDir dir;
    Document notice = testing::acceptanceNotice();
    notice.copyLabels.clear();
    const auto pdf = renderTo(dir, notice, "notice.pdf");
    const std::string text = testing::pdfText(pdf);

    CHECK(contains(text, "受理通知书"));
    CHECK(contains(text, "徐行服受〔2026〕第0921号"));
    for (const Block& block : notice.blocks) {
        for (const FieldRow& row : block.fields) {
            CHECK(contains(text, row.label + "："));
            CHECK(contains(text, row.value.substr(0, 30))); // the address wraps after its first line
        }
        for (const std::string& header : block.table.headers)
            CHECK(contains(text, header));
        for (const auto& row : block.table.rows)
            for (const std::string& cell : row)
                CHECK(contains(text, cell));
        for (const SignatureArea& area : block.signatures)
            CHECK(contains(text, area.label));
    }
    CHECK(contains(text, "已收材料"));
    CHECK(contains(flat(text), "决定予以受理"));
    CHECK(contains(text, "上海市徐汇区行政服务中心"));
    CHECK(contains(text, "2026年11月28日"));
    CHECK(contains(text, "（盖章）"));
    CHECK(contains(text, "扫码查询办理进度"));
    CHECK_FALSE(contains(text, "申请人联"));
}

TEST_CASE("Each copy label repeats the whole document on new pages with the label", "[render][pdf]") {
    TempDir dir;
    Document notice = testing::acceptanceNotice(20); // two pages per copy
    notice.copyLabels.clear();
    const auto single = renderTo(dir, notice, "single.pdf");
    notice.copyLabels = {"申请人联", "存档联"};
    const auto copies = renderTo(dir, notice, "copies.pdf");

    const int pages = testing::pdfPageCount(single);
    REQUIRE(pages == 2);
    CHECK(testing::pdfPageCount(copies) == 2 * pages);
    for (int page = 1; page <= 2 * pages; ++page) {
        const std::string text = testing::pdfText(copies, page, page);
        const bool firstCopy = page <= pages;
        CHECK(contains(text, firstCopy ? "申请人联" : "存档联"));
        CHECK_FALSE(contains(text, firstCopy ? "存档联" : "申请人联"));
        CHECK(contains(text, "徐行服受〔2026〕第0921号"));
        CHECK(contains(text, "第 " + std::to_string((page - 1) % pages + 1) + " 页"));
    }
    // Each copy starts on a page of its own, with the title.
    CHECK(contains(testing::pdfText(copies, pages + 1, pages + 1), "受理通知书"));
    CHECK(count(testing::pdfText(copies), "受理通知书") == 2);
}

TEST_CASE("A 60-row table continues on the next pages with its header repeated", "[render][pdf]") {
    TempDir dir;
    const Document document = testing::longTable(60);
    const auto pdf = renderTo(dir, document, "table.pdf");
    const int pages = testing::pdfPageCount(pdf);
    REQUIRE(pages >= 2);

    const std::string all = testing::pdfText(pdf);
    for (const auto& row : document.blocks[0].table.rows)
        for (const std::string& cell : row)
            CHECK(contains(all, cell));
    // Every row exactly once: no row is drawn twice at a page break.
    for (int i = 1; i <= 60; ++i)
        CHECK(count(all, "第" + std::to_string(i) + "行\n") + count(all, "第" + std::to_string(i) + "行 ") ==
              1);

    const std::string second = testing::pdfText(pdf, 2, 2);
    for (const std::string& header : document.blocks[0].table.headers)
        CHECK(contains(second, header));
    CHECK(contains(second, "第45行"));
    CHECK(contains(testing::pdfText(pdf, pages, pages), "第60行"));
    CHECK_FALSE(contains(second, "第1行\n"));
}

TEST_CASE("A table row taller than a page splits instead of looping", "[render][pdf]") {
    TempDir dir;
    Document document = testing::longTable(2);
    std::string huge;
    for (int i = 0; i < 400; ++i)
        huge += "很长的备注第" + std::to_string(i) + "句。";
    document.blocks[0].table.rows[1][1] = huge;
    const auto pdf = renderTo(dir, document, "tall.pdf");
    CHECK(testing::pdfPageCount(pdf) >= 3);
    const std::string text = flat(testing::pdfText(pdf));
    CHECK(contains(text, "很长的备注第0句"));
    CHECK(contains(text, "很长的备注第399句"));
}

TEST_CASE("A character UMing lacks is drawn with Zen Hei, loaded only when needed", "[render][pdf][fonts]") {
    TempDir dir;
    Document document = testing::acceptanceNotice();
    document.copyLabels.clear();
    const auto uming = renderTo(dir, document, "uming.pdf");
    const auto onlyUming = embeddedFonts(uming);
    REQUIRE(onlyUming.size() == 1);
    CHECK(contains(onlyUming[0].name, "UMing"));

    const std::string name = std::string("王") + testing::fallbackCharacter + "明";
    document.blocks[0].fields[0].value = name;
    const auto mixed = renderTo(dir, document, "mixed.pdf");
    CHECK(contains(testing::pdfText(mixed), name)); // one line, two fonts, read back in order
    const auto both = embeddedFonts(mixed);
    REQUIRE(both.size() == 2);
    CHECK(std::any_of(both.begin(), both.end(), [](const FontRow& f) { return contains(f.name, "ZenHei"); }));
}

TEST_CASE("Every font is embedded and qpdf finds the file sound", "[render][pdf]") {
    TempDir dir;
    Document document = testing::acceptanceNotice(20);
    document.blocks[0].fields[0].value += testing::fallbackCharacter;
    const auto pdf = renderTo(dir, document, "check.pdf");
    const auto fonts = embeddedFonts(pdf);
    REQUIRE_FALSE(fonts.empty());
    for (const FontRow& font : fonts) {
        INFO(font.name);
        CHECK(font.embedded == "yes");
    }
    const auto check = testing::runCommand("qpdf --check " + testing::shellQuoted(pdf));
    INFO(check.output);
    CHECK(check.exitCode == 0);
    CHECK(contains(check.output, "No syntax or stream encoding errors found"));
}

TEST_CASE("A character no font has is listed and refused, named by code point", "[render][pdf][fonts]") {
    Document document = testing::acceptanceNotice();
    document.blocks[0].fields[0].value = "吉𠮷餐饮";
    CHECK(unprintableCharacters(document, FontSet{}) == std::vector<char32_t>{0x20BB7});

    const auto pdf = renderPdf(document, FontSet{});
    REQUIRE_FALSE(pdf.ok());
    CHECK(pdf.error().code == "render.unprintable");
    const std::string message = pdf.error().str();
    CHECK(contains(message, "U+20BB7"));
    CHECK(contains(message, "𠮷"));
    CHECK(contains(pdf.error().where, "申请人"));
    CHECK(contains(pdf.error().fix.str(), "ID card"));

    CHECK(unprintableCharacters(testing::acceptanceNotice(), FontSet{}).empty());
}

TEST_CASE("No line starts with closing punctuation, even where the line fills exactly", "[render][pdf]") {
    // 12 pt text on a 481.9 pt line: 38 ideographs after the 2-character indent, then 40 a line. Naive
    // breaking would start line 2 with the "，" at index 38, and (after one character moves down) line 3
    // with the "。" at index 77.
    std::u32string text;
    const std::u32string ideographs = U"申请材料齐全符合法定形式决定予以受理";
    for (std::size_t i = 0; i < 120; ++i)
        text.push_back(ideographs[i % ideographs.size()]);
    text[38] = U'，';
    text[77] = U'。';
    text[100] = U'、';
    Document document;
    document.blocks.push_back(testing::textBlock(BlockKind::Paragraph, encodeUtf8(text)));
    TempDir dir;
    const auto pdf = renderTo(dir, document, "punctuation.pdf");
    const auto lines = testing::linesOf(testing::pdfText(pdf));
    std::vector<std::string> paragraphLines;
    std::copy_if(lines.begin(), lines.end(), std::back_inserter(paragraphLines),
                 [](const std::string& line) { return line.size() > 30; });
    REQUIRE(paragraphLines.size() >= 3);
    // The first line lost its last character to the second: the rule was needed and applied.
    CHECK(paragraphLines[0].size() == 37 * 3);
    for (const std::string& line : lines) {
        INFO(line);
        for (const char* mark : {"，", "。", "、", "；", "：", "）", "》"})
            CHECK(line.rfind(mark, 0) != 0);
    }
}

TEST_CASE("The glyphs embedded for the printed text keep their outlines", "[render][pdf][fonts]") {
    TempDir dir;
    Document document = testing::acceptanceNotice(3);
    // ∶…㈩: drawn with UMing; ǖǘǚǜ ĳ: nested composites in UMing, kept whole by the subsetter; 叕: Zen Hei;
    // 通: what libharu 2.3 lost of Micro Hei.
    const std::string probe =
        std::string("通过受理∶∷≌≮≯㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩ Lǚ ǖǘǚǜ ĳ") + testing::fallbackCharacter + "喆堃昇镕";
    document.blocks.push_back(testing::textBlock(BlockKind::Paragraph, probe));
    const auto pdf = renderTo(dir, document, "glyphs.pdf");
    const auto result = checkEmbeddedGlyphs(pdf, probe + "受理通知书申请人联");
    INFO(result.output);
    CHECK(result.exitCode == 0);
}

TEST_CASE("Each font is embedded as a subset of the characters the document draws", "[render][pdf][fonts]") {
    TempDir dir;
    Document notice = testing::acceptanceNotice(2); // one page
    notice.copyLabels.clear();
    notice.blocks[0].fields[0].value = std::string("王") + testing::fallbackCharacter + "明";
    const auto pdf = renderTo(dir, notice, "subset.pdf");
    REQUIRE(testing::pdfPageCount(pdf) == 1);
    // With the whole fonts embedded (libharu blanks unused glyphs but keeps their slots) this was ~400 KB.
    CHECK(std::filesystem::file_size(pdf) < 100 * 1024);
    const auto fonts = embeddedFonts(pdf);
    REQUIRE(fonts.size() == 2);
    for (const FontRow& font : fonts) {
        INFO(font.name);
        CHECK(font.embedded == "yes");
        CHECK(font.subset == "yes");
    }
    // A notice draws ~150 distinct characters; AR PL UMing has 27123 glyphs, WenQuanYi Zen Hei 44960.
    const auto result = checkEmbeddedGlyphs(pdf, "受理通知书" + notice.blocks[0].fields[0].value, "400");
    INFO(result.output);
    CHECK(result.exitCode == 0);
}

TEST_CASE("Text drawn with subset fonts is extracted exactly", "[render][pdf][fonts]") {
    // Both fonts, ASCII, full-width punctuation, and UMing's nested composites (ǚ, ĳ).
    Document document;
    document.title = "补正材料通知书";
    document.number = "徐行服补〔2026〕第0007号";
    const std::string paragraph = std::string("申请人王") + testing::fallbackCharacter +
                                  "明：请于2026年12月5日前补正（Lǚ ĳ），ABC-xyz。";
    document.blocks.push_back(testing::textBlock(BlockKind::Paragraph, paragraph));
    TempDir dir;
    const auto pdf = renderTo(dir, document, "exact.pdf");
    REQUIRE(embeddedFonts(pdf).size() == 2);
    std::vector<std::string> lines;
    for (const std::string& line : testing::linesOf(testing::pdfText(pdf)))
        if (!line.empty() && line != "\f")
            lines.push_back(line);
    CHECK(lines == std::vector<std::string>{document.number, document.title, paragraph});
}

TEST_CASE("A character beyond U+FFFF is drawn and extracted when the font has it", "[render][pdf][fonts]") {
    // DejaVu Sans has U+10300 OLD ITALIC LETTER A: shown by its glyph id like any other, and mapped back to
    // its surrogate pair in the ToUnicode map. The same holds for 生僻字 of CJK Extension B in a font that
    // has them.
    FontSet dejavu;
    dejavu.fallbackPath = dejavu.primaryPath; // UMing for the page furniture (第 1 页)
    dejavu.primaryPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    Document document;
    const std::string line = "Name: A\xF0\x90\x8C\x80"
                             "B";
    document.blocks.push_back(testing::textBlock(BlockKind::Paragraph, line));
    auto pdf = renderPdf(document, dejavu);
    if (!pdf)
        FAIL(pdf.error().str());
    TempDir dir;
    const auto file = dir.write("old-italic.pdf", pdf.value());
    CHECK(contains(testing::pdfText(file), line));
    const auto result = checkEmbeddedGlyphs(file, line);
    INFO(result.output);
    CHECK(result.exitCode == 0);
}

TEST_CASE("Each font's ToUnicode map is one PDF readers accept, so copied text is the text printed",
          "[render][pdf][fonts]") {
    // libharu 2.3 writes its UTF-8 encoding CMap (begincidrange) as ToUnicode; poppler rejects it with a
    // warning.
    Document document;
    document.title = "受理通知书";
    document.blocks.push_back(testing::textBlock(
        BlockKind::Paragraph, std::string("申请人王") + testing::fallbackCharacter + "明"));
    TempDir dir;
    const auto pdf = renderTo(dir, document, "tounicode.pdf");
    REQUIRE(embeddedFonts(pdf).size() == 2);
    const auto quoted = testing::shellQuoted(pdf.string());
    CHECK(testing::runCommand("sh -c " + testing::shellQuoted("pdftotext " + quoted + " /dev/null 2>&1"))
              .output.empty());
    const auto uncompressed =
        testing::runCommand("qpdf --qdf --object-streams=disable " + quoted + " -").output;
    CHECK_THAT(uncompressed, !Catch::Contains("begincidrange"));
    std::size_t maps = 0;
    for (auto at = uncompressed.find("/Ordering (UCS)"); at != std::string::npos;
         at = uncompressed.find("/Ordering (UCS)", at + 1))
        ++maps;
    CHECK(maps == 2);
}

TEST_CASE("Signature and seal images are drawn, and an image that is not PNG is an error", "[render][pdf]") {
    TempDir dir;
    Document document = testing::acceptanceNotice();
    document.copyLabels = {"申请人联", "存档联"};
    const std::string signature = testing::greyPng(300, 100, [](unsigned x, unsigned y) {
        return static_cast<unsigned char>((y > 40 && y < 60 && x > 20 && x < 280) ? 0 : 255);
    });
    const std::string seal = testing::greyPng(200, 200, [](unsigned x, unsigned y) {
        const int dx = static_cast<int>(x) - 100, dy = static_cast<int>(y) - 100;
        return static_cast<unsigned char>(dx * dx + dy * dy < 90 * 90 ? 80 : 255);
    });
    auto& signatures = document.blocks[5].signatures;
    REQUIRE(document.blocks[5].kind == BlockKind::Signatures);
    signatures[0].png = signature;
    document.blocks[6].seal.png = seal;
    const auto pdf = renderTo(dir, document, "images.pdf");
    const auto list =
        testing::linesOf(testing::runCommand("pdfimages -list " + testing::shellQuoted(pdf)).output);
    CHECK(list.size() == 2 + 4); // header lines, then two images in each of the two copies
    CHECK_FALSE(contains(testing::pdfText(pdf), "（盖章）"));
    CHECK(testing::runCommand("qpdf --check " + testing::shellQuoted(pdf)).exitCode == 0);

    signatures[0].png = "GIF89a not a png";
    auto refused = renderPdf(document, FontSet{});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "render.image");
    CHECK(refused.error().where == "signature: 申请人（签名）");

    // A damaged PNG would make libpng abort() inside libharu; it must come back as an error instead.
    std::string damaged = seal;
    for (std::size_t i = 60; i + 20 < damaged.size(); i += 7)
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    signatures[0].png = signature;
    document.blocks[6].seal.png = damaged;
    refused = renderPdf(document, FontSet{});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "render.image");
}

TEST_CASE("The QR code scans back to its payload", "[render][pdf][qr]") {
    // Required, not skipped: a missing tool would leave the QR code unchecked while the test stayed green.
    if (!testing::hasProgram("zbarimg"))
        FAIL("zbarimg is missing: install the Debian package zbar-tools (scripts/debian-packages.txt; make "
             "test does)");
    if (!testing::hasProgram("pdftoppm"))
        FAIL("pdftoppm is missing: install the Debian package poppler-utils (scripts/debian-packages.txt; "
             "make test does)");
    TempDir dir;
    Document document;
    document.title = "查询凭证";
    Block qr = testing::textBlock(BlockKind::QrCode, "扫码查询办理进度");
    qr.qrPayload = "https://zwdt.sh.gov.cn/case/XH-W01-20261128-0001";
    document.blocks.push_back(qr);
    const auto pdf = renderTo(dir, document, "qr.pdf");
    const auto png = dir / "qr";
    REQUIRE(testing::runCommand("pdftoppm -r 200 -png -singlefile " + testing::shellQuoted(pdf) + " " +
                                testing::shellQuoted(png))
                .exitCode == 0);
    const auto scanned = testing::runCommand("zbarimg --raw -q " + testing::shellQuoted(dir / "qr.png"));
    CHECK(scanned.exitCode == 0); // zbarimg exits 4 when it finds no symbol
    CHECK(scanned.output == qr.qrPayload + "\n");

    document.blocks[0].qrPayload.clear();
    CHECK(renderPdf(document, FontSet{}).error().code == "render.qr");
}

TEST_CASE("An empty document is one page, and a missing font is an error naming the file when needed",
          "[render][pdf]") {
    TempDir dir;
    const auto pdf = renderTo(dir, Document{}, "empty.pdf");
    CHECK(testing::pdfPageCount(pdf) == 1);

    FontSet missing;
    missing.primaryPath = "/nonexistent/uming.ttc";
    const auto failed = renderPdf(testing::acceptanceNotice(), missing);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == "render.font");
    CHECK(failed.error().where == "/nonexistent/uming.ttc");

    // Without the fallback font, documents that do not need it still print.
    FontSet noFallback;
    noFallback.fallbackPath = "/nonexistent/zenhei.ttc";
    CHECK(renderPdf(testing::acceptanceNotice(), noFallback).ok());
    Document rare = testing::acceptanceNotice();
    rare.blocks[0].fields[0].value = std::string("王") + testing::fallbackCharacter + "明";
    const auto needed = renderPdf(rare, noFallback);
    REQUIRE_FALSE(needed.ok());
    CHECK(needed.error().code == "render.font");
    CHECK(needed.error().where == "/nonexistent/zenhei.ttc");
}
