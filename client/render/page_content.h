#pragma once
// What layout puts on a page, in PDF points from the bottom left: a display list the PDF writer draws
// without deciding anything, so layout is tested without libharu and the fonts it needs are known first.

#include "render/glyph_coverage.h"

#include <string>
#include <vector>

namespace ywtb::render {

/// An axis-aligned rectangle; (x, y) is its bottom left corner.
struct Rect {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

/// Text in one font on one baseline.
struct PlacedText {
    FontSlot font = FontSlot::Primary;
    double size = 0;
    double x = 0;
    double y = 0; ///< baseline
    std::string utf8;
};

/// A straight stroke.
struct StrokedLine {
    double x1 = 0;
    double y1 = 0;
    double x2 = 0;
    double y2 = 0;
    double lineWidth = 0.5;
    bool dashed = false;
};

/// A rectangle outline.
struct StrokedRect {
    Rect rect;
    double lineWidth = 0.5;
    bool dashed = false;
};

/// Rectangles filled in one grey, drawn as a single path (table shading, QR modules).
struct FilledRects {
    std::vector<Rect> rects;
    double grey = 0; ///< 0 black … 1 white
};

/// A PNG image scaled into `rect`; the bytes belong to the Document being rendered.
struct PlacedImage {
    const std::string* png = nullptr;
    Rect rect;
    std::string where; ///< for the error when the image cannot be decoded, e.g. "signature 申请人（签名）"
};

/// Everything on one page, drawn in this order: fills, images, strokes, text.
struct PageContent {
    std::vector<FilledRects> fills;
    std::vector<PlacedImage> images;
    std::vector<StrokedLine> lines;
    std::vector<StrokedRect> boxes;
    std::vector<PlacedText> texts;
};

} // namespace ywtb::render
