// Scanned pages on a real SQLite file: order, move, rotate, delete, each with its audit and outbox entry,
// and a page refused for a material the case's item does not list.

#include "core/applicant_parser.h"
#include "core/case_json.h"
#include "core/case_lifecycle.h"
#include "core/catalogue_parser.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/local_store.h"
#include "store/page_repository.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <catch2/catch.hpp>
#include <sstream>

using namespace ywtb;
using ywtb::testing::TempDir;

namespace {

const store::PageAuthor kClerk{"S007", "W01", "2026-09-28T02:00:00Z"};

/// A store with one draft case of the food-business licence (SCJG-XK-001, materials M01…M07).
struct PageStore {
    TempDir dir;
    std::unique_ptr<store::LocalStore> store;
    std::string number = "310104-W01-20260928-0001";

    PageStore() {
        auto opened = store::LocalStore::open(dir / "data");
        REQUIRE(opened.ok());
        store = std::move(opened).value();
        auto file = core::parseCatalogueFile(
            testing::readFile(testing::sourceDir() / "forms/catalogue/scjg.json"), "scjg.json");
        REQUIRE(file.ok());
        const core::Item* item = nullptr;
        for (const auto& parsed : file.items)
            if (parsed.item.code == "SCJG-XK-001")
                item = &parsed.item;
        REQUIRE(item);
        const auto today = *core::CivilDate::parse("2026-09-28");
        auto applicant = core::parseApplicant(
            R"({"name": "上海某某餐饮有限公司", "credit_code": "91350100M000100Y43", "phone": "021-64871234"})",
            "applicant.json", today);
        REQUIRE(applicant.ok());
        auto c = core::openCase(*item, number, *applicant, std::nullopt, "W01", core::WindowType::Universal,
                                "S007", today);
        REQUIRE(c.ok());
        std::ostringstream json;
        Poco::JSON::Stringifier::condense(core::caseToJson(*c), json);
        store::Transaction tx(store->db());
        store::insertCase(tx, {number, item->code, "draft", "W01", "91350100M000100Y43", "2026-09-28", "", "",
                               "", "", "", json.str(), 1, kClerk.at});
        tx.commit();
    }

    /// A page whose JPEG and thumbnail are (distinct) bytes already in the blob store.
    store::NewPage page(const std::string& material, int n) {
        auto jpeg = store->blobs().put("page " + material + " " + std::to_string(n));
        auto thumbnail = store->blobs().put("thumbnail " + material + " " + std::to_string(n));
        REQUIRE(jpeg.ok());
        REQUIRE(thumbnail.ok());
        return {number, material, *jpeg, *thumbnail, 2480, 3508, 300, "color", false};
    }

    std::int64_t count(const std::string& sql) { return store->db().queryInteger(sql); }

    std::vector<std::int64_t> ids(const std::string& material = {}) {
        store::PageRepository pages(*store);
        auto list = pages.list(number, material);
        REQUIRE(list.ok());
        std::vector<std::int64_t> out;
        for (const auto& p : *list)
            out.push_back(p.id);
        return out;
    }
};

} // namespace

TEST_CASE("pages are added in order per material and listed in the item's material order", "[store][pages]") {
    PageStore s;
    store::PageRepository pages(*s.store);
    auto m03 = pages.add(s.page("M03", 1), kClerk);
    REQUIRE(m03.ok());
    std::vector<store::PageRecord> m01;
    for (int n = 1; n <= 3; ++n) {
        auto added = pages.add(s.page("M01", n), kClerk);
        REQUIRE(added.ok());
        CHECK(added->position == n);
        m01.push_back(*added);
    }
    CHECK(m03->position == 1);
    CHECK(s.ids() == std::vector<std::int64_t>{m01[0].id, m01[1].id, m01[2].id, m03->id});
    CHECK(s.ids("M03") == std::vector<std::int64_t>{m03->id});

    auto listed = pages.list(s.number, "M01");
    REQUIRE(listed.ok());
    const auto& first = listed->front();
    CHECK(first.sha256 == m01[0].sha256);
    CHECK(first.thumbnailSha256 == m01[0].thumbnailSha256);
    CHECK(first.width == 2480);
    CHECK(first.dpi == 300);
    CHECK(first.scannedBy == "S007");
    CHECK(first.window == "W01");
    CHECK(first.uuid.size() == 36);

    // Each add: one audit entry and one outbox entry naming the blobs, so the sync engine uploads them first.
    CHECK(s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'page.add' AND subject = '" + s.number +
                  "'") == 4);
    CHECK(s.count("SELECT COUNT(*) FROM outbox WHERE kind = 'page.add' AND case_number = '" + s.number +
                  "'") == 4);
    CHECK(s.count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%" + m01[2].sha256 +
                  "%' AND payload LIKE '%" + m01[2].thumbnailSha256 + "%'") == 1);
    CHECK(store::verifyAudit(s.store->db()).ok());
}

TEST_CASE("a page for a material the item does not list is refused and nothing is written",
          "[store][pages]") {
    PageStore s;
    store::PageRepository pages(*s.store);
    const auto audit = s.count("SELECT COUNT(*) FROM audit_log");
    auto refused = pages.add(s.page("M99", 1), kClerk);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "page.material");
    CHECK_THAT(refused.error().str(),
               Catch::Contains("M99") && Catch::Contains("M01, M02, M03, M04, M05, M06, M07"));
    CHECK(s.count("SELECT COUNT(*) FROM scanned_page") == 0);
    CHECK(s.count("SELECT COUNT(*) FROM audit_log") == audit);
    CHECK(s.count("SELECT COUNT(*) FROM outbox") == 0);

    auto unknownCase = pages.list("310104-W01-20260928-0099");
    REQUIRE_FALSE(unknownCase.ok());
    CHECK(unknownCase.error().code == "case.unknown");
}

TEST_CASE("a page whose image is not in the blob store is refused", "[store][pages]") {
    PageStore s;
    store::PageRepository pages(*s.store);
    auto page = s.page("M01", 1);
    page.sha256 = std::string(64, 'a');
    auto refused = pages.add(page, kClerk);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "page.blob_missing");
    CHECK(s.count("SELECT COUNT(*) FROM scanned_page") == 0);
}

TEST_CASE("moving a page shifts the pages in between and is recorded", "[store][pages]") {
    PageStore s;
    store::PageRepository pages(*s.store);
    std::vector<std::int64_t> id;
    for (int n = 1; n <= 4; ++n)
        id.push_back(pages.add(s.page("M01", n), kClerk)->id);
    auto moved = pages.move(s.number, id[3], 1, kClerk);
    REQUIRE(moved.ok());
    CHECK(moved->position == 1);
    CHECK(s.ids("M01") == std::vector<std::int64_t>{id[3], id[0], id[1], id[2]});
    REQUIRE(pages.move(s.number, id[3], 3, kClerk).ok());
    CHECK(s.ids("M01") == std::vector<std::int64_t>{id[0], id[1], id[3], id[2]});
    auto listed = pages.list(s.number, "M01");
    for (std::size_t i = 0; i < listed->size(); ++i)
        CHECK((*listed)[i].position == static_cast<int>(i + 1));

    auto outside = pages.move(s.number, id[0], 5, kClerk);
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().code == "page.position");
    CHECK_THAT(outside.error().str(), Catch::Contains("1 to 4"));
    auto otherCase = pages.move("310104-W01-20260928-0099", id[0], 1, kClerk);
    REQUIRE_FALSE(otherCase.ok());
    CHECK(otherCase.error().code == "page.unknown");

    CHECK(s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'page.move'") == 2);
    CHECK(s.count("SELECT COUNT(*) FROM outbox WHERE kind = 'page.move'") == 2);
    // The outbox carries the order after the move, by page uuid.
    Poco::JSON::Parser parser;
    store::Statement last(s.store->db(),
                          "SELECT payload FROM outbox WHERE kind = 'page.move' ORDER BY seq DESC LIMIT 1");
    REQUIRE(last.step());
    auto order = parser.parse(last.text(0)).extract<Poco::JSON::Object::Ptr>()->getArray("order");
    REQUIRE(order->size() == 4);
    CHECK(order->getElement<std::string>(2) == listed->at(2).uuid);
}

TEST_CASE("rotation turns by quarter turns either way and never touches the image", "[store][pages]") {
    PageStore s;
    store::PageRepository pages(*s.store);
    auto page = pages.add(s.page("M02", 1), kClerk);
    REQUIRE(page.ok());
    CHECK(pages.rotate(s.number, page->id, 1, kClerk)->rotation == 90);
    CHECK(pages.rotate(s.number, page->id, 2, kClerk)->rotation == 270);
    CHECK(pages.rotate(s.number, page->id, 1, kClerk)->rotation == 0);
    CHECK(pages.rotate(s.number, page->id, -1, kClerk)->rotation == 270);
    auto listed = pages.list(s.number, "M02");
    CHECK(listed->at(0).rotation == 270);
    CHECK(listed->at(0).sha256 == page->sha256);
    store::Statement audit(s.store->db(),
                           "SELECT before, after FROM audit_log WHERE action = 'page.rotate' ORDER BY seq");
    std::vector<std::string> turns;
    while (audit.step())
        turns.push_back(audit.text(0) + ">" + audit.text(1));
    CHECK(turns == std::vector<std::string>{"0>90", "90>270", "270>0", "0>270"});
}

TEST_CASE("deleting a page closes the gap, and the pages survive reopening the store", "[store][pages]") {
    PageStore s;
    std::vector<std::int64_t> id;
    {
        store::PageRepository pages(*s.store);
        for (int n = 1; n <= 3; ++n)
            id.push_back(pages.add(s.page("M01", n), kClerk)->id);
        REQUIRE(pages.remove(s.number, id[1], kClerk).ok());
        auto again = pages.remove(s.number, id[1], kClerk);
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().code == "page.unknown");
    }
    s.store.reset();
    auto reopened = store::LocalStore::open(s.dir / "data");
    REQUIRE(reopened.ok());
    s.store = std::move(reopened).value();
    store::PageRepository pages(*s.store);
    auto listed = pages.list(s.number, "M01");
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    CHECK(listed->at(0).id == id[0]);
    CHECK(listed->at(1).id == id[2]);
    CHECK(listed->at(1).position == 2);
    CHECK(s.count("SELECT COUNT(*) FROM outbox WHERE kind = 'page.delete'") == 1);
    CHECK(store::verifyAudit(s.store->db()).ok());
}
