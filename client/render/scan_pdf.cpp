#include "render/scan_pdf.h"

#include <cstdio>
#include <hpdf.h>
#include <memory>

namespace ywtb::render {

using core::Error;
using core::Message;

namespace {

struct HaruStatus {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void onError(HPDF_STATUS error, HPDF_STATUS detail, void* data) {
    // Called from C: record the first failure and return; each step is checked after.
    auto* status = static_cast<HaruStatus*>(data);
    if (status->error == HPDF_OK)
        *status = {error, detail};
}

struct DocDeleter {
    void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};

std::string hex(HPDF_STATUS status) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%04X", static_cast<unsigned>(status));
    return buffer;
}

Error haruError(const HaruStatus& status, const std::string& where) {
    return Error{"pdf.libharu",
                 Message(N_("libharu could not write the PDF (error {code}, detail {detail})"),
                         {{"code", hex(status.error)}, {"detail", std::to_string(status.detail)}}),
                 where, Message(N_("scan the page again; if it persists, report the error code"))};
}

HPDF_REAL pointsOf(int pixels, int dpi) {
    return static_cast<HPDF_REAL>(pixels * 72.0 / dpi);
}

} // namespace

core::Expected<std::string> scanPdf(const std::vector<ScanPdfSection>& sections, const std::string& title) {
    std::size_t pageCount = 0;
    for (const auto& section : sections)
        pageCount += section.pages.size();
    if (pageCount == 0)
        return Error{"pdf.no_pages", Message(N_("there are no scanned pages to put into the PDF")), title,
                     Message(N_("scan the materials first, with: scan --case CASE --material ID"))};
    HaruStatus status;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter> doc(HPDF_New(onError, &status));
    if (!doc)
        return haruError({HPDF_FAILD_TO_ALLOC_MEM, 0}, title);
    // The JPEGs are compressed already; the page streams are a few bytes each.
    HPDF_SetCompressionMode(doc.get(), HPDF_COMP_NONE);
    HPDF_UseUTFEncodings(doc.get());
    HPDF_Encoder utf8 = HPDF_GetEncoder(doc.get(), "UTF-8");
    HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "ywtb-counter");
    HPDF_SetPageMode(doc.get(), HPDF_PAGE_MODE_USE_OUTLINE);
    if (status.error != HPDF_OK)
        return haruError(status, title);

    int number = 0;
    for (const auto& section : sections) {
        HPDF_Outline outline = nullptr;
        if (!section.pages.empty())
            outline = HPDF_CreateOutline(doc.get(), nullptr, section.title.c_str(), utf8);
        bool first = true;
        for (const auto& p : section.pages) {
            ++number;
            const std::string where = section.title + " #" + std::to_string(number);
            if (p.width <= 0 || p.height <= 0 || p.dpi <= 0)
                return Error{
                    "pdf.page_size",
                    Message(N_("page {page} has no size or resolution"), {{"page", std::to_string(number)}}),
                    where, Message(N_("scan the page again"))};
            HPDF_Image image =
                HPDF_LoadJpegImageFromMem(doc.get(), reinterpret_cast<const HPDF_BYTE*>(p.jpeg.data()),
                                          static_cast<HPDF_UINT>(p.jpeg.size()));
            if (!image || status.error != HPDF_OK)
                return Error{"pdf.image",
                             Message(N_("page {page} is not a JPEG image that can go into a PDF"),
                                     {{"page", std::to_string(number)}}),
                             where, Message(N_("delete the page and scan it again"))};
            const HPDF_REAL w = pointsOf(p.width, p.dpi);
            const HPDF_REAL h = pointsOf(p.height, p.dpi);
            const bool sideways = p.rotation == 90 || p.rotation == 270;
            HPDF_Page page = HPDF_AddPage(doc.get());
            HPDF_Page_SetWidth(page, sideways ? h : w);
            HPDF_Page_SetHeight(page, sideways ? w : h);
            HPDF_Page_GSave(page);
            // Turning clockwise: 90° puts the image's left edge at the top, 270° at the bottom.
            if (p.rotation == 90)
                HPDF_Page_Concat(page, 0, -1, 1, 0, 0, w);
            else if (p.rotation == 180)
                HPDF_Page_Concat(page, -1, 0, 0, -1, w, h);
            else if (p.rotation == 270)
                HPDF_Page_Concat(page, 0, 1, -1, 0, h, 0);
            HPDF_Page_DrawImage(page, image, 0, 0, w, h);
            HPDF_Page_GRestore(page);
            if (first && outline)
                HPDF_Outline_SetDestination(outline, HPDF_Page_CreateDestination(page));
            first = false;
            if (status.error != HPDF_OK)
                return haruError(status, where);
        }
    }
    HPDF_SaveToStream(doc.get());
    HPDF_UINT32 size = HPDF_GetStreamSize(doc.get());
    std::string bytes(size, '\0');
    if (status.error == HPDF_OK)
        HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    if (status.error != HPDF_OK || size != bytes.size())
        return haruError(status, title);
    return bytes;
}

} // namespace ywtb::render
