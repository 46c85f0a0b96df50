#pragma once
// Scanned pages of a case's materials: add, list in order, move, rotate and delete. Each change is one
// transaction writing the page rows, an audit entry and an outbox entry together (DESIGN.md), like a case
// change; the page's JPEG and thumbnail must already be durable in the blob store.

#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ywtb::store {

class LocalStore;

/// A page as stored. Rotation is kept, not applied to the JPEG: the PDF and the GUI turn the image when
/// they draw it, so turning a page four times gives back the same bytes.
struct PageRecord {
    std::int64_t id = 0;
    std::string uuid; ///< what the server knows the page by
    std::string caseNumber;
    std::string materialId;
    int position = 0;   ///< 1, 2, … within the material
    std::string sha256; ///< the JPEG in the blob store
    std::string thumbnailSha256;
    int width = 0; ///< pixels of the stored JPEG, before rotation
    int height = 0;
    int dpi = 0;
    std::string mode;      ///< "color", "gray", "lineart"
    int rotation = 0;      ///< 0, 90, 180, 270, clockwise
    bool blank = false;    ///< the blank-page check flagged it: the clerk decides
    std::string scannedAt; ///< ISO 8601 UTC
    std::string scannedBy; ///< staff
    std::string window;
};

/// A page to add at the end of its material; the repository numbers it.
struct NewPage {
    std::string caseNumber;
    std::string materialId;
    std::string sha256;
    std::string thumbnailSha256;
    int width = 0;
    int height = 0;
    int dpi = 0;
    std::string mode;
    bool blank = false;
};

/// Who changes pages, where and when, for the audit entry.
struct PageAuthor {
    std::string staff;
    std::string window;
    std::string at; ///< ISO 8601 UTC
};

class PageRepository {
public:
    explicit PageRepository(LocalStore& store) : m_store(store) {}

    /// Done when `materialId` is one of the materials the case's item lists; otherwise an error naming the
    /// case's materials.
    core::Expected<core::Done> checkMaterial(const std::string& caseNumber, const std::string& materialId);
    /// Adds the page after the material's last page. Refused when the material is not the item's or a blob is
    /// not in the blob store.
    core::Expected<PageRecord> add(const NewPage& page, const PageAuthor& author);
    /// The case's pages in the item's material order, then position; only `materialId`'s when not empty.
    core::Expected<std::vector<PageRecord>> list(const std::string& caseNumber,
                                                 const std::string& materialId = {});
    /// Puts the page at `position` (1-based) within its material, shifting the pages in between.
    core::Expected<PageRecord> move(const std::string& caseNumber, std::int64_t pageId, int position,
                                    const PageAuthor& author);
    /// Turns the page by `quarterTurns` × 90° clockwise (negative: anticlockwise).
    core::Expected<PageRecord> rotate(const std::string& caseNumber, std::int64_t pageId, int quarterTurns,
                                      const PageAuthor& author);
    /// Removes the page and closes the gap; its blobs stay (another page or the server may refer to them).
    core::Expected<core::Done> remove(const std::string& caseNumber, std::int64_t pageId,
                                      const PageAuthor& author);

private:
    LocalStore& m_store;
};

} // namespace ywtb::store
