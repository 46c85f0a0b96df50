#pragma once
// Cases as the store keeps them, their numbering, the outbox, document-number blocks and credit flags.

#include "core/error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

/// One row of intake_case: the columns the counter queries by, and the case itself as JSON.
struct CaseRow {
    std::string number;
    std::string itemCode;
    std::string status;
    std::string window;
    std::string applicantKey; ///< the applicant's ID number or credit code, for the pickup window's lookup
    std::string createdOn;
    std::string receivedOn;
    std::string correctionDeadline;
    std::string supplementBy;
    std::string duePromised;
    std::string dueStatutory;
    std::string body;
    std::int64_t version = 0; ///< raised by each update; an update from a stale read is refused
    std::string updatedAt;
};

void insertCase(Transaction& tx, const CaseRow& row);
/// Writes `row` over the stored case if its version is still `row.version - 1`; false when someone
/// else changed the case meanwhile.
bool updateCase(Transaction& tx, const CaseRow& row);
std::optional<CaseRow> loadCase(Database& db, const std::string& number);

struct CaseFilter {
    std::string status;       ///< empty: any
    std::string dueBefore;    ///< YYYY-MM-DD: promised due date, supplement or correction deadline before it
    std::string applicantKey; ///< empty: any
    int limit = 1000;
};
std::vector<CaseRow> listCases(Database& db, const CaseFilter& filter);
/// Cases a deadline may act on: received and conditional.
std::vector<CaseRow> casesWithPendingDeadlines(Database& db);
/// The numbers of the received cases whose correction deadline is before `todayIso` (8.1.3: accepted by
/// operation of law), from the indexed columns: no case body is read.
std::vector<std::string> receivedPastCorrectionDeadline(Database& db, const std::string& todayIso);
/// Cases with a date counted on a provisional calendar (docs/intake.md, "The year boundary").
std::vector<CaseRow> casesWithProvisionalDates(Database& db);
std::int64_t caseCount(Database& db);

/// The next sequence number of `window` on `day` (1, 2, …), inside the caller's transaction.
std::int64_t nextCaseSequence(Transaction& tx, const std::string& window, const std::string& day);

struct OutboxEntry {
    std::int64_t seq = 0;
    std::string uuid;
    std::string caseNumber;
    std::string kind;
    std::string payload;
    std::string createdAt;
};
void appendOutbox(Transaction& tx, const OutboxEntry& entry);
std::vector<OutboxEntry> pendingOutbox(Database& db, int limit);

struct DocumentBlock {
    std::string kind;
    int year = 0;
    std::string window;
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t next = 0;
};
/// Records a block; an overlap with a block of the same kind and year is refused.
core::Expected<core::Done> reserveDocumentBlock(Transaction& tx, const DocumentBlock& block);
/// Takes the next number of the window's blocks for `kind` and `year`; an error when all are used up.
core::Expected<std::int64_t> drawDocumentNumber(Transaction& tx, const std::string& kind, int year,
                                                const std::string& window);
std::vector<DocumentBlock> documentBlocks(Database& db, const std::string& window);

void flagCredit(Transaction& tx, const std::string& applicantKey, const std::string& reason,
                const std::string& at);
bool isCreditFlagged(Database& db, const std::string& applicantKey);

} // namespace ywtb::store
