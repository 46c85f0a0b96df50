#pragma once
// Which font of a FontSet draws each character, and how wide it is, read with FreeType from the same
// files the PDF embeds (subsets of them, font_subset.h), so that layout and the PDF agree.

#include "core/error.h"
#include "render/document_layout.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace ywtb::render {

/// A font of the FontSet; text runs name the one they are drawn with.
enum class FontSlot : std::uint8_t { Primary = 0, Fallback = 1 };

/// The characters each font of a FontSet can draw, and their advance widths.
class GlyphCoverage {
public:
    /// Opens the faces of `fonts`; fails naming the primary font file when it cannot be read or cannot be
    /// embedded. A fallback with such a problem is left out and its error kept, so that documents which do
    /// not need it still print. An empty fallbackPath means no fallback.
    static core::Expected<GlyphCoverage> open(const FontSet& fonts);

    /// The coverage of `fonts` opened once for the process and shared, so that each document does not look
    /// its characters up again; opened anew when a font file changes on disk (a package upgrade). Safe to
    /// use from several threads.
    static core::Expected<std::shared_ptr<const GlyphCoverage>> shared(const FontSet& fonts);

    GlyphCoverage(GlyphCoverage&&) noexcept;
    GlyphCoverage& operator=(GlyphCoverage&&) noexcept;
    ~GlyphCoverage();

    /// The font that draws `c`: the primary when it has a visible glyph, else the fallback; none when
    /// neither has (U+FFFD, what malformed UTF-8 becomes, never has).
    std::optional<FontSlot> fontFor(char32_t c) const;

    /// Advance width of `c` in `slot`, in thousandths of an em, rounded down (the PDF's widths are too).
    int advance(FontSlot slot, char32_t c) const;

    /// Why the fallback font was left out, when it was.
    const std::optional<core::Error>& fallbackError() const { return m_fallbackError; }

private:
    struct Faces;
    struct Entry {
        std::optional<FontSlot> slot;
        int advance = 0;
    };

    explicit GlyphCoverage(std::unique_ptr<Faces> faces);
    /// What the fonts say of `c`; takes the faces' lock (FreeType faces are not thread-safe).
    Entry lookup(char32_t c) const;

    std::unique_ptr<Faces> m_faces;
    std::optional<core::Error> m_fallbackError;
    mutable std::unordered_map<char32_t, Entry> m_cache; ///< guarded by the faces' lock
};

/// True for the space characters that legitimately have no outline.
bool isBlank(char32_t c);

} // namespace ywtb::render
