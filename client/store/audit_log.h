#pragma once
// The append-only record of who did what at which window (triggers refuse UPDATE and DELETE).

#include <cstdint>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

struct AuditEntry {
    std::int64_t seq = 0; ///< assigned by the store
    std::string at;       ///< ISO 8601 UTC time
    std::string staff;
    std::string window;
    std::string action;   ///< e.g. "catalogue.import", "case.accept"
    std::string subject;  ///< what it acted on: a case number, a file; never unmasked personal data
    std::string detail;
};

/// Appends inside the caller's transaction, so the entry commits with the change it describes.
std::int64_t appendAudit(Transaction& tx, const AuditEntry& entry);
/// The newest `limit` entries, newest first.
std::vector<AuditEntry> recentAudit(Database& db, int limit);

} // namespace ywtb::store
