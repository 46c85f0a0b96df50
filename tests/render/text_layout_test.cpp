#include "render/text_layout.h"
#include "render/utf8.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace ywtb::render;

namespace {

// Text where every CJK character is 10 points wide and everything else 5, all in the primary font.
ShapedText monospaced(std::u32string_view text) {
    ShapedText shaped;
    shaped.chars.assign(text);
    shaped.size = 10;
    for (const char32_t c : text) {
        shaped.fonts.push_back(FontSlot::Primary);
        shaped.widths.push_back(c < 0x2000 ? 5.0 : 10.0);
    }
    return shaped;
}

std::vector<std::string> lines(std::u32string_view text, double firstWidth, double otherWidth) {
    const ShapedText shaped = monospaced(text);
    std::vector<std::string> out;
    for (const LineSpan& line : breakLines(shaped, firstWidth, otherWidth))
        out.push_back(
            encodeUtf8(std::u32string_view(shaped.chars).substr(line.begin, line.end - line.begin)));
    return out;
}

} // namespace

TEST_CASE("CJK text breaks between any two characters", "[render][layout]") {
    CHECK(lines(U"一二三四五六七", 30, 30) == std::vector<std::string>{"一二三", "四五六", "七"});
}

TEST_CASE("The first line can be narrower for the paragraph indent", "[render][layout]") {
    CHECK(lines(U"一二三四五六七", 20, 30) == std::vector<std::string>{"一二", "三四五", "六七"});
}

TEST_CASE("Closing punctuation never starts a line: the character before it moves down", "[render][layout]") {
    // Naive breaking after three characters would start the second line with "，".
    CHECK(lines(U"一二三，四五", 30, 30) == std::vector<std::string>{"一二", "三，四", "五"});
    CHECK(lines(U"一二三。」四", 30, 30) == std::vector<std::string>{"一二", "三。」", "四"});
    CHECK(lines(U"ab)cd", 10, 10).at(1).front() != ')');
    for (const char32_t mark : std::u32string(U"，。、；：？！）》」』】〕…),.;:!?")) {
        std::u32string text = U"一二三";
        text.push_back(mark);
        text += U"四五六";
        const auto broken = lines(text, 30, 30);
        for (std::size_t i = 1; i < broken.size(); ++i)
            CHECK(decodeUtf8(broken[i]).front() != mark);
    }
}

TEST_CASE("Opening punctuation never ends a line", "[render][layout]") {
    const auto broken = lines(U"一二（三四", 30, 30);
    CHECK(broken == std::vector<std::string>{"一二", "（三四"});
    for (const char32_t mark : std::u32string(U"（《「『【〔")) {
        std::u32string text = U"一二";
        text.push_back(mark);
        text += U"三四五六";
        for (const std::string& line : lines(text, 30, 30))
            CHECK(decodeUtf8(line).back() != mark);
    }
}

TEST_CASE("Latin words and numbers stay together and spaces are dropped at the break", "[render][layout]") {
    CHECK(lines(U"中文 abc defg", 35, 35) == std::vector<std::string>{"中文", "abc", "defg"});
    CHECK(lines(U"邮编200030", 40, 40) == std::vector<std::string>{"邮编", "200030"});
}

TEST_CASE("A word wider than the line is cut rather than overflowing", "[render][layout]") {
    const auto broken = lines(U"abcdefghij", 20, 20);
    CHECK(broken == std::vector<std::string>{"abcd", "efgh", "ij"});
}

TEST_CASE("A line of one unbreakable piece lets closing punctuation hang past the margin",
          "[render][layout]") {
    // "abcd" fills the line and cannot be split at a word boundary; the comma hangs rather than start a line.
    CHECK(lines(U"abcd，中", 20, 20) == std::vector<std::string>{"abcd，", "中"});
}

TEST_CASE("Dashes and ellipses are kept whole", "[render][layout]") {
    for (const double width : {20.0, 30.0, 40.0, 50.0}) {
        for (const std::string& line : lines(U"一二——三……四", width, width)) {
            const std::u32string chars = decodeUtf8(line);
            CHECK(std::count(chars.begin(), chars.end(), U'—') % 2 == 0);
            CHECK(std::count(chars.begin(), chars.end(), U'…') % 2 == 0);
        }
    }
}

TEST_CASE("Breaking always progresses, even when nothing fits", "[render][layout]") {
    CHECK(lines(U"一二三", 1, 1) == std::vector<std::string>{"一", "二", "三"});
    CHECK(lines(U"", 10, 10).empty());
    CHECK(lines(U"   ", 10, 10).empty());
}

TEST_CASE("A line splits into runs where the font changes", "[render][layout]") {
    ShapedText text = monospaced(U"张叕三");
    text.fonts[1] = FontSlot::Fallback;
    const auto runs = runsOf(text, {0, 3, 30});
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].font == FontSlot::Primary);
    CHECK(runs[1].font == FontSlot::Fallback);
    CHECK(runs[1].text == U"叕");
    CHECK(runs[1].offset == Approx(10));
    CHECK(runs[2].offset == Approx(20));
}

TEST_CASE("Printable text drops what prints nothing and keeps hard breaks", "[render][layout]") {
    CHECK(printableText("a\tb\r\nc\u200B\uFE0Fd") == U"a b\ncd");
    CHECK(splitHardBreaks(U"一\n二") == std::vector<std::u32string>{U"一", U"二"});
}

TEST_CASE("UTF-8 decoding replaces malformed bytes and round-trips the rest", "[render][utf8]") {
    CHECK(decodeUtf8("张\xF0\xA0\xAE\xB7") == U"张\U00020BB7");
    CHECK(decodeUtf8("a\xC0\xAF"
                     "b") == U"a\uFFFDb"); // overlong "/"
    CHECK(decodeUtf8("\xE5\xBC") == U"\uFFFD");
    CHECK(encodeUtf8(U"申请人联𠮷") == "申请人联𠮷");
    CHECK(codePointName(0x20BB7) == "U+20BB7");
    CHECK(codePointName(0x53D5) == "U+53D5");
}
