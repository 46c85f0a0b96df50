#include "render/glyph_coverage.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <array>
#include <filesystem>
#include <map>
#include <mutex>
#include <string_view>
#include <tuple>

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

bool hasTrueTypeOutlines(FT_Face face) {
    FT_ULong length = 0;
    return FT_IS_SFNT(face) && FT_Load_Sfnt_Table(face, TTAG_glyf, 0, nullptr, &length) == 0 && length > 0;
}

core::Expected<FaceHandle> openFace(FT_Library library, const std::string& path, int index) {
    FT_Face face = nullptr;
    if (FT_New_Face(library, path.c_str(), index, &face) != 0)
        return core::Error{"render.font", core::Message(N_("cannot read the font file")), path,
                           core::Message(N_("install fonts-arphic-uming and fonts-wqy-zenhei, or correct "
                                            "the font path in the configuration"))};
    FaceHandle handle(face);
    // Documents embed TrueType programs (FontFile2); CFF-flavoured OpenType (Noto CJK) would need FontFile3.
    if (!hasTrueTypeOutlines(face))
        return core::Error{"render.font",
                           core::Message(N_("this font has no TrueType outlines to embed in a PDF")), path,
                           core::Message(embeddingFix)};
    // The Unicode cmap with the most characters (beyond U+FFFF too), as HarfBuzz picks it when subsetting.
    FT_Select_Charmap(face, FT_ENCODING_UNICODE);
    return handle;
}

} // namespace

struct GlyphCoverage::Faces {
    LibraryHandle library;
    std::array<FaceHandle, 2> faces; ///< indexed by FontSlot; the fallback may be empty
    std::mutex lock;                 ///< for the faces and the coverage's cache
};

bool isBlank(char32_t c) {
    return c == 0x20 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F;
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

GlyphCoverage::Entry GlyphCoverage::lookup(char32_t c) const {
    const std::lock_guard guard(m_faces->lock);
    if (const auto found = m_cache.find(c); found != m_cache.end())
        return found->second;

    Entry entry;
    if (c != replacementCharacter) {
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
            FT_Fixed units = 0;
            FT_Get_Advance(face, glyph, FT_LOAD_NO_SCALE, &units);
            entry.slot = slot;
            entry.advance = static_cast<int>(units * 1000 / face->units_per_EM);
            break;
        }
    }
    m_cache.emplace(c, entry);
    return entry;
}

std::optional<FontSlot> GlyphCoverage::fontFor(char32_t c) const {
    return lookup(c).slot;
}

int GlyphCoverage::advance(FontSlot slot, char32_t c) const {
    const Entry entry = lookup(c);
    if (entry.slot == slot)
        return entry.advance;
    const std::lock_guard guard(m_faces->lock);
    const FT_Face face = m_faces->faces[static_cast<std::size_t>(slot)].get();
    if (!face)
        return 0;
    FT_Fixed units = 0;
    FT_Get_Advance(face, FT_Get_Char_Index(face, c), FT_LOAD_NO_SCALE, &units);
    return static_cast<int>(units * 1000 / face->units_per_EM);
}

namespace {

struct FileStamp {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
};

FileStamp stampOf(const std::string& path) {
    std::error_code error;
    FileStamp stamp{std::filesystem::last_write_time(path, error), 0};
    if (!error)
        stamp.size = std::filesystem::file_size(path, error);
    return error ? FileStamp{} : stamp;
}

} // namespace

core::Expected<std::shared_ptr<const GlyphCoverage>> GlyphCoverage::shared(const FontSet& fonts) {
    struct Cached {
        std::array<FileStamp, 2> stamps;
        std::shared_ptr<const GlyphCoverage> coverage;
    };
    static std::mutex mutex;
    static std::map<std::tuple<std::string, int, std::string, int>, Cached> cache;

    const std::array<FileStamp, 2> stamps{stampOf(fonts.primaryPath), stampOf(fonts.fallbackPath)};
    const std::lock_guard guard(mutex);
    Cached& cached = cache[{fonts.primaryPath, fonts.primaryIndex, fonts.fallbackPath, fonts.fallbackIndex}];
    if (!cached.coverage || cached.stamps != stamps) {
        auto opened = open(fonts);
        if (!opened)
            return opened.error(); // not kept: the fonts may be installed a moment later
        cached = Cached{stamps, std::make_shared<const GlyphCoverage>(std::move(opened).value())};
    }
    return cached.coverage;
}

} // namespace ywtb::render
