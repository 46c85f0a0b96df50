// The rating register on a real SQLite file: a rating is kept as given (the table refuses updates), one per
// case and stage; bad ratings stay open until answered once.

#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/rating_register.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace ywtb;

namespace {

store::RatingRecord rating(const std::string& uuid, const std::string& stage, int level) {
    store::RatingRecord r;
    r.uuid = uuid;
    r.caseNumber = "310104-W01-20260928-0001";
    r.itemCode = "JSGL-XK-002";
    r.stage = stage;
    r.level = level;
    r.tags = {{3, "服务态度"}};
    r.indicatorVersion = "GB/T 39735-2020 线下 1";
    r.window = "W01";
    r.staff = "S007";
    r.device = "/dev/ttyUSB1";
    r.ratedAt = "2026-09-28T02:00:00Z";
    if (level <= 2)
        r.rectification =
            store::Rectification{"2026-09-29", "2026-10-10", "2026-10-23", {}, {}, {}, false, {}};
    return r;
}

} // namespace

TEST_CASE("a rating is stored once per stage, never changed, and a bad one stays open until answered",
          "[store][rating]") {
    testing::TempDir dir;
    auto store = store::LocalStore::open(dir.path()).value();
    auto& db = store->db();
    // The case row the ratings refer to.
    db.exec("INSERT INTO intake_case (number, item_code, window_id, status, applicant_key, created_on, body, "
            "version, updated_at) "
            "VALUES ('310104-W01-20260928-0001', 'JSGL-XK-002', 'W01', 'accepted', 'k', '2026-09-28', '{}', "
            "1, '2026-09-28T00:00:00Z')");
    std::int64_t bad = 0;
    {
        store::Transaction tx(db);
        bad = store::recordRating(tx, rating("u-1", "accept", 2));
        store::recordRating(tx, rating("u-2", "receive", 5));
        tx.commit();
    }
    {
        store::Transaction tx(db);
        CHECK_THROWS_AS(store::recordRating(tx, rating("u-3", "accept", 4)), store::StoreFailure);
    }
    CHECK_THROWS_AS(db.exec("UPDATE rating SET level = 5 WHERE id = " + std::to_string(bad)),
                    store::StoreFailure);
    CHECK(store::findRating(db, bad)->level == 2);
    CHECK(store::findRating(db, bad)->tags.at(0).name == "服务态度");

    CHECK(store::listRatings(db, {}).size() == 2);
    CHECK(store::listRatings(db, {.badOnly = true}).size() == 1);
    CHECK(store::listRatings(db, {.openOnly = true, .dueBefore = "2026-09-29"}).empty());
    CHECK(store::listRatings(db, {.openOnly = true, .dueBefore = "2026-09-30"}).size() == 1);
    {
        store::Transaction tx(db);
        CHECK(store::answerRectification(tx, bad, "2026-09-29T01:00:00Z", "S001", "已回访"));
        CHECK_FALSE(store::answerRectification(tx, bad, "2026-09-29T02:00:00Z", "S001", "again"));
        tx.commit();
    }
    CHECK(store::listRatings(db, {.openOnly = true}).empty());
    CHECK(store::findRating(db, bad)->rectification->answer == "已回访");
}
