#include "render/font_subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <stdlib.h> // mkdtemp (POSIX)

#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace ywtb::render {

namespace {

namespace fs = std::filesystem;

struct BlobDeleter {
    void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};
struct FaceDeleter {
    void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct FontDeleter {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct InputDeleter {
    void operator()(hb_subset_input_t* input) const { hb_subset_input_destroy(input); }
};
struct PlanDeleter {
    void operator()(hb_subset_plan_t* plan) const { hb_subset_plan_destroy(plan); }
};
using BlobHandle = std::unique_ptr<hb_blob_t, BlobDeleter>;
using FaceHandle = std::unique_ptr<hb_face_t, FaceDeleter>;
using FontHandle = std::unique_ptr<hb_font_t, FontDeleter>;
using InputHandle = std::unique_ptr<hb_subset_input_t, InputDeleter>;
using PlanHandle = std::unique_ptr<hb_subset_plan_t, PlanDeleter>;

// The tables libharu 2.3 reads or copies into the PDF (REQUIRED_TAGS in hpdf_fontdef_tt.c). The rest (GSUB,
// GPOS, vmtx, UMing's embedded bitmaps...) would only cost subsetting time, and GSUB would pull the glyphs
// of every substitution of the characters (vertical forms, variants) into the subset.
constexpr std::array<std::string_view, 13> tablesLibharuReads = {
    "OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"};

struct FileStamp {
    fs::file_time_type modified;
    std::uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
};

struct CachedFace {
    FileStamp stamp;
    FaceHandle face;
};

// Parsing a face only reads the file's table directory, but the first subset of a face also builds its
// cmap and glyf accelerators; keeping the face for the life of the process keeps those for the next
// document. A font file replaced on disk (a package upgrade) is read anew, as FreeType reads it anew.
FaceHandle sourceFace(const std::string& path, int index) {
    std::error_code error;
    const FileStamp stamp{fs::last_write_time(path, error), error ? 0 : fs::file_size(path, error)};
    if (error || index < 0)
        return nullptr;

    static std::mutex mutex;
    static std::map<std::pair<std::string, int>, CachedFace> cache;
    const std::lock_guard lock(mutex);
    CachedFace& cached = cache[{path, index}];
    if (!cached.face || cached.stamp != stamp) {
        const BlobHandle blob(hb_blob_create_from_file_or_fail(path.c_str()));
        if (!blob)
            return nullptr;
        FaceHandle face(hb_face_create(blob.get(), static_cast<unsigned>(index)));
        if (hb_face_get_glyph_count(face.get()) == 0) // HarfBuzz's empty face: not a font, or no such index
            return nullptr;
        cached = CachedFace{stamp, std::move(face)};
    }
    // HarfBuzz faces are immutable and thread-safe once made; each caller holds its own reference.
    return FaceHandle(hb_face_reference(cached.face.get()));
}

void dropTablesLibharuIgnores(hb_face_t* face, hb_set_t* dropped) {
    std::array<hb_tag_t, 64> tags{};
    unsigned start = 0;
    for (;;) {
        unsigned count = tags.size();
        hb_face_get_table_tags(face, start, &count, tags.data());
        for (unsigned i = 0; i < count; ++i) {
            bool read = false;
            for (const std::string_view name : tablesLibharuReads)
                read = read || tags[i] == hb_tag_from_string(name.data(), static_cast<int>(name.size()));
            if (!read)
                hb_set_add(dropped, tags[i]);
        }
        if (count < tags.size())
            return;
        start += count;
    }
}

void appendUint16(std::string& out, unsigned value) {
    out.push_back(static_cast<char>((value >> 8) & 0xFF));
    out.push_back(static_cast<char>(value & 0xFF));
}

// libharu 2.3 builds a PDF font's widths and CIDToGIDMap by looking up all 65536 BMP code points in the
// font's format 4 cmap, scanning its segments one by one for each (HPDF_TTFontDef_GetGlyphid). HarfBuzz
// writes a segment per run of consecutive characters, ~150 for a notice, which costs ~3 ms a font. Here
// characters less than `mergedGap` apart share a segment, their gaps mapped to glyph 0 through the
// glyphIdArray: ~40 segments and 7 KB for a notice, ~1 ms. One (3,1) subtable, the only one libharu reads;
// PDF readers draw a CIDFontType2 through its CIDToGIDMap and ignore the cmap. Empty when it would not fit
// format 4's 16-bit offsets, for the caller to keep HarfBuzz's.
std::string compactCmap(const std::map<char32_t, unsigned>& glyphOf) {
    constexpr char32_t mergedGap = 128;
    struct Segment {
        char32_t first = 0;
        char32_t last = 0;
    };
    std::vector<Segment> segments;
    for (const auto& [c, glyph] : glyphOf) {
        if (!segments.empty() && c - segments.back().last <= mergedGap)
            segments.back().last = c;
        else
            segments.push_back({c, c});
    }
    const std::size_t count = segments.size() + 1; // format 4 ends with a segment for 0xFFFF
    std::size_t slots = 0;
    for (const Segment& segment : segments)
        slots += segment.last - segment.first + 1;
    const std::size_t length = 16 + 8 * count + 2 * slots;
    if (length > 0xFFFF)
        return {};

    unsigned power = 1; // largest power of 2 not above count
    unsigned log2 = 0;
    while (power * 2 <= count) {
        power *= 2;
        ++log2;
    }
    std::string table;
    appendUint16(table, 0); // cmap version
    appendUint16(table, 1); // one encoding record
    appendUint16(table, 3); // Windows
    appendUint16(table, 1); // Unicode BMP
    appendUint16(table, 0); // offset of the subtable (32 bits): 12
    appendUint16(table, 12);
    appendUint16(table, 4); // format
    appendUint16(table, static_cast<unsigned>(length));
    appendUint16(table, 0); // language
    appendUint16(table, static_cast<unsigned>(2 * count));
    appendUint16(table, 2 * power);
    appendUint16(table, log2);
    appendUint16(table, static_cast<unsigned>(2 * count - 2 * power));
    for (const Segment& segment : segments)
        appendUint16(table, segment.last);
    appendUint16(table, 0xFFFF);
    appendUint16(table, 0); // reservedPad
    for (const Segment& segment : segments)
        appendUint16(table, segment.first);
    appendUint16(table, 0xFFFF);
    for (std::size_t i = 0; i < segments.size(); ++i)
        appendUint16(table, 0); // idDelta: the glyphIdArray holds the glyph ids as they are
    appendUint16(table, 1);     // 0xFFFF + 1 wraps to glyph 0
    // idRangeOffset: bytes from this entry to the segment's first glyphIdArray entry.
    std::size_t before = 0;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        appendUint16(table, static_cast<unsigned>(2 * (count - i) + 2 * before));
        before += segments[i].last - segments[i].first + 1;
    }
    appendUint16(table, 0);
    for (const Segment& segment : segments) {
        for (char32_t c = segment.first; c <= segment.last; ++c) {
            const auto found = glyphOf.find(c);
            appendUint16(table, found == glyphOf.end() ? 0 : found->second);
        }
    }
    return table;
}

// The BMP characters of `characters` the subset of `plan` maps, and their glyphs in it.
std::map<char32_t, unsigned> subsetGlyphs(hb_subset_plan_t* plan, const std::u32string& characters) {
    const hb_map_t* unicodeToOld = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
    const hb_map_t* oldToNew = hb_subset_plan_old_to_new_glyph_mapping(plan);
    std::map<char32_t, unsigned> glyphOf;
    for (const char32_t c : characters) {
        if (c >= 0xFFFF || !hb_map_has(unicodeToOld, c))
            continue;
        const hb_codepoint_t old = hb_map_get(unicodeToOld, c);
        if (hb_map_has(oldToNew, old))
            glyphOf.emplace(c, hb_map_get(oldToNew, old));
    }
    return glyphOf;
}

// Layout measured the characters in the source font; libharu takes the widths it writes from the subset.
// Both must map each character the source maps, to a glyph as wide.
bool drawsAlike(hb_face_t* source, hb_face_t* subset, const std::u32string& characters) {
    const FontHandle from(hb_font_create(source));
    const FontHandle to(hb_font_create(subset));
    for (const char32_t c : characters) {
        hb_codepoint_t original = 0;
        hb_codepoint_t kept = 0;
        if (!hb_font_get_nominal_glyph(from.get(), c, &original))
            continue;
        if (!hb_font_get_nominal_glyph(to.get(), c, &kept) ||
            hb_font_get_glyph_h_advance(from.get(), original) != hb_font_get_glyph_h_advance(to.get(), kept))
            return false;
    }
    return true;
}

} // namespace

std::optional<std::string> subsetFont(const std::string& path, int index, const std::u32string& characters) {
    const FaceHandle source = sourceFace(path, index);
    if (!source)
        return std::nullopt;
    const InputHandle input(hb_subset_input_create_or_fail());
    if (!input)
        return std::nullopt;
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (const char32_t c : characters)
        hb_set_add(unicodes, c);
    // Glyph ids are renumbered (not HB_SUBSET_FLAGS_RETAIN_GIDS): libharu reads the new ones from the
    // subset's own cmap, and writes loca and hmtx entries for every id up to the highest, which for
    // retained ids is as many as in the whole font. Composite glyphs keep their components, renumbered too.
    // NAME_LEGACY and language 0 keep the Macintosh names libharu prefers for the PDF's BaseFont.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NAME_LEGACY);
    hb_set_add(hb_subset_input_set(input.get(), HB_SUBSET_SETS_NAME_LANG_ID), 0);
    dropTablesLibharuIgnores(source.get(), hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG));

    const PlanHandle plan(hb_subset_plan_create_or_fail(source.get(), input.get()));
    if (!plan)
        return std::nullopt;
    const FaceHandle built(hb_subset_plan_execute_or_fail(plan.get()));
    if (!built)
        return std::nullopt;
    if (const std::string cmap = compactCmap(subsetGlyphs(plan.get(), characters)); !cmap.empty()) {
        const BlobHandle blob(hb_blob_create(cmap.data(), static_cast<unsigned>(cmap.size()),
                                             HB_MEMORY_MODE_DUPLICATE, nullptr, nullptr));
        // Replaces the cmap HarfBuzz made.
        hb_face_builder_add_table(built.get(), hb_tag_from_string("cmap", 4), blob.get());
    }
    const BlobHandle bytes(hb_face_reference_blob(built.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    if (length == 0)
        return std::nullopt;
    // Read back from the bytes written, as libharu will read them.
    const FaceHandle subset(hb_face_create(bytes.get(), 0));
    if (!drawsAlike(source.get(), subset.get(), characters))
        return std::nullopt;
    return std::string(data, length);
}

SubsetFontFiles::~SubsetFontFiles() {
    if (m_dir.empty())
        return;
    std::error_code ignored; // a file left in the temporary directory is not worth failing a print for
    fs::remove_all(m_dir, ignored);
}

std::optional<std::string> SubsetFontFiles::write(const std::string& name, const std::string& font) {
    if (m_dir.empty()) {
        std::error_code error;
        std::string pattern = (fs::temp_directory_path(error) / "ywtb-fonts-XXXXXX").string();
        if (error || !::mkdtemp(pattern.data()))
            return std::nullopt;
        m_dir = pattern;
    }
    const fs::path file = m_dir / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(font.data(), static_cast<std::streamsize>(font.size()));
    out.close();
    if (!out)
        return std::nullopt;
    return file.string();
}

} // namespace ywtb::render
