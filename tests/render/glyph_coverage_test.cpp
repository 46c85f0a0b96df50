#include "render/glyph_coverage.h"
#include "render/sample_documents.h"
#include "render/utf8.h"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace ywtb::render;

namespace {

using ywtb::testing::defaultCoverage;

char32_t single(const char* utf8) { return decodeUtf8(utf8).at(0); }

} // namespace

TEST_CASE("UMing draws what it has, Zen Hei only what UMing lacks", "[render][fonts]") {
    const GlyphCoverage coverage = defaultCoverage();
    CHECK(coverage.fontFor(U'中') == FontSlot::Primary);
    CHECK(coverage.fontFor(U'A') == FontSlot::Primary);
    CHECK(coverage.fontFor(U'，') == FontSlot::Primary);
    // The 15 symbols whose Zen Hei glyphs libharu breaks are all in UMing (platform notes section 2).
    for (const char32_t c : std::u32string(U"∶∷≌≮≯㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"))
        CHECK(coverage.fontFor(c) == FontSlot::Primary);
    // The fallback test character: an ideograph of the URO block that UMing lacks and Zen Hei has.
    CHECK(coverage.fontFor(single(ywtb::testing::fallbackCharacter)) == FontSlot::Fallback);
}

TEST_CASE("Characters beyond U+FFFF are unprintable, with or without a font that has them", "[render][fonts]") {
    const GlyphCoverage coverage = defaultCoverage();
    CHECK_FALSE(coverage.fontFor(0x20BB7).has_value()); // 𠮷: in neither font
    CHECK_FALSE(coverage.fontFor(0xFFFD).has_value());  // what malformed UTF-8 becomes

    // DejaVu Sans has U+10300 (Old Italic), but libharu 2.3's UTF-8 encoder turns any code point past
    // U+FFFF into a space, so it still cannot be drawn.
    FontSet dejavu;
    dejavu.primaryPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    dejavu.fallbackPath.clear();
    auto plain = GlyphCoverage::open(dejavu);
    REQUIRE(plain.ok());
    CHECK(plain->fontFor(U'A') == FontSlot::Primary);
    CHECK_FALSE(plain->fontFor(0x10300).has_value());
    CHECK_FALSE(plain->fontFor(U'中').has_value());
}

TEST_CASE("Advance widths are in thousandths of an em", "[render][fonts]") {
    const GlyphCoverage coverage = defaultCoverage();
    CHECK(coverage.advance(FontSlot::Primary, U'中') == 1000);
    CHECK(coverage.advance(FontSlot::Primary, U'，') == 1000);
    CHECK(coverage.advance(FontSlot::Primary, U'A') == 500);
    CHECK(coverage.advance(FontSlot::Fallback, single(ywtb::testing::fallbackCharacter)) == 1000);
}

TEST_CASE("A font file that is missing or cannot be embedded is an error naming it", "[render][fonts]") {
    FontSet missing;
    missing.primaryPath = "/nonexistent/uming.ttc";
    auto opened = GlyphCoverage::open(missing);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == "render.font");
    CHECK(opened.error().where == "/nonexistent/uming.ttc");

    // A missing fallback only matters to documents that need it (see pdf_render_test.cpp).
    FontSet fallbackMissing;
    fallbackMissing.fallbackPath = "/nonexistent/zenhei.ttc";
    auto withoutFallback = GlyphCoverage::open(fallbackMissing);
    REQUIRE(withoutFallback.ok());
    REQUIRE(withoutFallback->fallbackError().has_value());
    CHECK(withoutFallback->fallbackError()->where == "/nonexistent/zenhei.ttc");
    CHECK_FALSE(withoutFallback->fontFor(single(ywtb::testing::fallbackCharacter)).has_value());

    const char* microHei = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    if (std::FILE* probe = std::fopen(microHei, "rb")) {
        std::fclose(probe);
        FontSet broken;
        broken.primaryPath = microHei;
        CHECK(GlyphCoverage::open(broken).error().code == "render.font");
    }
}

TEST_CASE("Glyphs libharu would embed in part get companions, or are refused", "[render][fonts]") {
    const GlyphCoverage coverage = defaultCoverage();
    // UMing builds ǖ from ü and a macron, and ü from u and a dieresis: libharu keeps only one level of
    // components, so the characters of the deeper ones come along to keep them.
    CHECK(coverage.fontFor(U'ǖ') == FontSlot::Primary);
    CHECK_FALSE(coverage.companions(U'ǖ').empty());
    CHECK(coverage.companions(U'中').empty());
    CHECK(coverage.companions(U'ü').empty());

    // Zen Hei's 15 broken symbols use components numbered above 32767 that no character maps to: with
    // Zen Hei alone they are unprintable rather than printed as fragments.
    FontSet zenHeiOnly;
    zenHeiOnly.primaryPath = FontSet{}.fallbackPath;
    zenHeiOnly.fallbackPath.clear();
    auto zenHei = GlyphCoverage::open(zenHeiOnly);
    REQUIRE(zenHei.ok());
    for (const char32_t c : std::u32string(U"∶∷≌≮≯㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"))
        CHECK_FALSE(zenHei->fontFor(c).has_value());
    CHECK(zenHei->fontFor(U'中') == FontSlot::Primary);
}
