#pragma once
// Every string of a Document that ends up on paper, and the check that the fonts can print all of it.

#include "core/error.h"
#include "render/document_layout.h"
#include "render/glyph_coverage.h"

#include <string>
#include <vector>

namespace ywtb::render {

/// A string that is printed, and where it comes from (for the error that names it).
struct PrintedText {
    const std::string* text = nullptr;
    std::string where;
};

/// The strings of `document` that are printed; the QR payload is encoded, not printed, so it is not one.
std::vector<PrintedText> printedTexts(const Document& document);

/// The characters of `document` (and of the fixed wording the layout adds) that `coverage` cannot print,
/// each once, in order of appearance.
std::vector<char32_t> missingCharacters(const Document& document, const GlyphCoverage& coverage);

/// The error renderPdf returns for `missing` (not empty): names each character as "𠮷 (U+20BB7)" and the
/// first text containing one.
core::Error unprintableError(const Document& document, const std::vector<char32_t>& missing);

} // namespace ywtb::render
