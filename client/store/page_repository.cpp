#include "store/page_repository.h"

#include "core/case_json.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UUIDGenerator.h>
#include <algorithm>
#include <optional>
#include <sstream>

namespace ywtb::store {

using core::Error;
using core::Message;

namespace {

constexpr const char* kColumns =
    "id, uuid, case_number, material_id, position, sha256, thumbnail_sha256, width, height, dpi, mode, "
    "rotation, blank, scanned_at, scanned_by, window_id";

PageRecord read(const Statement& s) {
    PageRecord p;
    p.id = s.integer(0);
    p.uuid = s.text(1);
    p.caseNumber = s.text(2);
    p.materialId = s.text(3);
    p.position = static_cast<int>(s.integer(4));
    p.sha256 = s.text(5);
    p.thumbnailSha256 = s.text(6);
    p.width = static_cast<int>(s.integer(7));
    p.height = static_cast<int>(s.integer(8));
    p.dpi = static_cast<int>(s.integer(9));
    p.mode = s.text(10);
    p.rotation = static_cast<int>(s.integer(11));
    p.blank = s.integer(12) != 0;
    p.scannedAt = s.text(13);
    p.scannedBy = s.text(14);
    p.window = s.text(15);
    return p;
}

Error unknownCase(const std::string& number) {
    return Error{"case.unknown",
                 Message(N_("there is no case {number}"), {{"number", number}}),
                 {},
                 Message(N_("check the number on the applicant's notice, or find the case with: case list"))};
}

Error unknownPage(const std::string& caseNumber, std::int64_t id) {
    return Error{
        "page.unknown",
        Message(N_("case {case} has no page {page}"), {{"case", caseNumber}, {"page", std::to_string(id)}}),
        {},
        Message(N_("list the case's pages with: pages {case}"), {{"case", caseNumber}})};
}

/// The material ids of the case's item, in the item's order.
core::Expected<std::vector<std::string>> materialsOf(Database& db, const std::string& caseNumber) {
    auto row = loadCase(db, caseNumber);
    if (!row)
        return unknownCase(caseNumber);
    auto c = core::caseFromJson(row->body, "intake_case " + caseNumber);
    if (!c)
        return c.error();
    std::vector<std::string> ids;
    for (const auto& m : c->item.materials)
        ids.push_back(m.id);
    return ids;
}

std::vector<PageRecord> pagesOf(Database& db, const std::string& caseNumber, const std::string& materialId) {
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM scanned_page WHERE case_number = ? AND material_id = ? ORDER BY position, id");
    s.bind(1, caseNumber).bind(2, materialId);
    std::vector<PageRecord> out;
    while (s.step())
        out.push_back(read(s));
    return out;
}

std::optional<PageRecord> pageById(Database& db, const std::string& caseNumber, std::int64_t id) {
    Statement s(db,
                std::string("SELECT ") + kColumns + " FROM scanned_page WHERE id = ? AND case_number = ?");
    s.bind(1, id).bind(2, caseNumber);
    if (!s.step())
        return std::nullopt;
    return read(s);
}

Poco::JSON::Object::Ptr pageJson(const PageRecord& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("uuid", p.uuid);
    o->set("material_id", p.materialId);
    o->set("position", p.position);
    o->set("sha256", p.sha256);
    o->set("thumbnail_sha256", p.thumbnailSha256);
    o->set("width", p.width);
    o->set("height", p.height);
    o->set("dpi", p.dpi);
    o->set("mode", p.mode);
    o->set("rotation", p.rotation);
    o->set("blank", p.blank);
    o->set("scanned_at", p.scannedAt);
    o->set("scanned_by", p.scannedBy);
    o->set("window", p.window);
    return o;
}

/// The outbox payload: the page changed and the material's order after the change (page uuids), so the server
/// needs no earlier state to apply it.
std::string payload(const std::string& caseNumber, const std::string& materialId,
                    const Poco::JSON::Object::Ptr& page, const std::vector<PageRecord>& order) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("case_number", caseNumber);
    o->set("material_id", materialId);
    o->set("page", page);
    Poco::JSON::Array::Ptr uuids = new Poco::JSON::Array;
    for (const auto& p : order)
        uuids->add(p.uuid);
    o->set("order", uuids);
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

void record(Transaction& tx, const PageAuthor& author, const std::string& action,
            const std::string& caseNumber, const std::string& detail, const std::string& before,
            const std::string& after, const std::string& json) {
    appendAudit(tx, {.at = author.at,
                     .staff = author.staff,
                     .window = author.window,
                     .action = action,
                     .subject = caseNumber,
                     .detail = detail,
                     .before = before,
                     .after = after});
    appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(), caseNumber,
                      action, json, author.at});
}

/// Writes positions 1…n in the order of `pages`.
void renumber(Transaction& tx, std::vector<PageRecord>& pages) {
    Statement s(tx.db(), "UPDATE scanned_page SET position = ? WHERE id = ?");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        pages[i].position = static_cast<int>(i + 1);
        s.bind(1, static_cast<std::int64_t>(i + 1)).bind(2, pages[i].id);
        s.run();
        s.reset();
    }
}

std::string shortName(const std::string& sha256) {
    return sha256.substr(0, 12);
}

} // namespace

core::Expected<core::Done> PageRepository::checkMaterial(const std::string& caseNumber,
                                                         const std::string& materialId) {
    try {
        auto ids = materialsOf(m_store.db(), caseNumber);
        if (!ids)
            return ids.error();
        if (std::find(ids->begin(), ids->end(), materialId) != ids->end())
            return core::Done{};
        std::string listed;
        for (const auto& id : *ids)
            listed += (listed.empty() ? "" : ", ") + id;
        return Error{"page.material",
                     Message(N_("the item of case {case} lists no material {material}"),
                             {{"case", caseNumber}, {"material", materialId}}),
                     {},
                     Message(N_("scan onto one of its materials: {materials}"), {{"materials", listed}})};
    } catch (const StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<PageRecord> PageRepository::add(const NewPage& page, const PageAuthor& author) {
    if (auto listed = checkMaterial(page.caseNumber, page.materialId); !listed)
        return listed.error();
    for (const auto* sha : {&page.sha256, &page.thumbnailSha256})
        if (!m_store.blobs().contains(*sha))
            return Error{"page.blob_missing",
                         Message(N_("the page image {name} is not in the blob store"), {{"name", *sha}}),
                         m_store.blobs().dir().string(),
                         Message(N_("store the image before the page that points at it"))};
    if (page.width <= 0 || page.height <= 0 || page.dpi <= 0)
        return Error{"page.size",
                     Message(N_("a page of {width} × {height} pixels at {dpi} dpi cannot be stored"),
                             {{"width", std::to_string(page.width)},
                              {"height", std::to_string(page.height)},
                              {"dpi", std::to_string(page.dpi)}}),
                     {},
                     Message(N_("scan the page again"))};
    try {
        Transaction tx(m_store.db());
        PageRecord p;
        p.uuid = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
        p.caseNumber = page.caseNumber;
        p.materialId = page.materialId;
        p.position = static_cast<int>(pagesOf(tx.db(), page.caseNumber, page.materialId).size()) + 1;
        p.sha256 = page.sha256;
        p.thumbnailSha256 = page.thumbnailSha256;
        p.width = page.width;
        p.height = page.height;
        p.dpi = page.dpi;
        p.mode = page.mode;
        p.blank = page.blank;
        p.scannedAt = author.at;
        p.scannedBy = author.staff;
        p.window = author.window;
        Statement s(tx.db(), "INSERT INTO scanned_page (uuid, case_number, material_id, position, sha256, "
                             "thumbnail_sha256, width, height, "
                             "dpi, mode, rotation, blank, scanned_at, scanned_by, window_id) VALUES "
                             "(?,?,?,?,?,?,?,?,?,?,0,?,?,?,?)");
        s.bind(1, p.uuid)
            .bind(2, p.caseNumber)
            .bind(3, p.materialId)
            .bind(4, static_cast<std::int64_t>(p.position));
        s.bind(5, p.sha256)
            .bind(6, p.thumbnailSha256)
            .bind(7, static_cast<std::int64_t>(p.width))
            .bind(8, static_cast<std::int64_t>(p.height));
        s.bind(9, static_cast<std::int64_t>(p.dpi))
            .bind(10, p.mode)
            .bind(11, static_cast<std::int64_t>(p.blank ? 1 : 0));
        s.bind(12, p.scannedAt).bind(13, p.scannedBy).bind(14, p.window);
        s.run();
        p.id = tx.db().lastInsertRowId();
        const auto order = pagesOf(tx.db(), p.caseNumber, p.materialId);
        record(tx, author, "page.add", p.caseNumber,
               p.materialId + " #" + std::to_string(p.position) + " " + shortName(p.sha256) +
                   (p.blank ? " blank" : ""),
               {}, std::to_string(p.position), payload(p.caseNumber, p.materialId, pageJson(p), order));
        tx.commit();
        return p;
    } catch (const StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<std::vector<PageRecord>> PageRepository::list(const std::string& caseNumber,
                                                             const std::string& materialId) {
    try {
        if (!materialId.empty()) {
            if (auto listed = checkMaterial(caseNumber, materialId); !listed)
                return listed.error();
            return pagesOf(m_store.db(), caseNumber, materialId);
        }
        auto ids = materialsOf(m_store.db(), caseNumber);
        if (!ids)
            return ids.error();
        std::vector<PageRecord> out;
        for (const auto& id : *ids)
            for (auto& p : pagesOf(m_store.db(), caseNumber, id))
                out.push_back(std::move(p));
        return out;
    } catch (const StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<PageRecord> PageRepository::move(const std::string& caseNumber, std::int64_t pageId,
                                                int position, const PageAuthor& author) {
    try {
        Transaction tx(m_store.db());
        auto page = pageById(tx.db(), caseNumber, pageId);
        if (!page)
            return unknownPage(caseNumber, pageId);
        auto pages = pagesOf(tx.db(), caseNumber, page->materialId);
        const auto count = static_cast<int>(pages.size());
        if (position < 1 || position > count)
            return Error{
                "page.position",
                Message(N_("material {material} of case {case} has pages 1 to {count}; there is no position "
                           "{position}"),
                        {{"material", page->materialId},
                         {"case", caseNumber},
                         {"count", std::to_string(count)},
                         {"position", std::to_string(position)}}),
                {},
                Message(N_("give a position from 1 to {count}"), {{"count", std::to_string(count)}})};
        const auto from =
            std::find_if(pages.begin(), pages.end(), [&](const PageRecord& p) { return p.id == pageId; });
        const int before = from->position;
        auto moved = *from;
        pages.erase(from);
        pages.insert(pages.begin() + (position - 1), moved);
        renumber(tx, pages);
        moved.position = position;
        record(tx, author, "page.move", caseNumber, page->materialId + " " + shortName(page->sha256),
               std::to_string(before), std::to_string(position),
               payload(caseNumber, page->materialId, pageJson(moved), pages));
        tx.commit();
        return moved;
    } catch (const StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<PageRecord> PageRepository::rotate(const std::string& caseNumber, std::int64_t pageId,
                                                  int quarterTurns, const PageAuthor& author) {
    try {
        Transaction tx(m_store.db());
        auto page = pageById(tx.db(), caseNumber, pageId);
        if (!page)
            return unknownPage(caseNumber, pageId);
        const int before = page->rotation;
        page->rotation = (((before / 90 + quarterTurns) % 4 + 4) % 4) * 90;
        Statement s(tx.db(), "UPDATE scanned_page SET rotation = ? WHERE id = ?");
        s.bind(1, static_cast<std::int64_t>(page->rotation)).bind(2, page->id);
        s.run();
        record(tx, author, "page.rotate", caseNumber,
               page->materialId + " #" + std::to_string(page->position) + " " + shortName(page->sha256),
               std::to_string(before), std::to_string(page->rotation),
               payload(caseNumber, page->materialId, pageJson(*page),
                       pagesOf(tx.db(), caseNumber, page->materialId)));
        tx.commit();
        return *page;
    } catch (const StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Done> PageRepository::remove(const std::string& caseNumber, std::int64_t pageId,
                                                  const PageAuthor& author) {
    try {
        Transaction tx(m_store.db());
        auto page = pageById(tx.db(), caseNumber, pageId);
        if (!page)
            return unknownPage(caseNumber, pageId);
        Statement s(tx.db(), "DELETE FROM scanned_page WHERE id = ?");
        s.bind(1, page->id);
        s.run();
        auto rest = pagesOf(tx.db(), caseNumber, page->materialId);
        renumber(tx, rest);
        record(tx, author, "page.delete", caseNumber, page->materialId + " " + shortName(page->sha256),
               std::to_string(page->position), {},
               payload(caseNumber, page->materialId, pageJson(*page), rest));
        tx.commit();
        return core::Done{};
    } catch (const StoreFailure& failure) {
        return failure.error();
    }
}

} // namespace ywtb::store
