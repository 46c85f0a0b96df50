#include "store/audit_log.h"

#include "store/database.h"

namespace ywtb::store {

std::int64_t appendAudit(Transaction& tx, const AuditEntry& entry) {
    Statement insert(tx.db(), "INSERT INTO audit_log (at, staff, window_id, action, subject, detail) VALUES (?,?,?,?,?,?)");
    insert.bind(1, entry.at).bind(2, entry.staff).bind(3, entry.window).bind(4, entry.action).bind(5, entry.subject).bind(6, entry.detail);
    insert.run();
    return tx.db().lastInsertRowId();
}

std::vector<AuditEntry> recentAudit(Database& db, int limit) {
    Statement query(db, "SELECT seq, at, staff, window_id, action, subject, detail FROM audit_log ORDER BY seq DESC LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> out;
    while (query.step())
        out.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5), query.text(6)});
    return out;
}

} // namespace ywtb::store
