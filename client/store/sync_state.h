#pragma once
// What the sync engine keeps per outbox entry (attempts, the server's answer, poisoned or not) and its own
// notes.

#include "store/case_repository.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {

/// An outbox entry the server refused for good (409, 422, a 400 of its own), with the reason.
struct PoisonedEntry {
    OutboxEntry entry;
    std::int64_t attempts = 0;
    std::string lastError; ///< "code: message" as the server (or the client) gave it
    std::string lastAttemptAt;
};

struct OutboxCounts {
    std::int64_t pending = 0;   ///< not sent yet and not set aside
    std::int64_t poisoned = 0;  ///< set aside, waiting for a supervisor
    std::int64_t sent = 0;      ///< the server's answer is stored
    std::int64_t conflicts = 0; ///< sent, but the server kept its own status (docs/api.md section 12)
    std::int64_t discarded = 0; ///< given up on by a supervisor
};

/// Entries ready to go, in outbox order, at most one per case (so a case's changes reach the server strictly
/// one after the other) and none of a case whose earlier entry is poisoned.
std::vector<OutboxEntry> sendableOutbox(Database& db, int limit);

/// Stores the server's answer and marks the entry sent, inside the caller's transaction.
void markOutboxSent(Transaction& tx, std::int64_t seq, const std::string& outcome, const std::string& answer,
                    const std::string& at);
/// Sets an entry aside with the reason; it stays unsent and holds back the later entries of its case.
void markOutboxPoisoned(Transaction& tx, std::int64_t seq, const std::string& error, const std::string& at);
/// Counts one more failed attempt (network, 5xx) without setting the entry aside.
void recordOutboxAttempt(Transaction& tx, std::int64_t seq, const std::string& error, const std::string& at);

std::vector<PoisonedEntry> poisonedOutbox(Database& db);
/// Finds an outbox entry by its seq (decimal) or its UUID.
std::optional<OutboxEntry> findOutboxEntry(Database& db, const std::string& seqOrUuid);
/// Puts a poisoned entry back in the queue; false when it is not poisoned.
bool retryPoisoned(Transaction& tx, std::int64_t seq);
/// Gives up on a poisoned entry: it is never sent, and the rest of its case may go; false when it is not
/// poisoned.
bool discardPoisoned(Transaction& tx, std::int64_t seq, const std::string& at);

OutboxCounts outboxCounts(Database& db);

/// Small notes of the sync engine (last success, last error), kept across runs for `sync status`.
void setSyncNote(Transaction& tx, const std::string& key, const std::string& value);
std::string syncNote(Database& db, const std::string& key);

/// The token of an online sign-in, kept per server and window so that `sync once` / `sync run` need no
/// password.
struct KeptSession {
    std::string serverUrl; ///< as given to login, without a trailing /
    std::string window;
    std::string staff;
    std::string token;     ///< secret: never logged or printed
    std::string expiresAt; ///< UTC ISO 8601, as the server gave it
};

/// Replaces the session kept for the server and window.
void keepSession(Transaction& tx, const KeptSession& session);
/// The session kept for the server and window when it has not expired at `now` (UTC ISO 8601).
std::optional<KeptSession> keptSession(Database& db, const std::string& serverUrl, const std::string& window,
                                       const std::string& now);
/// Forgets the session kept for the server and window (the server refused its token).
void forgetSession(Transaction& tx, const std::string& serverUrl, const std::string& window);

/// The request id of a number-block reservation (docs/api.md section 8) for the window, kind, year and size
/// that is not recorded here yet: made on first use and kept, so a pull repeated after a lost answer or a
/// crash asks the server for the same block again instead of wasting one.
std::string numberBlockRequestId(Transaction& tx, const std::string& window, const std::string& kind,
                                 int year, std::int64_t size);
/// The block asked for is recorded: the next pull of the same size makes a new request.
void clearNumberBlockRequest(Transaction& tx, const std::string& window, const std::string& kind, int year,
                             std::int64_t size);

} // namespace ywtb::store
