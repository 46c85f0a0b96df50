#include "store/sync_state.h"

#include "store/database.h"

#include <Poco/UUIDGenerator.h>
#include <charconv>
#include <sqlite3.h>
#include <unordered_set>

namespace ywtb::store {
namespace {

constexpr const char* kColumns = "o.seq, o.uuid, o.case_number, o.kind, o.payload, o.created_at";

OutboxEntry entryOf(Statement& s) {
    return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

std::string numberRequestKey(const std::string& window, const std::string& kind, int year,
                             std::int64_t size) {
    return "number_request " + window + " " + kind + " " + std::to_string(year) + " " + std::to_string(size);
}

void ensureRow(Transaction& tx, std::int64_t seq) {
    Statement s(tx.db(), "INSERT OR IGNORE INTO outbox_sync (seq) VALUES (?)");
    s.bind(1, seq).run();
}

} // namespace

std::vector<OutboxEntry> sendableOutbox(Database& db, int limit) {
    // Read a window of unsent entries and keep the first of each case; a case with a poisoned entry waits.
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM outbox o WHERE o.sent_at IS NULL AND o.case_number NOT IN "
                        "(SELECT p.case_number FROM outbox p JOIN outbox_sync y ON y.seq = p.seq WHERE "
                        "p.sent_at IS NULL AND y.poisoned = 1) "
                        "ORDER BY o.seq LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(limit) * 10 + 100);
    std::vector<OutboxEntry> out;
    std::unordered_set<std::string> seenCases;
    while (s.step() && static_cast<int>(out.size()) < limit) {
        auto entry = entryOf(s);
        if (seenCases.insert(entry.caseNumber).second)
            out.push_back(std::move(entry));
    }
    return out;
}

void markOutboxSent(Transaction& tx, std::int64_t seq, const std::string& outcome, const std::string& answer,
                    const std::string& at) {
    ensureRow(tx, seq);
    Statement u(tx.db(), "UPDATE outbox_sync SET attempts = attempts + 1, last_attempt_at = ?, outcome = ?, "
                         "server_answer = ?, "
                         "poisoned = 0 WHERE seq = ?");
    u.bind(1, at).bind(2, outcome).bind(3, answer).bind(4, seq).run();
    Statement o(tx.db(), "UPDATE outbox SET sent_at = ? WHERE seq = ? AND sent_at IS NULL");
    o.bind(1, at).bind(2, seq).run();
}

void markOutboxPoisoned(Transaction& tx, std::int64_t seq, const std::string& error, const std::string& at) {
    ensureRow(tx, seq);
    Statement u(tx.db(), "UPDATE outbox_sync SET attempts = attempts + 1, last_attempt_at = ?, last_error = "
                         "?, poisoned = 1 WHERE seq = ?");
    u.bind(1, at).bind(2, error).bind(3, seq).run();
}

void recordOutboxAttempt(Transaction& tx, std::int64_t seq, const std::string& error, const std::string& at) {
    ensureRow(tx, seq);
    Statement u(
        tx.db(),
        "UPDATE outbox_sync SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE seq = ?");
    u.bind(1, at).bind(2, error).bind(3, seq).run();
}

std::vector<PoisonedEntry> poisonedOutbox(Database& db) {
    Statement s(
        db,
        std::string("SELECT ") + kColumns +
            ", x.attempts, x.last_error, COALESCE(x.last_attempt_at, '') FROM outbox o "
            "JOIN outbox_sync x ON x.seq = o.seq WHERE o.sent_at IS NULL AND x.poisoned = 1 ORDER BY o.seq");
    std::vector<PoisonedEntry> out;
    while (s.step())
        out.push_back({entryOf(s), s.integer(6), s.text(7), s.text(8)});
    return out;
}

std::optional<OutboxEntry> findOutboxEntry(Database& db, const std::string& seqOrUuid) {
    std::int64_t seq = -1;
    const auto [end, ec] = std::from_chars(seqOrUuid.data(), seqOrUuid.data() + seqOrUuid.size(), seq);
    const bool numeric = ec == std::errc() && end == seqOrUuid.data() + seqOrUuid.size();
    Statement s(db, std::string("SELECT ") + kColumns + " FROM outbox o WHERE " +
                        (numeric ? "o.seq = ?" : "o.uuid = ?"));
    if (numeric)
        s.bind(1, seq);
    else
        s.bind(1, seqOrUuid);
    if (!s.step())
        return std::nullopt;
    return entryOf(s);
}

bool retryPoisoned(Transaction& tx, std::int64_t seq) {
    Statement u(tx.db(), "UPDATE outbox_sync SET poisoned = 0 WHERE seq = ? AND poisoned = 1 "
                         "AND seq IN (SELECT seq FROM outbox WHERE sent_at IS NULL)");
    u.bind(1, seq).run();
    return sqlite3_changes(tx.db().handle()) > 0;
}

bool discardPoisoned(Transaction& tx, std::int64_t seq, const std::string& at) {
    Statement u(tx.db(), "UPDATE outbox_sync SET poisoned = 0, outcome = 'discarded', discarded_at = ? WHERE "
                         "seq = ? AND poisoned = 1 "
                         "AND seq IN (SELECT seq FROM outbox WHERE sent_at IS NULL)");
    u.bind(1, at).bind(2, seq).run();
    if (sqlite3_changes(tx.db().handle()) == 0)
        return false;
    Statement o(tx.db(), "UPDATE outbox SET sent_at = ? WHERE seq = ?");
    o.bind(1, at).bind(2, seq).run();
    return true;
}

OutboxCounts outboxCounts(Database& db) {
    Statement s(db, "SELECT "
                    "COALESCE(SUM(o.sent_at IS NULL AND COALESCE(x.poisoned, 0) = 0), 0), "
                    "COALESCE(SUM(o.sent_at IS NULL AND COALESCE(x.poisoned, 0) = 1), 0), "
                    "COALESCE(SUM(o.sent_at IS NOT NULL AND COALESCE(x.outcome, '') <> 'discarded'), 0), "
                    "COALESCE(SUM(o.sent_at IS NOT NULL AND x.outcome = 'conflict'), 0), "
                    "COALESCE(SUM(o.sent_at IS NOT NULL AND x.outcome = 'discarded'), 0) "
                    "FROM outbox o LEFT JOIN outbox_sync x ON x.seq = o.seq");
    s.step();
    return {s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4)};
}

void setSyncNote(Transaction& tx, const std::string& key, const std::string& value) {
    Statement s(tx.db(), "INSERT INTO sync_note (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                         "value = excluded.value");
    s.bind(1, key).bind(2, value).run();
}

std::string syncNote(Database& db, const std::string& key) {
    Statement s(db, "SELECT value FROM sync_note WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void keepSession(Transaction& tx, const KeptSession& session) {
    Statement s(
        tx.db(),
        "INSERT INTO sync_session (server_url, window_id, staff, token, expires_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(server_url, window_id) DO UPDATE SET staff = excluded.staff, token = excluded.token, "
        "expires_at = excluded.expires_at");
    s.bind(1, session.serverUrl)
        .bind(2, session.window)
        .bind(3, session.staff)
        .bind(4, session.token)
        .bind(5, session.expiresAt)
        .run();
}

std::optional<KeptSession> keptSession(Database& db, const std::string& serverUrl, const std::string& window,
                                       const std::string& now) {
    // Both times are UTC ISO 8601 with seconds, so text order is time order.
    Statement s(db, "SELECT server_url, window_id, staff, token, expires_at FROM sync_session "
                    "WHERE server_url = ? AND window_id = ? AND expires_at > ?");
    s.bind(1, serverUrl).bind(2, window).bind(3, now);
    if (!s.step())
        return std::nullopt;
    return KeptSession{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

void forgetSession(Transaction& tx, const std::string& serverUrl, const std::string& window) {
    Statement s(tx.db(), "DELETE FROM sync_session WHERE server_url = ? AND window_id = ?");
    s.bind(1, serverUrl).bind(2, window).run();
}

std::string numberBlockRequestId(Transaction& tx, const std::string& window, const std::string& kind,
                                 int year, std::int64_t size) {
    const auto key = numberRequestKey(window, kind, year, size);
    auto id = syncNote(tx.db(), key);
    if (id.empty()) {
        id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
        setSyncNote(tx, key, id);
    }
    return id;
}

void clearNumberBlockRequest(Transaction& tx, const std::string& window, const std::string& kind, int year,
                             std::int64_t size) {
    Statement s(tx.db(), "DELETE FROM sync_note WHERE key = ?");
    s.bind(1, numberRequestKey(window, kind, year, size)).run();
}

} // namespace ywtb::store
