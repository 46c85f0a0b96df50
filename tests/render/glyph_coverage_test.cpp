#include "render/glyph_coverage.h"
#include "render/sample_documents.h"
#include "render/utf8.h"

#include <catch2/catch.hpp>

using namespace ywtb::render;

namespace {

using ywtb::testing::defaultCoverage;

char32_t single(const char* utf8) {
    return decodeUtf8(utf8).at(0);
}

} // namespace

TEST_CASE("UMing draws what it has, Zen Hei only what UMing lacks", "[render][fonts]") {
    const GlyphCoverage coverage = defaultCoverage();
    CHECK(coverage.fontFor(U'中') == FontSlot::Primary);
    CHECK(coverage.fontFor(U'A') == FontSlot::Primary);
    CHECK(coverage.fontFor(U'，') == FontSlot::Primary);
    // The 15 symbols whose Zen Hei glyphs libharu 2.3 broke are all in UMing (platform notes section 2).
    for (const char32_t c : std::u32string(U"∶∷≌≮≯㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"))
        CHECK(coverage.fontFor(c) == FontSlot::Primary);
    // The fallback test character: an ideograph of the URO block that UMing lacks and Zen Hei has.
    CHECK(coverage.fontFor(single(ywtb::testing::fallbackCharacter)) == FontSlot::Fallback);
}

TEST_CASE("Characters beyond U+FFFF are drawn by a font that has them, and refused otherwise",
          "[render][fonts]") {
    const GlyphCoverage coverage = defaultCoverage();
    CHECK_FALSE(coverage.fontFor(0x20BB7).has_value()); // 𠮷: in neither font
    CHECK_FALSE(coverage.fontFor(0xFFFD).has_value());  // what malformed UTF-8 becomes

    // DejaVu Sans has U+10300 (Old Italic) in its full-repertoire cmap: our PDF fonts draw it (libharu 2.3's
    // UTF-8 encoder turned it into a space).
    FontSet dejavu;
    dejavu.primaryPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    dejavu.fallbackPath.clear();
    auto plain = GlyphCoverage::open(dejavu);
    REQUIRE(plain.ok());
    CHECK(plain->fontFor(U'A') == FontSlot::Primary);
    CHECK(plain->fontFor(0x10300) == FontSlot::Primary);
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

    // A font file that is not a font.
    FontSet notAFont;
    notAFont.primaryPath = YWTB_SOURCE_DIR "/README.md";
    CHECK(GlyphCoverage::open(notAFont).error().code == "render.font");
}

TEST_CASE("The shared coverage is opened once for the same fonts and anew for others", "[render][fonts]") {
    const auto first = GlyphCoverage::shared(FontSet{});
    const auto second = GlyphCoverage::shared(FontSet{});
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->get() == second->get());
    FontSet zenHeiOnly;
    zenHeiOnly.primaryPath = FontSet{}.fallbackPath;
    zenHeiOnly.fallbackPath.clear();
    const auto other = GlyphCoverage::shared(zenHeiOnly);
    REQUIRE(other.ok());
    CHECK(other->get() != first->get());
    CHECK((*other)->fontFor(ywtb::render::decodeUtf8(ywtb::testing::fallbackCharacter).at(0)) ==
          FontSlot::Primary);

    FontSet missing;
    missing.primaryPath = "/nonexistent/uming.ttc";
    CHECK_FALSE(GlyphCoverage::shared(missing).ok());
}

TEST_CASE("Composite glyphs and Zen Hei's symbols are drawable: the subset keeps every component",
          "[render][fonts]") {
    // UMing builds ǖ from ü and a macron, and ü from u and a dieresis; Zen Hei's ∶∷≌≮≯㈠-㈩ use components
    // numbered above 32767. libharu 2.3 dropped those; HarfBuzz's subset keeps them (pdf_render_test.cpp
    // checks their outlines in the PDF).
    const GlyphCoverage coverage = defaultCoverage();
    CHECK(coverage.fontFor(U'ǖ') == FontSlot::Primary);
    FontSet zenHeiOnly;
    zenHeiOnly.primaryPath = FontSet{}.fallbackPath;
    zenHeiOnly.fallbackPath.clear();
    auto zenHei = GlyphCoverage::open(zenHeiOnly);
    REQUIRE(zenHei.ok());
    for (const char32_t c : std::u32string(U"∶∷≌≮≯㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"))
        CHECK(zenHei->fontFor(c) == FontSlot::Primary);
    CHECK(zenHei->fontFor(U'中') == FontSlot::Primary);
}
