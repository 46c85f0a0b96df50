#pragma once
// The append-only record of who did what, where and when, each entry hashing the one before it.
// Triggers refuse UPDATE and DELETE; verifyAudit() finds an entry altered or removed behind their back.

#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

/// What a caller records: who did what to which subject, and the state before and after.
struct AuditRecord {
    std::string at{}; ///< ISO 8601 UTC time
    std::string staff{};
    std::string window{};
    std::string action{};  ///< e.g. "catalogue.import", "case.accept"
    std::string subject{}; ///< what it acted on: a case number, a file; never unmasked personal data
    std::string detail{};
    std::string before{}; ///< state before, e.g. "draft"
    std::string after{};  ///< state after, e.g. "accepted"
};

/// A record as stored: numbered and chained to the one before it.
struct AuditEntry : AuditRecord {
    std::int64_t seq = 0;
    std::string prevHash;
    std::string hash;
};

/// The hash of an entry given the previous one's: SHA-256 over length-prefixed fields.
std::string auditEntryHash(const AuditEntry& entry);

/// Appends inside the caller's transaction, so the entry commits with the change it describes.
std::int64_t appendAudit(Transaction& tx, const AuditRecord& record);
/// The newest `limit` entries, newest first.
std::vector<AuditEntry> recentAudit(Database& db, int limit);

struct AuditVerification {
    std::int64_t entries = 0;
};
/// Walks the whole log: every hash, every link, no gap in the sequence, nothing cut off at the end.
core::Expected<AuditVerification> verifyAudit(Database& db);

} // namespace ywtb::store
