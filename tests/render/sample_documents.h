#pragma once
// Documents like the ones the counter prints, for the render tests.

#include "render/document_layout.h"
#include "render/glyph_coverage.h"

#include <string>

namespace ywtb::testing {

/// A 受理通知书 with every kind of block: fields, paragraphs, a table of `materialRows` rows, two
/// signatures, the seal and the QR code.
render::Document acceptanceNotice(int materialRows = 4);

/// A document whose only block is a table of `rows` rows, cells "第N行" and "材料N".
render::Document longTable(int rows);

/// A block of `kind` with `text`.
render::Block textBlock(render::BlockKind kind, std::string text);

/// A fallback test character: in WenQuanYi Zen Hei but not in AR PL UMing (checked in glyph_coverage_test).
inline constexpr const char* fallbackCharacter = "叕"; // U+53D5

/// The coverage of the default fonts (UMing, Zen Hei); fails the test when they cannot be opened.
render::GlyphCoverage defaultCoverage();

} // namespace ywtb::testing
