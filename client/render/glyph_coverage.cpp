#include "render/glyph_coverage.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <algorithm>
#include <array>
#include <vector>
#include <string_view>

namespace ywtb::render {

namespace {

struct LibraryDeleter {
    void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
struct FaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using LibraryHandle = std::unique_ptr<FT_LibraryRec_, LibraryDeleter>;
using FaceHandle = std::unique_ptr<FT_FaceRec_, FaceDeleter>;

constexpr char32_t replacementCharacter = 0xFFFD;

const char* const embeddingFix = N_("use AR PL UMing (uming.ttc) or WenQuanYi Zen Hei (wqy-zenhei.ttc)");

// libharu looks characters up in the Windows Unicode BMP cmap (platform 3, encoding 1) only; FreeType
// would prefer the full-repertoire one, so pick the same table to get the same answers.
void selectCmapLikeLibharu(FT_Face face) {
    for (FT_Int i = 0; i < face->num_charmaps; ++i) {
        const FT_CharMap map = face->charmaps[i];
        if (map->platform_id == 3 && map->encoding_id == 1) {
            FT_Set_Charmap(face, map);
            return;
        }
    }
    FT_Select_Charmap(face, FT_ENCODING_UNICODE);
}

bool hasTrueTypeOutlines(FT_Face face) {
    FT_ULong length = 0;
    return FT_IS_SFNT(face) && FT_Load_Sfnt_Table(face, TTAG_glyf, 0, nullptr, &length) == 0 && length > 0;
}

// Platform notes section 2: libharu 2.3's subsetter drops the components of Micro Hei's composite glyphs
// (通 prints as 辶), so the face is refused even though it loads.
bool losesStrokesWhenEmbedded(FT_Face face) {
    const std::string_view family = face->family_name ? face->family_name : "";
    return family.starts_with("WenQuanYi Micro Hei");
}

core::Expected<FaceHandle> openFace(FT_Library library, const std::string& path, int index) {
    FT_Face face = nullptr;
    if (FT_New_Face(library, path.c_str(), index, &face) != 0)
        return core::Error{"render.font", core::Message(N_("cannot read the font file")), path,
                           core::Message(N_("install fonts-arphic-uming and fonts-wqy-zenhei, or correct "
                                            "the font path in the configuration"))};
    FaceHandle handle(face);
    if (!hasTrueTypeOutlines(face) || losesStrokesWhenEmbedded(face))
        return core::Error{"render.font",
                           core::Message(N_("the PDF library cannot embed this font without damaging it")),
                           path, core::Message(embeddingFix)};
    selectCmapLikeLibharu(face);
    return handle;
}

} // namespace

struct GlyphCoverage::Faces {
    LibraryHandle library;
    std::array<FaceHandle, 2> faces; ///< indexed by FontSlot; the fallback may be empty
    /// Per face, glyph index -> a BMP character mapped to it; built on first need.
    std::array<std::unordered_map<FT_UInt, char32_t>, 2> characterOfGlyph;
};

namespace {

// The components of composite glyph `glyph`; empty for a simple glyph.
std::vector<FT_UInt> componentsOf(FT_Face face, FT_UInt glyph) {
    std::vector<FT_UInt> components;
    if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_RECURSE) != 0 ||
        face->glyph->format != FT_GLYPH_FORMAT_COMPOSITE)
        return components;
    for (FT_UInt i = 0; i < face->glyph->num_subglyphs; ++i) {
        FT_Int index = 0;
        FT_UInt flags = 0;
        FT_Int arg1 = 0, arg2 = 0;
        FT_Matrix transform{};
        if (FT_Get_SubGlyph_Info(face->glyph, i, &index, &flags, &arg1, &arg2, &transform) == 0)
            components.push_back(static_cast<FT_UInt>(index));
    }
    return components;
}

// libharu 2.3 (CheckCompositGryph in hpdf_fontdef_tt.c) keeps the glyph of a drawn character and that
// glyph's direct components, read as signed 16-bit numbers, and zeroes every other glyph when it embeds
// the font. So a component of a component (UMing's ǖ = ü + macron, ü = u + dieresis) or a component
// numbered above 32767 (Zen Hei's ∶∷≌≮≯㈠-㈩) prints as nothing unless something else keeps it. These are
// the glyphs of `glyph`'s tree libharu would drop.
void collectDropped(FT_Face face, FT_UInt glyph, int depth, std::vector<FT_UInt>& dropped) {
    if (depth > 8) // malformed fonts can loop
        return;
    for (const FT_UInt component : componentsOf(face, glyph)) {
        const bool keptByLibharu = depth == 0 && component >= 1 && component <= 32767;
        if (!keptByLibharu && std::find(dropped.begin(), dropped.end(), component) == dropped.end())
            dropped.push_back(component);
        collectDropped(face, component, depth + 1, dropped);
    }
}

} // namespace

bool isBlank(char32_t c) {
    return c == 0x20 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

core::Expected<GlyphCoverage> GlyphCoverage::open(const FontSet& fonts) {
    auto faces = std::make_unique<Faces>();
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return core::Error{"render.font", core::Message(N_("cannot read the font file")), fonts.primaryPath,
                           core::Message(embeddingFix)};
    faces->library.reset(library);

    auto primary = openFace(library, fonts.primaryPath, fonts.primaryIndex);
    if (!primary)
        return primary.error();
    faces->faces[0] = std::move(primary).value();
    std::optional<core::Error> fallbackError;
    if (!fonts.fallbackPath.empty()) {
        auto fallback = openFace(library, fonts.fallbackPath, fonts.fallbackIndex);
        if (fallback)
            faces->faces[1] = std::move(fallback).value();
        else
            fallbackError = fallback.error();
    }
    GlyphCoverage coverage(std::move(faces));
    coverage.m_fallbackError = std::move(fallbackError);
    return coverage;
}

GlyphCoverage::GlyphCoverage(std::unique_ptr<Faces> faces) : m_faces(std::move(faces)) {}
GlyphCoverage::GlyphCoverage(GlyphCoverage&&) noexcept = default;
GlyphCoverage& GlyphCoverage::operator=(GlyphCoverage&&) noexcept = default;
GlyphCoverage::~GlyphCoverage() = default;

const GlyphCoverage::Entry& GlyphCoverage::lookup(char32_t c) const {
    if (const auto found = m_cache.find(c); found != m_cache.end())
        return found->second;

    Entry entry;
    if (c <= 0xFFFF && c != replacementCharacter) {
        for (const FontSlot slot : {FontSlot::Primary, FontSlot::Fallback}) {
            const FT_Face face = m_faces->faces[static_cast<std::size_t>(slot)].get();
            if (!face)
                continue;
            const FT_UInt glyph = FT_Get_Char_Index(face, c);
            if (glyph == 0)
                continue;
            // A glyph without contours prints as a blank, which the contract forbids for anything but spaces.
            if (!isBlank(c)) {
                if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE) != 0 ||
                    face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || face->glyph->outline.n_contours <= 0)
                    continue;
            }
            // Glyphs libharu would drop are kept by measuring characters mapped to them as well; a glyph
            // needing one that no character maps to cannot be embedded whole.
            std::vector<FT_UInt> dropped;
            collectDropped(face, glyph, 0, dropped);
            std::u32string companions;
            for (const FT_UInt needed : dropped) {
                const char32_t companion = characterOf(slot, needed);
                if (companion == 0)
                    break;
                companions.push_back(companion);
            }
            if (companions.size() != dropped.size())
                continue;
            FT_Fixed units = 0;
            FT_Get_Advance(face, glyph, FT_LOAD_NO_SCALE, &units);
            entry.companions = std::move(companions);
            entry.slot = slot;
            entry.advance = static_cast<int>(units * 1000 / face->units_per_EM);
            break;
        }
    }
    return m_cache.emplace(c, entry).first->second;
}

char32_t GlyphCoverage::characterOf(FontSlot slot, unsigned glyph) const {
    auto& reverse = m_faces->characterOfGlyph[static_cast<std::size_t>(slot)];
    if (reverse.empty()) {
        const FT_Face face = m_faces->faces[static_cast<std::size_t>(slot)].get();
        FT_UInt index = 0;
        // Only the BMP: libharu cannot encode the rest. The lowest character wins.
        for (FT_ULong c = FT_Get_First_Char(face, &index); index != 0 && c <= 0xFFFF;
             c = FT_Get_Next_Char(face, c, &index))
            reverse.emplace(index, static_cast<char32_t>(c));
    }
    const auto found = reverse.find(glyph);
    return found == reverse.end() ? 0 : found->second;
}

std::optional<FontSlot> GlyphCoverage::fontFor(char32_t c) const { return lookup(c).slot; }

std::u32string GlyphCoverage::companions(char32_t c) const { return lookup(c).companions; }

int GlyphCoverage::advance(FontSlot slot, char32_t c) const {
    const Entry& entry = lookup(c);
    if (entry.slot == slot)
        return entry.advance;
    const FT_Face face = m_faces->faces[static_cast<std::size_t>(slot)].get();
    if (!face)
        return 0;
    FT_Fixed units = 0;
    FT_Get_Advance(face, FT_Get_Char_Index(face, c), FT_LOAD_NO_SCALE, &units);
    return static_cast<int>(units * 1000 / face->units_per_EM);
}

} // namespace ywtb::render
