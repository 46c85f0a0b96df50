#pragma once
// Which font of a FontSet draws each character, and how wide it is, read with FreeType from the same
// files libharu embeds, so that layout and the PDF agree.

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

    GlyphCoverage(GlyphCoverage&&) noexcept;
    GlyphCoverage& operator=(GlyphCoverage&&) noexcept;
    ~GlyphCoverage();

    /// The font that draws `c`: the primary when it has a visible glyph, else the fallback; none when
    /// neither has, or when libharu 2.3 cannot draw it at all (beyond U+FFFF, its UTF-8 encoder emits a space).
    std::optional<FontSlot> fontFor(char32_t c) const;

    /// Advance width of `c` in `slot`, in thousandths of an em, rounded down as libharu rounds it.
    int advance(FontSlot slot, char32_t c) const;

    /// Characters whose glyphs libharu must also be told about so that it embeds the whole of the glyph
    /// for `c` in the font fontFor(c) gives (see glyph_coverage.cpp); usually none.
    std::u32string companions(char32_t c) const;

    /// Why the fallback font was left out, when it was.
    const std::optional<core::Error>& fallbackError() const { return m_fallbackError; }

private:
    struct Faces;
    struct Entry {
        std::optional<FontSlot> slot;
        int advance = 0;
        std::u32string companions;
    };

    explicit GlyphCoverage(std::unique_ptr<Faces> faces);
    const Entry& lookup(char32_t c) const;
    /// A character mapped to `glyph` in the face of `slot`, or 0 when none is.
    char32_t characterOf(FontSlot slot, unsigned glyph) const;

    std::unique_ptr<Faces> m_faces;
    std::optional<core::Error> m_fallbackError;
    mutable std::unordered_map<char32_t, Entry> m_cache;
};

/// True for the space characters that legitimately have no outline.
bool isBlank(char32_t c);

} // namespace ywtb::render
