#include "store/case_repository.h"

#include "store/database.h"

namespace ywtb::store {
namespace {

constexpr const char* kCaseColumns = "number, item_code, status, window_id, applicant_key, created_on, "
                                     "received_on, correction_deadline, supplement_by, "
                                     "due_promised, due_statutory, body, version, updated_at";

void bindOptional(Statement& s, int index, const std::string& value) {
    if (value.empty())
        s.bindNull(index);
    else
        s.bind(index, value);
}

CaseRow readCase(const Statement& s) {
    return CaseRow{s.text(0), s.text(1), s.text(2), s.text(3),  s.text(4),  s.text(5),     s.text(6),
                   s.text(7), s.text(8), s.text(9), s.text(10), s.text(11), s.integer(12), s.text(13)};
}

} // namespace

void insertCase(Transaction& tx, const CaseRow& r) {
    Statement s(tx.db(), std::string("INSERT INTO intake_case (") + kCaseColumns +
                             ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.number)
        .bind(2, r.itemCode)
        .bind(3, r.status)
        .bind(4, r.window)
        .bind(5, r.applicantKey)
        .bind(6, r.createdOn);
    bindOptional(s, 7, r.receivedOn);
    bindOptional(s, 8, r.correctionDeadline);
    bindOptional(s, 9, r.supplementBy);
    bindOptional(s, 10, r.duePromised);
    bindOptional(s, 11, r.dueStatutory);
    s.bind(12, r.body).bind(13, r.version).bind(14, r.updatedAt);
    s.run();
}

bool updateCase(Transaction& tx, const CaseRow& r) {
    Statement s(
        tx.db(),
        "UPDATE intake_case SET item_code = ?, status = ?, window_id = ?, applicant_key = ?, created_on = ?, "
        "received_on = ?, correction_deadline = ?, supplement_by = ?, due_promised = ?, due_statutory = ?, "
        "body = ?, version = ?, updated_at = ? WHERE number = ? AND version = ?");
    s.bind(1, r.itemCode).bind(2, r.status).bind(3, r.window).bind(4, r.applicantKey).bind(5, r.createdOn);
    bindOptional(s, 6, r.receivedOn);
    bindOptional(s, 7, r.correctionDeadline);
    bindOptional(s, 8, r.supplementBy);
    bindOptional(s, 9, r.duePromised);
    bindOptional(s, 10, r.dueStatutory);
    s.bind(11, r.body).bind(12, r.version).bind(13, r.updatedAt).bind(14, r.number).bind(15, r.version - 1);
    s.run();
    return tx.db().queryInteger("SELECT changes()") == 1;
}

std::optional<CaseRow> loadCase(Database& db, const std::string& number) {
    Statement s(db, std::string("SELECT ") + kCaseColumns + " FROM intake_case WHERE number = ?");
    s.bind(1, number);
    if (!s.step())
        return std::nullopt;
    return readCase(s);
}

std::vector<CaseRow> listCases(Database& db, const CaseFilter& f) {
    std::string sql = std::string("SELECT ") + kCaseColumns + " FROM intake_case WHERE 1";
    if (!f.status.empty())
        sql += " AND status = :status";
    if (!f.applicantKey.empty())
        sql += " AND applicant_key = :applicant";
    if (!f.dueBefore.empty())
        sql += " AND ((status IN ('accepted', 'under_review') AND due_promised < :due)"
               " OR (status = 'conditional' AND supplement_by < :due)"
               " OR (status = 'received' AND correction_deadline < :due))";
    sql += " ORDER BY created_on, number LIMIT :limit";
    Statement s(db, sql);
    int index = 1;
    if (!f.status.empty())
        s.bind(index++, f.status);
    if (!f.applicantKey.empty())
        s.bind(index++, f.applicantKey);
    if (!f.dueBefore.empty())
        s.bind(index++, f.dueBefore);
    s.bind(index, static_cast<std::int64_t>(f.limit));
    std::vector<CaseRow> out;
    while (s.step())
        out.push_back(readCase(s));
    return out;
}

std::vector<CaseRow> casesWithPendingDeadlines(Database& db) {
    Statement s(db, std::string("SELECT ") + kCaseColumns +
                        " FROM intake_case WHERE status IN ('received', 'conditional') ORDER BY number");
    std::vector<CaseRow> out;
    while (s.step())
        out.push_back(readCase(s));
    return out;
}

std::vector<CaseRow> casesWithProvisionalDates(Database& db) {
    // core/case_json.cpp writes "provisional_dates" only when a date is provisional.
    Statement s(db, std::string("SELECT ") + kCaseColumns +
                        " FROM intake_case WHERE body LIKE '%\"provisional_dates\"%' ORDER BY number");
    std::vector<CaseRow> out;
    while (s.step())
        out.push_back(readCase(s));
    return out;
}

std::vector<std::string> receivedPastCorrectionDeadline(Database& db, const std::string& todayIso) {
    Statement s(db, "SELECT number FROM intake_case WHERE status = 'received' AND correction_deadline <> '' "
                    "AND correction_deadline < ? ORDER BY number");
    s.bind(1, todayIso);
    std::vector<std::string> out;
    while (s.step())
        out.push_back(s.text(0));
    return out;
}

std::int64_t caseCount(Database& db) {
    return db.queryInteger("SELECT count(*) FROM intake_case");
}

std::int64_t nextCaseSequence(Transaction& tx, const std::string& window, const std::string& day) {
    Statement s(tx.db(), "INSERT INTO case_sequence (window_id, day, last) VALUES (?, ?, 1) "
                         "ON CONFLICT(window_id, day) DO UPDATE SET last = last + 1 RETURNING last");
    s.bind(1, window).bind(2, day);
    s.step();
    const auto value = s.integer(0);
    s.run();
    return value;
}

void appendOutbox(Transaction& tx, const OutboxEntry& e) {
    Statement s(tx.db(),
                "INSERT INTO outbox (uuid, case_number, kind, payload, created_at) VALUES (?,?,?,?,?)");
    s.bind(1, e.uuid).bind(2, e.caseNumber).bind(3, e.kind).bind(4, e.payload).bind(5, e.createdAt);
    s.run();
}

std::vector<OutboxEntry> pendingOutbox(Database& db, int limit) {
    Statement s(db, "SELECT seq, uuid, case_number, kind, payload, created_at FROM outbox WHERE sent_at IS "
                    "NULL ORDER BY seq LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(limit));
    std::vector<OutboxEntry> out;
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    return out;
}

core::Expected<core::Done> reserveDocumentBlock(Transaction& tx, const DocumentBlock& b) {
    if (b.first < 1 || b.last < b.first)
        return core::Error{
            "numbering.block_range",
            core::Message(N_("a block runs from a first number of at least 1 to a last number not below it")),
            b.kind, core::Message(N_("give --from and --to with from <= to"))};
    Statement overlap(tx.db(), "SELECT window_id, first, last FROM document_block WHERE kind = ? AND year = "
                               "? AND first <= ? AND last >= ?");
    overlap.bind(1, b.kind).bind(2, static_cast<std::int64_t>(b.year)).bind(3, b.last).bind(4, b.first);
    if (overlap.step())
        return core::Error{
            "numbering.block_overlap",
            core::Message(
                N_("numbers {first}–{last} overlap the block {other_first}–{other_last} of window {window}"),
                {{"first", std::to_string(b.first)},
                 {"last", std::to_string(b.last)},
                 {"other_first", std::to_string(overlap.integer(1))},
                 {"other_last", std::to_string(overlap.integer(2))},
                 {"window", overlap.text(0)}}),
            b.kind + " " + std::to_string(b.year),
            core::Message(N_("reserve a range no other window holds"))};
    Statement insert(
        tx.db(),
        "INSERT INTO document_block (kind, year, window_id, first, last, next) VALUES (?,?,?,?,?,?)");
    insert.bind(1, b.kind)
        .bind(2, static_cast<std::int64_t>(b.year))
        .bind(3, b.window)
        .bind(4, b.first)
        .bind(5, b.last)
        .bind(6, b.first);
    insert.run();
    return core::Done{};
}

core::Expected<std::int64_t> drawDocumentNumber(Transaction& tx, const std::string& kind, int year,
                                                const std::string& window) {
    Statement draw(tx.db(),
                   "UPDATE document_block SET next = next + 1 WHERE id = (SELECT id FROM document_block "
                   "WHERE kind = ? AND year = ? AND window_id = ? AND next <= last ORDER BY first LIMIT 1) "
                   "RETURNING next - 1");
    draw.bind(1, kind).bind(2, static_cast<std::int64_t>(year)).bind(3, window);
    if (!draw.step())
        return core::Error{
            "numbering.block_exhausted",
            core::Message(N_("window {window} has no {kind} numbers left for {year}"),
                          {{"window", window}, {"kind", kind}, {"year", std::to_string(year)}}),
            kind,
            core::Message(
                N_("reserve a new block: numbers reserve --kind {kind} --year {year} --from N --to M"),
                {{"kind", kind}, {"year", std::to_string(year)}})};
    const auto number = draw.integer(0);
    draw.run();
    return number;
}

std::vector<DocumentBlock> documentBlocks(Database& db, const std::string& window) {
    Statement s(db, "SELECT kind, year, window_id, first, last, next FROM document_block WHERE window_id = ? "
                    "ORDER BY kind, year, first");
    s.bind(1, window);
    std::vector<DocumentBlock> out;
    while (s.step())
        out.push_back(
            {s.text(0), static_cast<int>(s.integer(1)), s.text(2), s.integer(3), s.integer(4), s.integer(5)});
    return out;
}

void flagCredit(Transaction& tx, const std::string& applicantKey, const std::string& reason,
                const std::string& at) {
    Statement s(
        tx.db(),
        "INSERT INTO credit_flag (applicant_key, reason, added_at) VALUES (?,?,?) "
        "ON CONFLICT(applicant_key) DO UPDATE SET reason = excluded.reason, added_at = excluded.added_at");
    s.bind(1, applicantKey).bind(2, reason).bind(3, at);
    s.run();
}

bool isCreditFlagged(Database& db, const std::string& applicantKey) {
    Statement s(db, "SELECT 1 FROM credit_flag WHERE applicant_key = ?");
    s.bind(1, applicantKey);
    return s.step();
}

} // namespace ywtb::store
