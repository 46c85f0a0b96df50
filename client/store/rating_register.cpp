#include "store/rating_register.h"

#include "store/database.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <sstream>

namespace ywtb::store {
namespace {

constexpr const char* kColumns = "r.id, r.uuid, r.case_number, r.item_code, r.stage, r.level, r.tags, "
                                 "r.indicator_version, r.window_id, r.staff, r.device, "
                                 "r.rated_at, x.rating_id, x.contact_due, x.simple_due, x.complex_due, "
                                 "x.answered_at, x.answered_by, x.answer, x.provisional, x.counted_from";

Poco::JSON::Array::Ptr tagsJson(const std::vector<RatingTag>& tags) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& tag : tags) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("code", tag.code);
        o->set("name", tag.name);
        out->add(o);
    }
    return out;
}

std::string condensed(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    return out.str();
}

/// The tags column is written by this file only; a row that does not parse is a damaged store.
std::vector<RatingTag> parseTags(const std::string& text) {
    std::vector<RatingTag> tags;
    auto array = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto o = array->getObject(static_cast<unsigned>(i));
        tags.push_back({o->getValue<int>("code"), o->getValue<std::string>("name")});
    }
    return tags;
}

RatingRecord read(const Statement& s) {
    RatingRecord r;
    r.id = s.integer(0);
    r.uuid = s.text(1);
    r.caseNumber = s.text(2);
    r.itemCode = s.text(3);
    r.stage = s.text(4);
    r.level = static_cast<int>(s.integer(5));
    try {
        r.tags = parseTags(s.text(6));
    } catch (const Poco::Exception&) {
        r.tags.clear(); // damaged column: the level still stands; listed without tags
    }
    r.indicatorVersion = s.text(7);
    r.window = s.text(8);
    r.staff = s.text(9);
    r.device = s.text(10);
    r.ratedAt = s.text(11);
    if (!s.isNull(12))
        r.rectification = Rectification{s.text(13), s.text(14), s.text(15),         s.text(16),
                                        s.text(17), s.text(18), s.integer(19) != 0, s.text(20)};
    return r;
}

std::string selectFrom() {
    return std::string("SELECT ") + kColumns +
           " FROM rating r LEFT JOIN rectification x ON x.rating_id = r.id";
}

} // namespace

std::int64_t recordRating(Transaction& tx, const RatingRecord& r) {
    Statement s(tx.db(), "INSERT INTO rating (uuid, case_number, item_code, stage, level, tags, "
                         "indicator_version, window_id, staff, "
                         "device, rated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.uuid)
        .bind(2, r.caseNumber)
        .bind(3, r.itemCode)
        .bind(4, r.stage)
        .bind(5, static_cast<std::int64_t>(r.level));
    s.bind(6, condensed(tagsJson(r.tags)))
        .bind(7, r.indicatorVersion)
        .bind(8, r.window)
        .bind(9, r.staff)
        .bind(10, r.device);
    s.bind(11, r.ratedAt);
    s.run();
    const auto id = tx.db().lastInsertRowId();
    if (r.rectification) {
        Statement x(tx.db(), "INSERT INTO rectification (rating_id, contact_due, simple_due, complex_due, "
                             "provisional, counted_from) "
                             "VALUES (?,?,?,?,?,?)");
        x.bind(1, id)
            .bind(2, r.rectification->contactDue)
            .bind(3, r.rectification->simpleDue)
            .bind(4, r.rectification->complexDue)
            .bind(5, static_cast<std::int64_t>(r.rectification->provisional ? 1 : 0))
            .bind(6, r.rectification->countedFrom);
        x.run();
    }
    return id;
}

std::optional<RatingRecord> findRating(Database& db, std::int64_t id) {
    Statement s(db, selectFrom() + " WHERE r.id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read(s);
}

std::optional<RatingRecord> findRating(Database& db, const std::string& caseNumber,
                                       const std::string& stage) {
    Statement s(db, selectFrom() + " WHERE r.case_number = ? AND r.stage = ?");
    s.bind(1, caseNumber).bind(2, stage);
    if (!s.step())
        return std::nullopt;
    return read(s);
}

std::vector<RatingRecord> listRatings(Database& db, const RatingQuery& query) {
    std::string sql = selectFrom() + " WHERE (? = '' OR r.case_number = ?)";
    if (query.badOnly || query.openOnly)
        sql += " AND r.level <= 2";
    if (query.openOnly)
        sql += " AND x.answered_at IS NULL AND (? = '' OR x.contact_due < ?)";
    sql += " ORDER BY r.id DESC";
    Statement s(db, sql);
    s.bind(1, query.caseNumber).bind(2, query.caseNumber);
    if (query.openOnly)
        s.bind(3, query.dueBefore).bind(4, query.dueBefore);
    std::vector<RatingRecord> out;
    while (s.step())
        out.push_back(read(s));
    return out;
}

bool answerRectification(Transaction& tx, std::int64_t ratingId, const std::string& at, const std::string& by,
                         const std::string& answer) {
    Statement s(tx.db(), "UPDATE rectification SET answered_at = ?, answered_by = ?, answer = ? WHERE "
                         "rating_id = ? AND answered_at IS NULL");
    s.bind(1, at).bind(2, by).bind(3, answer).bind(4, ratingId);
    s.run();
    return tx.db().changes() == 1;
}

std::vector<RatingRecord> provisionalRectifications(Database& db) {
    Statement s(db, selectFrom() + " WHERE x.provisional = 1 AND x.answered_at IS NULL ORDER BY r.id");
    std::vector<RatingRecord> out;
    while (s.step())
        out.push_back(read(s));
    return out;
}

void recountRectification(Transaction& tx, std::int64_t ratingId, const Rectification& due) {
    Statement s(tx.db(), "UPDATE rectification SET contact_due = ?, simple_due = ?, complex_due = ?, "
                         "provisional = ? WHERE rating_id = ?");
    s.bind(1, due.contactDue)
        .bind(2, due.simpleDue)
        .bind(3, due.complexDue)
        .bind(4, static_cast<std::int64_t>(due.provisional ? 1 : 0))
        .bind(5, ratingId);
    s.run();
}

std::string ratingJson(const RatingRecord& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("uuid", r.uuid);
    o->set("case_number", r.caseNumber);
    o->set("item_code", r.itemCode);
    o->set("stage", r.stage);
    o->set("level", r.level);
    o->set("tags", tagsJson(r.tags));
    o->set("indicator_version", r.indicatorVersion);
    o->set("window", r.window);
    o->set("staff", r.staff);
    o->set("device", r.device);
    o->set("rated_at", r.ratedAt);
    if (r.rectification) {
        Poco::JSON::Object::Ptr x = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        x->set("contact_due", r.rectification->contactDue);
        x->set("simple_due", r.rectification->simpleDue);
        x->set("complex_due", r.rectification->complexDue);
        if (r.rectification->provisional)
            x->set("provisional", true);
        if (!r.rectification->answeredAt.empty()) {
            x->set("answered_at", r.rectification->answeredAt);
            x->set("answered_by", r.rectification->answeredBy);
            x->set("answer", r.rectification->answer);
        }
        o->set("rectification", x);
    }
    return condensed(o);
}

} // namespace ywtb::store
