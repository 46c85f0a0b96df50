#include "server/server_store.h"

#include "core/case_json.h"
#include "core/case_transition.h"
#include "server/http_io.h"
#include "server/password.h"

#include <algorithm>
#include <array>

namespace ywtb::server {

using store::Statement;
using store::Transaction;

namespace {

// After the server decided a case, the counter still hands its result over (docs/api.md section 12):
// approved | denied -> awaiting_release -> released. Those steps follow the server's status, not contradict
// it.
bool handsOverResult(const std::string& owned, const std::string& pushed) {
    if (owned == "approved" || owned == "denied")
        return pushed == "awaiting_release" || pushed == "released";
    return owned == "awaiting_release" && pushed == "released";
}

// Why a case.* change is not taken: its body is not the case it names, or it is not a legal step of the
// lifecycle from the server's copy (core/case_transition.h). A stored body that is not a case (the row a
// document or rating change made before the case itself arrived) counts as no copy. None when the change is a
// legal step.
std::optional<core::Error> refusalOf(const ChangeRequest& change, const core::Expected<core::Case>& carried,
                                     const std::optional<std::string>& storedBody) {
    if (!carried)
        return carried.error();
    std::optional<core::Case> before;
    if (storedBody)
        if (auto copy = core::caseFromJson(*storedBody, "server copy of " + change.caseNumber))
            before = std::move(copy).value();
    if (auto checked = core::checkTransition(change.kind, before, *carried); !checked)
        return checked.error();
    return std::nullopt;
}

// A case number as counters make them: CENTRE-WINDOW-YYYYMMDD-SEQUENCE (6-digit centre code).
struct NumberParts {
    std::string centre;
    std::string window;
};

std::optional<NumberParts> standardNumber(const std::string& number) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dash = number.find('-'); dash != std::string::npos; dash = number.find('-', start)) {
        parts.push_back(number.substr(start, dash - start));
        start = dash + 1;
    }
    parts.push_back(number.substr(start));
    const auto digits = [](const std::string& t, std::size_t n) {
        return (n == 0 ? !t.empty() : t.size() == n) &&
               std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (parts.size() != 4 || !digits(parts[0], 6) || parts[1].empty() || !digits(parts[2], 8) ||
        !digits(parts[3], 0))
        return std::nullopt;
    return NumberParts{parts[0], parts[1]};
}

// Why a change is outside the pushing counter's scope: a case of another centre, or a new case whose number
// names another centre or window. None when it is inside.
std::optional<std::string> scopeRefusal(const ChangeRequest& change, bool known,
                                        const std::string& caseCentre) {
    if (change.centre.empty()) // the admin's own calls carry no session
        return std::nullopt;
    if (known) {
        if (caseCentre != change.centre)
            return "case " + change.caseNumber +
                   " belongs to another centre; a counter writes only its own " + "centre's cases";
        return std::nullopt;
    }
    if (auto parts = standardNumber(change.caseNumber)) {
        if (parts->centre != change.centre)
            return "case number " + change.caseNumber + " names centre " + parts->centre +
                   ", but this counter is in centre " + change.centre;
        if (parts->window != change.windowId)
            return "case number " + change.caseNumber + " names window " + parts->window +
                   ", but this counter signed in at window " + change.windowId;
    }
    return std::nullopt;
}

struct ServerMigration {
    int version;
    const char* sql;
};

// Ordered; PRAGMA user_version records the last applied. Append, never edit an applied one.
constexpr std::array kMigrations{
    ServerMigration{1, R"sql(
CREATE TABLE staff (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    salt          TEXT NOT NULL,
    iterations    INTEGER NOT NULL,
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE counter_window (
    id   TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('intake', 'pickup')),
    name TEXT NOT NULL
);
-- Only the SHA-256 of a token is kept: a copied database file signs nobody in.
CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL REFERENCES staff(id),
    window_id  TEXT NOT NULL REFERENCES counter_window(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE reference_document (
    name       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE server_case (
    number       TEXT PRIMARY KEY,
    status       TEXT NOT NULL,
    body         TEXT NOT NULL,
    server_owned INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);
-- Every change ever received, by its client UUID, with the hash of its request and the first answer.
CREATE TABLE change (
    uuid          TEXT PRIMARY KEY,
    case_number   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    response      TEXT NOT NULL,
    conflict      INTEGER NOT NULL DEFAULT 0,
    staff_id      TEXT NOT NULL,
    window_id     TEXT NOT NULL,
    received_at   TEXT NOT NULL
);
CREATE INDEX change_case ON change(case_number);
CREATE TABLE status_change (
    cursor      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL,
    status      TEXT NOT NULL,
    note        TEXT NOT NULL,
    source      TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE TABLE blob (
    sha256    TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE TABLE upload (
    sha256     TEXT PRIMARY KEY,
    total      INTEGER NOT NULL,
    received   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE number_block (
    request_id  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    window_id   TEXT NOT NULL,
    first       INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    reserved_by TEXT NOT NULL,
    reserved_at TEXT NOT NULL,
    CHECK (first >= 1 AND first <= last)
);
CREATE INDEX number_block_range ON number_block(kind, year, last);
CREATE TABLE elicence (
    holder_id      TEXT NOT NULL,
    licence_type   TEXT NOT NULL,
    licence_number TEXT NOT NULL,
    issuer         TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    PRIMARY KEY (holder_id, licence_type)
);
CREATE TABLE credit_record (
    subject_id TEXT PRIMARY KEY,
    reason     TEXT NOT NULL
);
CREATE TABLE ticket (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    day           TEXT NOT NULL,
    number        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('walk_in', 'appointment')),
    state         TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'skipped', 'served')),
    item_code     TEXT NOT NULL,
    window_id     TEXT NOT NULL,
    target_window TEXT NOT NULL,
    call_count    INTEGER NOT NULL,
    issued_at     TEXT NOT NULL,
    called_at     TEXT NOT NULL,
    UNIQUE (day, number)
);
)sql"},
    // Why a change was kept as a conflict, for `admin conflicts`.
    ServerMigration{2, R"sql(
ALTER TABLE change ADD COLUMN conflict_reason TEXT NOT NULL DEFAULT '';
)sql"},
    // Roles and centres (issue 20): every staff member has a role in a centre, every window and case belongs
    // to a centre. Existing staff become intake clerks of the default centre (the shipped forms/centre.json's
    // 310104); the demo account, which the demo uses at intake and pickup windows alike, a supervisor. A
    // session ends at its sliding expiry, and never after its absolute one.
    ServerMigration{3, R"sql(
ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'intake_clerk'
    CHECK (role IN ('intake_clerk', 'pickup_clerk', 'supervisor', 'centre_admin', 'department_reviewer'));
ALTER TABLE staff ADD COLUMN centre_id TEXT NOT NULL DEFAULT '310104';
ALTER TABLE counter_window ADD COLUMN centre_id TEXT NOT NULL DEFAULT '310104';
ALTER TABLE server_case ADD COLUMN centre_id TEXT NOT NULL DEFAULT '310104';
ALTER TABLE server_case ADD COLUMN window_id TEXT NOT NULL DEFAULT '';
ALTER TABLE session ADD COLUMN absolute_expires_at TEXT NOT NULL DEFAULT '';
UPDATE session SET absolute_expires_at = expires_at;
UPDATE staff SET role = 'supervisor' WHERE id = 'demo';
CREATE INDEX session_staff ON session(staff_id);
CREATE INDEX server_case_centre ON server_case(centre_id);
)sql"},
    // The read audit: who read which case's personal data, from which window and address, when. Append-only:
    // the triggers refuse to change or remove a row, so a record of a read cannot be taken back through SQL.
    ServerMigration{4, R"sql(
CREATE TABLE case_read (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    window_id   TEXT NOT NULL,
    address     TEXT NOT NULL,
    case_number TEXT NOT NULL,
    what        TEXT NOT NULL
);
CREATE INDEX case_read_case ON case_read(case_number);
CREATE INDEX case_read_staff ON case_read(staff_id);
CREATE TRIGGER case_read_no_update BEFORE UPDATE ON case_read
BEGIN SELECT RAISE(ABORT, 'case_read is append-only: a recorded read is never changed'); END;
CREATE TRIGGER case_read_no_delete BEFORE DELETE ON case_read
BEGIN SELECT RAISE(ABORT, 'case_read is append-only: a recorded read is never removed'); END;
)sql"},
};

void applyServerMigrations(store::Database& db) {
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    const auto current = db.queryInteger("PRAGMA user_version");
    for (const auto& migration : kMigrations) {
        if (migration.version <= current)
            continue;
        Transaction tx(db);
        db.exec(migration.sql);
        db.exec("PRAGMA user_version = " + std::to_string(migration.version));
        tx.commit();
    }
}

Ticket readTicket(Statement& s) {
    Ticket t;
    t.id = s.integer(0);
    t.number = s.text(1);
    t.kind = s.text(2);
    t.state = s.text(3);
    t.itemCode = s.text(4);
    t.window = s.text(5);
    t.targetWindow = s.text(6);
    t.callCount = s.integer(7);
    t.issuedAt = s.text(8);
    t.calledAt = s.text(9);
    return t;
}

constexpr const char* kTicketColumns = "SELECT id, number, kind, state, item_code, window_id, target_window, "
                                       "call_count, issued_at, called_at FROM ticket ";

std::optional<Ticket> loadTicket(store::Database& db, std::int64_t id) {
    Statement s(db, std::string(kTicketColumns) + "WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readTicket(s);
}

} // namespace

const std::vector<DemoAccount>& demoAccounts() {
    static const std::vector<DemoAccount> accounts{
        {"S001", "s001-demo-pass", "Demo Clerk One", Role::IntakeClerk},
        {"S007", "s007-demo-pass", "Demo Clerk Seven", Role::IntakeClerk},
        // The demo walks intake and pickup at any window with this one account.
        {"demo", "demo", "Demo", Role::Supervisor},
    };
    return accounts;
}

ServerStore::ServerStore(const std::filesystem::path& dataDir)
    : m_dataDir(dataDir),
      m_db((std::filesystem::create_directories(dataDir), (dataDir / "server.sqlite").string())),
      m_iterations(kPasswordIterations) {
    applyServerMigrations(m_db);
}

void ServerStore::addStaff(const std::string& id, const std::string& name, const std::string& password,
                           std::optional<Role> role, const std::string& centre) {
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, m_iterations);
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement s(m_db, "INSERT INTO staff(id, name, salt, iterations, password_hash, role, centre_id) "
                      "VALUES(?, ?, ?, ?, ?, ?, ?) "
                      "ON CONFLICT(id) DO UPDATE SET name = excluded.name, salt = excluded.salt, "
                      "iterations = excluded.iterations, password_hash = excluded.password_hash, active = 1, "
                      "role = CASE WHEN ? THEN excluded.role ELSE role END, "
                      "centre_id = CASE WHEN ? THEN excluded.centre_id ELSE centre_id END");
    s.bind(1, id).bind(2, name).bind(3, salt).bind(4, static_cast<std::int64_t>(m_iterations)).bind(5, hash);
    s.bind(6, toString(role.value_or(Role::IntakeClerk))).bind(7, centre.empty() ? kDefaultCentre : centre);
    s.bind(8, static_cast<std::int64_t>(role ? 1 : 0))
        .bind(9, static_cast<std::int64_t>(centre.empty() ? 0 : 1));
    s.run();
    Statement revoke(m_db, "DELETE FROM session WHERE staff_id = ?");
    revoke.bind(1, id).run();
    tx.commit();
}

bool ServerStore::setPassword(const std::string& id, const std::string& password) {
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, m_iterations);
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement s(m_db, "UPDATE staff SET salt = ?, iterations = ?, password_hash = ? WHERE id = ?");
    s.bind(1, salt).bind(2, static_cast<std::int64_t>(m_iterations)).bind(3, hash).bind(4, id).run();
    if (m_db.changes() == 0)
        return false;
    // A reset password ends every session: whoever knew the old one loses what it gave them.
    Statement revoke(m_db, "DELETE FROM session WHERE staff_id = ?");
    revoke.bind(1, id).run();
    tx.commit();
    return true;
}

void ServerStore::rehashPassword(const std::string& id, const std::string& password) {
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, m_iterations);
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "UPDATE staff SET salt = ?, iterations = ?, password_hash = ? WHERE id = ?");
    s.bind(1, salt).bind(2, static_cast<std::int64_t>(m_iterations)).bind(3, hash).bind(4, id).run();
}

bool ServerStore::changeStaff(const std::string& id, const StaffChange& change) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement s(m_db, "UPDATE staff SET name = COALESCE(?, name), role = COALESCE(?, role), "
                      "centre_id = COALESCE(?, centre_id), active = COALESCE(?, active) WHERE id = ?");
    if (!change.name.empty())
        s.bind(1, change.name);
    if (change.role)
        s.bind(2, toString(*change.role));
    if (!change.centre.empty())
        s.bind(3, change.centre);
    if (change.active)
        s.bind(4, static_cast<std::int64_t>(*change.active ? 1 : 0));
    s.bind(5, id).run();
    if (m_db.changes() == 0)
        return false;
    if (change.role || !change.centre.empty() || (change.active && !*change.active)) {
        Statement revoke(m_db, "DELETE FROM session WHERE staff_id = ?");
        revoke.bind(1, id).run();
    }
    tx.commit();
    return true;
}

namespace {

constexpr const char* kStaffColumns =
    "SELECT id, name, salt, password_hash, iterations, active, role, centre_id FROM staff ";

StaffLogin readStaff(Statement& s) {
    return StaffLogin{s.text(0),
                      s.text(1),
                      s.text(2),
                      s.text(3),
                      static_cast<unsigned>(s.integer(4)),
                      s.integer(5) != 0,
                      roleFromString(s.text(6)).value_or(Role::IntakeClerk),
                      s.text(7)};
}

} // namespace

std::vector<StaffLogin> ServerStore::allStaff() {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string(kStaffColumns) + "ORDER BY centre_id, id");
    std::vector<StaffLogin> result;
    while (s.step())
        result.push_back(readStaff(s));
    return result;
}

void ServerStore::addWindow(const WindowInfo& window) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "INSERT OR REPLACE INTO counter_window(id, type, name, centre_id) VALUES(?, ?, ?, ?)");
    s.bind(1, window.id).bind(2, window.type).bind(3, window.name).bind(4, window.centre).run();
}

std::optional<StaffLogin> ServerStore::staff(const std::string& id) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string(kStaffColumns) + "WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readStaff(s);
}

std::optional<WindowInfo> ServerStore::window(const std::string& id) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT id, type, name, centre_id FROM counter_window WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return WindowInfo{s.text(0), s.text(1), s.text(2), s.text(3)};
}

void ServerStore::createSession(const std::string& tokenHash, const std::string& staffId,
                                const std::string& windowId, const std::string& expiresAt,
                                const std::string& absoluteExpiresAt) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement purge(m_db, "DELETE FROM session WHERE expires_at < ?");
    purge.bind(1, utcNow()).run();
    Statement s(m_db, "INSERT INTO session(token_hash, staff_id, window_id, created_at, expires_at, "
                      "absolute_expires_at) VALUES(?, ?, ?, ?, ?, ?)");
    s.bind(1, tokenHash).bind(2, staffId).bind(3, windowId).bind(4, utcNow()).bind(5, expiresAt);
    s.bind(6, absoluteExpiresAt).run();
    tx.commit();
}

std::optional<Session> ServerStore::session(const std::string& tokenHash) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT s.staff_id, s.window_id, s.expires_at, f.role, f.centre_id, w.type, "
                      "s.absolute_expires_at FROM session s JOIN staff f ON f.id = s.staff_id "
                      "JOIN counter_window w ON w.id = s.window_id "
                      "WHERE s.token_hash = ? AND s.expires_at > ? AND f.active = 1");
    s.bind(1, tokenHash).bind(2, utcNow());
    if (!s.step())
        return std::nullopt;
    return Session{s.text(0), s.text(1), s.text(2), roleFromString(s.text(3)).value_or(Role::IntakeClerk),
                   s.text(4), s.text(5), s.text(6)};
}

void ServerStore::extendSession(const std::string& tokenHash, const std::string& expiresAt) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "UPDATE session SET expires_at = MIN(?, absolute_expires_at) WHERE token_hash = ?");
    s.bind(1, expiresAt).bind(2, tokenHash).run();
}

void ServerStore::deleteSession(const std::string& tokenHash) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "DELETE FROM session WHERE token_hash = ?");
    s.bind(1, tokenHash).run();
}

void ServerStore::recordRead(const CaseRead& read) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "INSERT INTO case_read(at, staff_id, window_id, address, case_number, what) "
                      "VALUES(?, ?, ?, ?, ?, ?)");
    s.bind(1, read.at).bind(2, read.staffId).bind(3, read.windowId).bind(4, read.address);
    s.bind(5, read.caseNumber).bind(6, read.what).run();
}

std::vector<CaseRead> ServerStore::reads(const std::string& caseNumber, const std::string& staffId) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT id, at, staff_id, window_id, address, case_number, what FROM case_read "
                      "WHERE (? = '' OR case_number = ?) AND (? = '' OR staff_id = ?) ORDER BY id");
    s.bind(1, caseNumber).bind(2, caseNumber).bind(3, staffId).bind(4, staffId);
    std::vector<CaseRead> result;
    while (s.step())
        result.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    return result;
}

std::optional<ReferenceDocument> ServerStore::reference(const std::string& name) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT body, etag FROM reference_document WHERE name = ?");
    s.bind(1, name);
    if (!s.step())
        return std::nullopt;
    return ReferenceDocument{s.text(0), s.text(1)};
}

void ServerStore::publishReference(const std::string& name, const std::string& body) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                "INSERT OR REPLACE INTO reference_document(name, body, etag, updated_at) VALUES(?, ?, ?, ?)");
    s.bind(1, name).bind(2, body).bind(3, sha256Of(body)).bind(4, utcNow()).run();
}

ChangeResult ServerStore::pushChange(const ChangeRequest& change,
                                     const std::function<std::string(const ChangeResult&)>& makeResponse) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    ChangeResult result;
    {
        Statement existing(m_db, "SELECT request_hash, response FROM change WHERE uuid = ?");
        existing.bind(1, change.uuid);
        if (existing.step()) {
            result.kind = constantTimeEquals(existing.text(0), change.requestHash)
                              ? ChangeResult::Kind::Replayed
                              : ChangeResult::Kind::UuidReused;
            if (result.kind == ChangeResult::Kind::Replayed)
                result.response = existing.text(1);
            return result; // the transaction rolls back: nothing written
        }
    }
    result.receivedAt = utcNow();
    const bool isCase = change.kind.rfind("case.", 0) == 0;
    bool serverOwned = false;
    std::optional<std::string> storedBody; // set when the server holds the case
    std::string caseCentre;
    {
        Statement current(m_db,
                          "SELECT status, server_owned, body, centre_id FROM server_case WHERE number = ?");
        current.bind(1, change.caseNumber);
        if (current.step()) {
            result.serverStatus = current.text(0);
            serverOwned = current.integer(1) != 0;
            storedBody = current.text(2);
            caseCentre = current.text(3);
        }
    }
    const bool known = storedBody.has_value();
    // Scope before anything else: a counter writes only its centre's cases, and makes new ones only under its
    // own centre's code and window (the case number says where a case was taken, DESIGN.md).
    if (auto refusal = scopeRefusal(change, known, caseCentre)) {
        result.kind = ChangeResult::Kind::Forbidden;
        result.refusalCode = "access.out_of_scope";
        result.refusalMessage = *refusal;
        result.serverStatus.clear();
        return result; // the transaction rolls back: nothing written
    }
    std::string pushedStatus; // a case.* change's: the status of the case it carries, once checked
    if (isCase) {
        const auto carried =
            change.carried ? *change.carried : core::pushedCase(change.caseNumber, change.kind, change.body);
        if (auto refusal = refusalOf(change, carried, storedBody)) {
            result.kind = ChangeResult::Kind::Conflict;
            result.conflictCode = refusal->code;
            result.conflictMessage = refusal->str();
        } else {
            pushedStatus = core::toString(carried->status);
        }
    }
    if (result.kind != ChangeResult::Kind::Conflict && serverOwned && isCase &&
        pushedStatus != result.serverStatus && !handsOverResult(result.serverStatus, pushedStatus)) {
        result.kind = ChangeResult::Kind::Conflict;
        result.conflictCode = "change.server_owned";
        result.conflictMessage = "case " + change.caseNumber + " is " + result.serverStatus +
                                 ": the server decided it and owns its status; " + change.kind +
                                 " would make it " + pushedStatus;
    }
    if (result.kind != ChangeResult::Kind::Conflict) {
        // Who may take this step: checked once the step itself is legal (a conflict changes nothing anyway).
        ChangeContext context{change.role,         change.windowType, change.kind, known,
                              result.serverStatus, serverOwned,       pushedStatus};
        if (auto refusal = changeRefusal(context)) {
            result.kind = ChangeResult::Kind::Forbidden;
            result.refusalCode = "access.role";
            result.refusalMessage = *refusal;
            return result; // the transaction rolls back: nothing written
        }
    }
    if (result.kind != ChangeResult::Kind::Conflict && (isCase || !known)) {
        if (isCase)
            result.serverStatus = pushedStatus;
        else
            result.serverStatus = "received";
        Statement upsert(
            m_db, "INSERT INTO server_case(number, status, body, updated_at, centre_id, window_id) "
                  "VALUES(?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT(number) DO UPDATE SET status = excluded.status, "
                  "body = CASE WHEN ? THEN excluded.body ELSE body END, updated_at = excluded.updated_at");
        upsert.bind(1, change.caseNumber)
            .bind(2, result.serverStatus)
            .bind(3, change.body)
            .bind(4, result.receivedAt);
        upsert.bind(5, change.centre.empty() ? std::string(kDefaultCentre) : change.centre)
            .bind(6, change.windowId);
        upsert.bind(7, static_cast<std::int64_t>(isCase ? 1 : 0)).run();
    }
    result.response = makeResponse(result);
    Statement insert(
        m_db, "INSERT INTO change(uuid, case_number, kind, body, request_hash, response, conflict, staff_id, "
              "window_id, received_at, conflict_reason) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, change.uuid).bind(2, change.caseNumber).bind(3, change.kind).bind(4, change.body);
    insert.bind(5, change.requestHash).bind(6, result.response);
    insert.bind(7, static_cast<std::int64_t>(result.kind == ChangeResult::Kind::Conflict ? 1 : 0));
    insert.bind(8, change.staffId).bind(9, change.windowId).bind(10, result.receivedAt);
    insert.bind(11, result.conflictMessage).run();
    tx.commit();
    return result;
}

bool ServerStore::decideCase(const std::string& caseNumber, const std::string& status,
                             const std::string& note) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    const std::string now = utcNow();
    {
        Statement exists(m_db, "SELECT 1 FROM server_case WHERE number = ?");
        exists.bind(1, caseNumber);
        if (!exists.step())
            return false;
    }
    Statement update(m_db,
                     "UPDATE server_case SET status = ?, server_owned = 1, updated_at = ? WHERE number = ?");
    update.bind(1, status).bind(2, now).bind(3, caseNumber).run();
    Statement feed(
        m_db,
        "INSERT INTO status_change(case_number, status, note, source, at) VALUES(?, ?, ?, 'server', ?)");
    feed.bind(1, caseNumber).bind(2, status).bind(3, note).bind(4, now).run();
    tx.commit();
    return true;
}

std::vector<StatusChange> ServerStore::statusChanges(std::int64_t after, int limit,
                                                     const std::string& centre) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT f.cursor, f.case_number, f.status, f.note, f.at, f.source FROM status_change f "
                      "LEFT JOIN server_case c ON c.number = f.case_number WHERE f.cursor > ? "
                      "AND (? = '' OR c.centre_id = ?) ORDER BY f.cursor LIMIT ?");
    s.bind(1, after).bind(2, centre).bind(3, centre).bind(4, static_cast<std::int64_t>(limit));
    std::vector<StatusChange> changes;
    while (s.step())
        changes.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    return changes;
}

std::vector<CaseSummary> ServerStore::cases() {
    std::lock_guard lock(m_mutex);
    Statement s(
        m_db,
        "SELECT c.number, c.status, c.server_owned, c.updated_at, "
        "(SELECT COUNT(*) FROM change WHERE case_number = c.number) FROM server_case c ORDER BY c.number");
    std::vector<CaseSummary> result;
    while (s.step())
        result.push_back({s.text(0), s.text(1), s.integer(2) != 0, s.integer(4), s.text(3)});
    return result;
}

std::optional<CaseRecord> ServerStore::caseRecord(const std::string& number) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                "SELECT status, server_owned, body, updated_at, centre_id FROM server_case WHERE number = ?");
    s.bind(1, number);
    if (!s.step())
        return std::nullopt;
    return CaseRecord{number, s.text(4), s.text(0), s.integer(1) != 0, s.text(2), s.text(3)};
}

std::vector<std::string> ServerStore::conflicts() {
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                "SELECT ch.received_at, ch.case_number, ch.kind, ch.uuid, COALESCE(c.status, 'none'), "
                "ch.conflict_reason "
                "FROM change ch LEFT JOIN server_case c ON c.number = ch.case_number WHERE ch.conflict = 1 "
                "ORDER BY ch.received_at, ch.rowid");
    std::vector<std::string> lines;
    while (s.step())
        lines.push_back(s.text(0) + "  " + s.text(1) + "  " + s.text(2) + "  " + s.text(3) +
                        "  server status: " + s.text(4) + (s.text(5).empty() ? "" : "  why: " + s.text(5)));
    return lines;
}

std::optional<std::int64_t> ServerStore::blobSize(const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT size FROM blob WHERE sha256 = ?");
    s.bind(1, sha256);
    if (!s.step())
        return std::nullopt;
    return s.integer(0);
}

std::optional<Upload> ServerStore::upload(const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT total, received FROM upload WHERE sha256 = ?");
    s.bind(1, sha256);
    if (!s.step())
        return std::nullopt;
    return Upload{s.integer(0), s.integer(1)};
}

void ServerStore::beginUpload(const std::string& sha256, std::int64_t total) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                "INSERT OR REPLACE INTO upload(sha256, total, received, updated_at) VALUES(?, ?, 0, ?)");
    s.bind(1, sha256).bind(2, total).bind(3, utcNow()).run();
}

void ServerStore::setUploadReceived(const std::string& sha256, std::int64_t received) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "UPDATE upload SET received = ?, updated_at = ? WHERE sha256 = ?");
    s.bind(1, received).bind(2, utcNow()).bind(3, sha256).run();
}

void ServerStore::finishUpload(const std::string& sha256, std::int64_t size) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement done(m_db, "DELETE FROM upload WHERE sha256 = ?");
    done.bind(1, sha256).run();
    Statement blob(m_db, "INSERT OR IGNORE INTO blob(sha256, size, stored_at) VALUES(?, ?, ?)");
    blob.bind(1, sha256).bind(2, size).bind(3, utcNow()).run();
    tx.commit();
}

void ServerStore::abandonUpload(const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "DELETE FROM upload WHERE sha256 = ?");
    s.bind(1, sha256).run();
}

ServerStore::BlockOutcome ServerStore::reserveBlock(NumberBlock& block, std::int64_t size,
                                                    const std::string& staffId) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    {
        Statement existing(
            m_db, "SELECT kind, year, window_id, first, last FROM number_block WHERE request_id = ?");
        existing.bind(1, block.requestId);
        if (existing.step()) {
            const bool same = existing.text(0) == block.kind && existing.integer(1) == block.year &&
                              existing.text(2) == block.window &&
                              existing.integer(4) - existing.integer(3) + 1 == size;
            if (!same)
                return BlockOutcome::RequestReused;
            block.first = existing.integer(3);
            block.last = existing.integer(4);
            return BlockOutcome::Replayed;
        }
    }
    // Blocks of a kind and year are handed out end to end; the lock and the transaction make it one at a
    // time.
    Statement top(m_db, "SELECT COALESCE(MAX(last), 0) FROM number_block WHERE kind = ? AND year = ?");
    top.bind(1, block.kind).bind(2, block.year);
    top.step();
    block.first = top.integer(0) + 1;
    block.last = block.first + size - 1;
    Statement insert(
        m_db,
        "INSERT INTO number_block(request_id, kind, year, window_id, first, last, reserved_by, reserved_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, block.requestId).bind(2, block.kind).bind(3, block.year).bind(4, block.window);
    insert.bind(5, block.first).bind(6, block.last).bind(7, staffId).bind(8, utcNow()).run();
    tx.commit();
    return BlockOutcome::Reserved;
}

std::vector<NumberBlock> ServerStore::blocks(const std::string& window) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                "SELECT request_id, kind, year, window_id, first, last FROM number_block WHERE window_id = ? "
                "ORDER BY kind, year, first");
    s.bind(1, window);
    std::vector<NumberBlock> result;
    while (s.step())
        result.push_back({s.text(0), s.text(1), s.integer(2), s.text(3), s.integer(4), s.integer(5)});
    return result;
}

std::optional<Licence> ServerStore::licence(const std::string& holderId, const std::string& type) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT licence_type, licence_number, issuer, valid_until FROM elicence WHERE "
                      "holder_id = ? AND licence_type = ?");
    s.bind(1, holderId).bind(2, type);
    if (!s.step())
        return std::nullopt;
    return Licence{s.text(0), s.text(1), s.text(2), s.text(3)};
}

std::optional<std::string> ServerStore::creditFlag(const std::string& subjectId) {
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT reason FROM credit_record WHERE subject_id = ?");
    s.bind(1, subjectId);
    if (!s.step())
        return std::nullopt;
    return s.text(0);
}

Ticket ServerStore::issueTicket(const std::string& kind, const std::string& itemCode) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    const std::string now = utcNow();
    const std::string day = now.substr(0, 10);
    Statement count(m_db, "SELECT COUNT(*) FROM ticket WHERE day = ? AND kind = ?");
    count.bind(1, day).bind(2, kind);
    count.step();
    std::string sequence = std::to_string(count.integer(0) + 1);
    if (sequence.size() < 3)
        sequence.insert(0, 3 - sequence.size(), '0');
    const std::string number = (kind == "appointment" ? "B" : "A") + sequence;
    Statement insert(
        m_db, "INSERT INTO ticket(day, number, kind, state, item_code, window_id, target_window, call_count, "
              "issued_at, called_at) VALUES(?, ?, ?, 'waiting', ?, '', '', 0, ?, '')");
    insert.bind(1, day).bind(2, number).bind(3, kind).bind(4, itemCode).bind(5, now).run();
    const auto id = m_db.lastInsertRowId();
    auto ticket = loadTicket(m_db, id);
    tx.commit();
    return *ticket;
}

std::vector<Ticket> ServerStore::waitingTickets(const std::string& window) {
    std::lock_guard lock(m_mutex);
    // In the order callNext takes them for `window`.
    Statement s(m_db, std::string(kTicketColumns) +
                          "WHERE state = 'waiting' AND (target_window = '' OR target_window = ?) "
                          "ORDER BY target_window = ? DESC, kind = 'appointment' DESC, id");
    s.bind(1, window).bind(2, window);
    std::vector<Ticket> result;
    while (s.step())
        result.push_back(readTicket(s));
    return result;
}

std::optional<Ticket> ServerStore::callNext(const std::string& window) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    // Transferred to this window first, then appointments (DB31/T 862 9.1.2), then walk-ins, each oldest
    // first.
    Statement next(m_db, std::string(kTicketColumns) +
                             "WHERE state = 'waiting' AND (target_window = '' OR target_window = ?) "
                             "ORDER BY target_window = ? DESC, kind = 'appointment' DESC, id LIMIT 1");
    next.bind(1, window).bind(2, window);
    if (!next.step())
        return std::nullopt;
    const auto id = next.integer(0);
    Statement call(m_db, "UPDATE ticket SET state = 'called', window_id = ?, call_count = call_count + 1, "
                         "called_at = ? WHERE id = ?");
    call.bind(1, window).bind(2, utcNow()).bind(3, id).run();
    auto ticket = loadTicket(m_db, id);
    tx.commit();
    return ticket;
}

std::optional<Ticket> ServerStore::ticket(std::int64_t id) {
    std::lock_guard lock(m_mutex);
    return loadTicket(m_db, id);
}

std::string ServerStore::ticketAction(std::int64_t id, const std::string& action, const std::string& window,
                                      const std::string& targetWindow, Ticket& result) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    auto current = loadTicket(m_db, id);
    if (!current)
        return "ticket.unknown";
    if (current->state != "called" || current->window != window)
        return "ticket.wrong_state";
    const std::string now = utcNow();
    if (action == "recall") {
        Statement s(m_db, "UPDATE ticket SET call_count = call_count + 1, called_at = ? WHERE id = ?");
        s.bind(1, now).bind(2, id).run();
    } else if (action == "skip" || action == "done") {
        Statement s(m_db, "UPDATE ticket SET state = ? WHERE id = ?");
        s.bind(1, action == "skip" ? "skipped" : "served").bind(2, id).run();
    } else { // transfer
        Statement s(m_db,
                    "UPDATE ticket SET state = 'waiting', target_window = ?, window_id = '' WHERE id = ?");
        s.bind(1, targetWindow).bind(2, id).run();
    }
    result = *loadTicket(m_db, id);
    tx.commit();
    return "";
}

void ServerStore::seedDemo() {
    for (const auto& account : demoAccounts())
        if (!staff(account.staffId))
            addStaff(account.staffId, account.name, account.password, account.role);
    addWindow({"W01", "intake", "综合窗口 1"});
    addWindow({"W02", "intake", "综合窗口 2"});
    addWindow({"W03", "pickup", "出件窗口"});
    // The windows of the shipped forms/centre.json, so that every demo counter can sign in.
    addWindow({"W05", "intake", "5号市场准入窗口"});
    addWindow({"W09", "intake", "9号跨省通办窗口"});
    addWindow({"P01", "pickup", "出件窗口"});
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    // Fictitious holders: the first is the GB 11643 standard's example number, the second a made-up credit
    // code.
    m_db.exec(
        "INSERT OR IGNORE INTO elicence VALUES('11010519491231002X', 'id_card', 'EL-ID-0001', "
        "'上海市公安局', '2036-12-31');"
        "INSERT OR IGNORE INTO elicence VALUES('91310000MA1FL8XQ30', 'business_licence', 'EL-BL-0001', "
        "'上海市市场监督管理局', '2099-12-31');"
        "INSERT OR IGNORE INTO credit_record VALUES('91310115MA1H7GQX2K', 'dishonest-party list (demo)');");
    tx.commit();
}

} // namespace ywtb::server
