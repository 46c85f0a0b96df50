#pragma once
// Scanned pages as one PDF, for upload and the archive: each JPEG embedded as it is (no re-encoding), on a
// page of the paper's real size from its pixels and dpi, turned by the page's rotation; one outline entry
// (bookmark) per section, i.e. per material.

#include "core/error.h"

#include <string>
#include <vector>

namespace ywtb::render {

/// One scanned page: the JPEG from the blob store and how to place it.
struct ScanPdfPage {
    std::string jpeg;
    int width = 0; ///< pixels, as stored
    int height = 0;
    int dpi = 0;      ///< gives the size on paper: width / dpi inches
    int rotation = 0; ///< 0, 90, 180, 270, clockwise
};

/// The pages of one material, under a bookmark titled `title`.
struct ScanPdfSection {
    std::string title; ///< UTF-8
    std::vector<ScanPdfPage> pages;
};

/// The PDF bytes: the sections in order, each section's pages in order. An error when there is no page at
/// all, or a page's image is not a JPEG libharu can embed.
core::Expected<std::string> scanPdf(const std::vector<ScanPdfSection>& sections, const std::string& title);

} // namespace ywtb::render
