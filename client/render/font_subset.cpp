#include "render/font_subset.h"

#include <array>
#include <filesystem>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
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

// The tables a PDF reader uses of an embedded TrueType program (ISO 32000-1, 9.9: glyf, head, hhea, hmtx,
// loca, maxp, and the hinting tables cvt, fpgm, prep, dropped here with the hints), and cmap and OS/2, which
// checks and font tools read. The rest (GSUB, GPOS, vmtx, UMing's embedded bitmaps...) would only cost
// subsetting time, and GSUB would pull the glyphs of every substitution of the characters (vertical forms,
// variants) into the subset.
constexpr std::array<std::string_view, 8> tablesEmbedded = {"OS/2", "cmap", "glyf", "head",
                                                            "hhea", "hmtx", "loca", "maxp"};

void dropTablesNotEmbedded(hb_face_t* face, hb_set_t* dropped) {
    std::array<hb_tag_t, 64> tags{};
    unsigned start = 0;
    for (;;) {
        unsigned count = tags.size();
        hb_face_get_table_tags(face, start, &count, tags.data());
        for (unsigned i = 0; i < count; ++i) {
            bool kept = false;
            for (const std::string_view name : tablesEmbedded)
                kept = kept || tags[i] == hb_tag_from_string(name.data(), static_cast<int>(name.size()));
            if (!kept)
                hb_set_add(dropped, tags[i]);
        }
        if (count < tags.size())
            return;
        start += count;
    }
}

// Layout measured the characters in the source font; the PDF takes the widths it writes from the subset.
// Both must map each character the source maps, to a glyph as wide.
bool drawsAlike(hb_font_t* from, hb_font_t* to, const std::u32string& characters) {
    for (const char32_t c : characters) {
        hb_codepoint_t original = 0;
        hb_codepoint_t kept = 0;
        if (!hb_font_get_nominal_glyph(from, c, &original))
            continue;
        if (!hb_font_get_nominal_glyph(to, c, &kept) ||
            hb_font_get_glyph_h_advance(from, original) != hb_font_get_glyph_h_advance(to, kept))
            return false;
    }
    return true;
}

// A PDF name may hold printable ASCII other than delimiters; PostScript names are meant to be so already.
std::string postscriptName(hb_face_t* face) {
    std::array<char, 64> buffer{};
    unsigned length = buffer.size();
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, buffer.data());
    std::string name;
    for (const char ch : std::string_view(buffer.data(), length))
        if (ch > ' ' && ch < 0x7F && std::string_view("()<>[]{}/%#").find(ch) == std::string_view::npos)
            name.push_back(ch);
    return name.empty() ? "Font" : name;
}

int thousandths(hb_position_t units, int unitsPerEm) {
    return static_cast<int>(units * 1000 / unitsPerEm);
}

std::int16_t int16At(const char* data, unsigned offset) {
    return static_cast<std::int16_t>((static_cast<unsigned char>(data[offset]) << 8) |
                                     static_cast<unsigned char>(data[offset + 1]));
}

// Metrics of the FontDescriptor, read from the subset as the PDF reader will see it.
void readMetrics(hb_face_t* face, hb_font_t* font, FontSubset& subset) {
    const int upem = subset.unitsPerEm;
    hb_position_t value = 0;
    if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &value))
        subset.ascent = thousandths(value, upem);
    if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &value))
        subset.descent = thousandths(value, upem);
    subset.capHeight = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &value) && value > 0
                           ? thousandths(value, upem)
                           : subset.ascent * 7 / 10;
    const BlobHandle head(hb_face_reference_table(face, hb_tag_from_string("head", 4)));
    unsigned length = 0;
    const char* data = hb_blob_get_data(head.get(), &length);
    if (length >= 44) // xMin, yMin, xMax, yMax at 36
        for (unsigned i = 0; i < 4; ++i)
            subset.bbox[i] = thousandths(int16At(data, 36 + 2 * i), upem);
}

} // namespace

std::optional<FontSubset> subsetFont(const std::string& path, int index, const std::u32string& characters) {
    const FaceHandle source = sourceFace(path, index);
    if (!source)
        return std::nullopt;
    const InputHandle input(hb_subset_input_create_or_fail());
    if (!input)
        return std::nullopt;
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (const char32_t c : characters)
        hb_set_add(unicodes, c);
    // Glyph ids are renumbered (not HB_SUBSET_FLAGS_RETAIN_GIDS): the PDF draws glyphs by id through an
    // identity CIDToGIDMap, so small ids keep the widths array and the ToUnicode map short.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    dropTablesNotEmbedded(source.get(), hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG));

    const PlanHandle plan(hb_subset_plan_create_or_fail(source.get(), input.get()));
    if (!plan)
        return std::nullopt;
    const FaceHandle built(hb_subset_plan_execute_or_fail(plan.get()));
    if (!built)
        return std::nullopt;
    const BlobHandle bytes(hb_face_reference_blob(built.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    if (length == 0)
        return std::nullopt;

    // Everything below is read back from the bytes written, as the PDF reader will read them.
    const FaceHandle face(hb_face_create(bytes.get(), 0));
    const FontHandle font(hb_font_create(face.get()));
    const FontHandle original(hb_font_create(source.get()));
    if (!drawsAlike(original.get(), font.get(), characters))
        return std::nullopt;
    FontSubset subset;
    subset.unitsPerEm = static_cast<int>(hb_face_get_upem(face.get()));
    if (subset.unitsPerEm <= 0)
        return std::nullopt;
    for (const char32_t c : characters) {
        hb_codepoint_t glyph = 0;
        if (hb_font_get_nominal_glyph(font.get(), c, &glyph))
            subset.glyphOf.emplace(
                c, FontSubset::Glyph{glyph, thousandths(hb_font_get_glyph_h_advance(font.get(), glyph),
                                                        subset.unitsPerEm)});
    }
    subset.postscriptName = postscriptName(source.get());
    readMetrics(face.get(), font.get(), subset);
    subset.bytes.assign(data, length);
    return subset;
}

} // namespace ywtb::render
