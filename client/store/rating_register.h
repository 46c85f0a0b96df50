#pragma once
// The 好差评 ratings given at this counter and the rectification of the bad ones (docs/devices.md). A rating
// is written once, as the applicant gave it (the table refuses updates); a bad one gets a rectification row
// with its due dates in the same transaction, answered later by a supervisor.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

struct RatingTag {
    int code = 0;
    std::string name; ///< from the indicator set in force; "" for a code the set does not know
};

struct Rectification {
    std::string contactDue; ///< ISO dates: contact the applicant, fix a simple case, fix a complex one
    std::string simpleDue;
    std::string complexDue;
    std::string answeredAt; ///< empty while open
    std::string answeredBy;
    std::string answer;
    bool provisional = false; ///< the due dates were counted on a provisional calendar (docs/intake.md)
    std::string countedFrom;  ///< ISO date the due dates count from (the day of the rating, local time)
};

struct RatingRecord {
    std::int64_t id = 0;
    std::string uuid;
    std::string caseNumber;
    std::string itemCode;
    std::string stage; ///< receive, accept, release
    int level = 0;     ///< 5 非常满意 … 1 非常不满意
    std::vector<RatingTag> tags;
    std::string indicatorVersion;
    std::string window;
    std::string staff;
    std::string device;
    std::string ratedAt;
    std::optional<Rectification> rectification; ///< only for a bad rating
};

/// Writes the rating and, when given, its rectification; returns the rating's id. Throws StoreFailure when
/// the case already has a rating for the stage (UNIQUE).
std::int64_t recordRating(Transaction& tx, const RatingRecord& rating);
std::optional<RatingRecord> findRating(Database& db, std::int64_t id);
std::optional<RatingRecord> findRating(Database& db, const std::string& caseNumber, const std::string& stage);

struct RatingQuery {
    std::string caseNumber{}; ///< empty: every case
    bool badOnly = false;
    bool openOnly = false;   ///< bad ratings not answered yet
    std::string dueBefore{}; ///< with openOnly: contact due before this ISO date (overdue); empty: any
};
/// Newest first.
std::vector<RatingRecord> listRatings(Database& db, const RatingQuery& query);

/// Records the answer to a bad rating; false when it has no open rectification.
bool answerRectification(Transaction& tx, std::int64_t ratingId, const std::string& at, const std::string& by,
                         const std::string& answer);

/// The open rectifications whose due dates are provisional, oldest first.
std::vector<RatingRecord> provisionalRectifications(Database& db);
/// Sets the due dates of a rectification counted again, and whether they are still provisional.
void recountRectification(Transaction& tx, std::int64_t ratingId, const Rectification& due);

/// The rating as the JSON sent to the server (tags with their names, the rectification when there is one).
std::string ratingJson(const RatingRecord& rating);

} // namespace ywtb::store
