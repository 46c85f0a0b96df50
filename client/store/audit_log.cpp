#include "store/audit_log.h"

#include "store/blob_store.h"
#include "store/database.h"

namespace ywtb::store {
namespace {

const std::string kGenesis(64, '0');

void field(std::string& out, const std::string& value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ';';
}

AuditEntry readEntry(const Statement& row) {
    AuditEntry e;
    e.seq = row.integer(0);
    e.at = row.text(1);
    e.staff = row.text(2);
    e.window = row.text(3);
    e.action = row.text(4);
    e.subject = row.text(5);
    e.before = row.text(6);
    e.after = row.text(7);
    e.detail = row.text(8);
    e.prevHash = row.text(9);
    e.hash = row.text(10);
    return e;
}

constexpr const char* kColumns =
    "seq, at, staff, window_id, action, subject, before, after, detail, prev_hash, hash";

core::Error tampered(std::int64_t seq, core::Message what) {
    return core::Error{
        "audit.tampered", std::move(what), "audit_log seq " + std::to_string(seq),
        core::Message(N_("the audit log was changed outside ywtb-counter: keep this database as evidence "
                         "and restore the store from its backup"))};
}

} // namespace

std::string auditEntryHash(const AuditEntry& e) {
    std::string canonical;
    for (const auto* value :
         {&e.prevHash, &e.at, &e.staff, &e.window, &e.action, &e.subject, &e.before, &e.after, &e.detail})
        field(canonical, *value);
    field(canonical, std::to_string(e.seq));
    return sha256Hex(canonical);
}

std::int64_t appendAudit(Transaction& tx, const AuditRecord& record) {
    AuditEntry e;
    static_cast<AuditRecord&>(e) = record;
    {
        Statement last(tx.db(), "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        e.prevHash = last.step() ? last.text(1) : kGenesis;
    }
    // AUTOINCREMENT hands out max(seq ever used) + 1; the sequence is part of what the hash covers.
    e.seq = tx.db().queryInteger(
                "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)") +
            1;
    e.hash = auditEntryHash(e);
    Statement insert(tx.db(), "INSERT INTO audit_log (seq, at, staff, window_id, action, subject, before, "
                              "after, detail, prev_hash, hash) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    insert.bind(1, e.seq)
        .bind(2, e.at)
        .bind(3, e.staff)
        .bind(4, e.window)
        .bind(5, e.action)
        .bind(6, e.subject);
    insert.bind(7, e.before).bind(8, e.after).bind(9, e.detail).bind(10, e.prevHash).bind(11, e.hash);
    insert.run();
    return e.seq;
}

std::vector<AuditEntry> recentAudit(Database& db, int limit) {
    Statement query(db, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq DESC LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> out;
    while (query.step())
        out.push_back(readEntry(query));
    return out;
}

core::Expected<AuditVerification> verifyAudit(Database& db) {
    Statement query(db, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
    AuditVerification result;
    std::string previous = kGenesis;
    std::int64_t expectedSeq = 1;
    while (query.step()) {
        const auto e = readEntry(query);
        if (e.seq != expectedSeq)
            return tampered(expectedSeq, core::Message(N_("entry {seq} is missing"),
                                                       {{"seq", std::to_string(expectedSeq)}}));
        if (e.prevHash != previous)
            return tampered(e.seq, core::Message(N_("entry {seq} does not follow from the entry before it"),
                                                 {{"seq", std::to_string(e.seq)}}));
        if (auditEntryHash(e) != e.hash)
            return tampered(e.seq, core::Message(N_("entry {seq} was altered after it was written"),
                                                 {{"seq", std::to_string(e.seq)}}));
        previous = e.hash;
        ++expectedSeq;
        ++result.entries;
    }
    const auto highest =
        db.queryInteger("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
    if (highest != result.entries)
        return tampered(
            result.entries + 1,
            core::Message(N_("the log ends at entry {last}, but entries up to {highest} were written"),
                          {{"last", std::to_string(result.entries)}, {"highest", std::to_string(highest)}}));
    return result;
}

} // namespace ywtb::store
