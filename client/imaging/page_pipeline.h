#pragma once
// What happens to a scanned page before it is stored: crop to the paper, blank-page check, deskew,
// optional grey or black-and-white, JPEG at a set quality, and a thumbnail for the GUI.
// Built on leptonica and libjpeg-turbo; see README.md in this folder for the order and the thresholds.

#include "core/error.h"
#include "imaging/raster.h"

#include <string>

namespace ywtb::imaging {

/// What to do with a page the blank-page check finds empty.
enum class BlankAction {
    Keep, ///< do not check
    Flag, ///< keep it and say it looks blank (the GUI asks the clerk)
    Drop, ///< leave it out (the back sides of a duplex run)
};

/// When a page counts as blank: little enough ink inside the margins, specks not counted.
struct BlankPageRule {
    BlankAction action = BlankAction::Flag;
    /// Grey level (0–255) below which a pixel counts as ink.
    int inkThreshold = 160;
    /// Blank when at most this share of the area inside the margins is ink, dust left out: 0.0002 is about
    /// 10 mm² on A4, so a lone signature or a short handwritten note keeps its page.
    double maxInkFraction = 0.0002;
    /// Share of width and height left out on each side: punch holes, shadows of the edge.
    double marginFraction = 0.05;
    /// Ink blobs no larger than this (in mm, both ways) are dust, not writing.
    double speckMm = 0.6;
};

/// The colour of the stored page.
enum class OutputColour { AsScanned, Gray, BlackAndWhite };

struct PipelineSettings {
    /// Crop off a dark scanner background around the paper: only when what is cut off is dark and even, so
    /// dark print at the edge of a page stays. A white background cannot be told from paper and stays.
    bool cropToPaper = true;
    /// Grey level (0–255) above which a pixel can be paper when cropping.
    int paperThreshold = 128;
    BlankPageRule blank;
    bool deskew = true;
    /// Skews smaller than this (degrees) are left alone.
    double minSkewDegrees = 0.1;
    /// Leptonica's confidence in the skew it found; below this the page is left as is (text too sparse).
    double minSkewConfidence = 3.0;
    /// Turn the page by area mapping (interpolated, smoother edges; a new image, and over ten times the
    /// instructions of the default turn) instead of moving whole pixels in place by shears; at 300 dpi the
    /// difference is hard to see on print, and the fast way keeps a page under 150 ms on one core.
    bool smoothRotation = false;
    OutputColour colour = OutputColour::AsScanned;
    /// Grey level (0–255) below which a pixel turns black in black-and-white output.
    int blackWhiteThreshold = 160;
    int jpegQuality = 85;        ///< 1–100
    int thumbnailLongSide = 256; ///< pixels
    int thumbnailQuality = 75;
};

enum class PageVerdict { Kept, FlaggedBlank, DroppedBlank };

/// The page after the pipeline, ready to store.
struct ProcessedPage {
    PageVerdict verdict = PageVerdict::Kept;
    double inkFraction = 0; ///< what the blank-page check measured (page_analysis.h inkFraction)
    double skewDegrees =
        0; ///< the turn that straightens the page (pixRotate's sense): -3 for a page lying turned by +3
    double skewConfidence = 0;
    bool deskewed = false; ///< the page was turned by skewDegrees
    bool cropped = false;
    int width = 0; ///< pixels of the stored image
    int height = 0;
    int resolution = 0; ///< dpi, as scanned
    std::string jpeg;   ///< empty when the page was dropped
    std::string thumbnailJpeg;
    int thumbnailWidth = 0;
    int thumbnailHeight = 0;
};

/// Runs the pipeline on one page. Errors only for a raster that does not hold what it claims, or a
/// library failure; a blank or crooked page is a verdict, not an error.
core::Expected<ProcessedPage> processPage(const RasterView& page, const PipelineSettings& settings);

} // namespace ywtb::imaging
