#pragma once
// Per-document subsets of the TrueType fonts libharu embeds, made with HarfBuzz's subsetter. libharu 2.3
// parses every glyph's metrics and outline offsets of the font it loads and writes all of them into the
// PDF, so a whole CJK font costs ~50 ms and ~200 KB a document; a font holding only the glyphs the document
// draws costs a few milliseconds and kilobytes.

#include <filesystem>
#include <optional>
#include <string>

namespace ywtb::render {

/// The font at `index` of `path` (a .ttf, or a .ttc and its index) cut down to the glyphs of `characters`
/// and the glyphs those are built from, as the bytes of a .ttf: glyphs renumbered, hinting and every table
/// libharu does not read dropped, the cmap mapping `characters` and the advance widths unchanged. Nothing
/// when HarfBuzz cannot read or subset the font, or the result would draw a character differently; the
/// caller then embeds the whole font.
std::optional<std::string> subsetFont(const std::string& path, int index, const std::u32string& characters);

/// A private directory (mode 0700 under the system temporary directory) for the subset fonts of one
/// document, removed with its files when destroyed: libharu 2.3 loads a TrueType font only from a file and
/// reads that file again when it writes the PDF, so it must outlive the HPDF_Doc.
class SubsetFontFiles {
public:
    SubsetFontFiles() = default;
    ~SubsetFontFiles();
    SubsetFontFiles(const SubsetFontFiles&) = delete;
    SubsetFontFiles& operator=(const SubsetFontFiles&) = delete;

    /// Writes `font` as `name` in the directory, creating it on first use; nothing when that fails.
    std::optional<std::string> write(const std::string& name, const std::string& font);

private:
    std::filesystem::path m_dir;
};

} // namespace ywtb::render
