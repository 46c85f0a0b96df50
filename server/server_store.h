#pragma once
// The server's own SQLite store (WAL): staff, sessions, reference data, changes deduplicated by UUID,
// cases and their status feed, blobs, number blocks, e-licences, credit records and the hall queue.

#include "core/case.h"
#include "core/error.h"
#include "server/access_policy.h"
#include "store/database.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::server {

/// The centre staff and windows belong to when none is named: the shipped forms/centre.json's code.
constexpr const char* kDefaultCentre = "310104";

struct StaffLogin {
    std::string id;
    std::string name;
    std::string salt;
    std::string passwordHash;
    unsigned iterations = 0;
    bool active = true;
    Role role = Role::IntakeClerk;
    std::string centre;
};

struct WindowInfo {
    std::string id;
    std::string type; ///< intake or pickup
    std::string name;
    std::string centre = kDefaultCentre;
};

/// A signed-in staff member at a window, with the role and centre the staff table gives now (a role changed
/// by an administrator takes effect at the next request).
struct Session {
    std::string staffId;
    std::string windowId;
    std::string expiresAt;
    Role role = Role::IntakeClerk;
    std::string centre;     ///< the staff member's, which is the window's (sign-in checks it)
    std::string windowType; ///< intake or pickup
    std::string absoluteExpiresAt;
};

/// What an administrator changes of a staff member; an empty field stays as it is.
struct StaffChange {
    std::string name;
    std::optional<Role> role;
    std::string centre;
    std::optional<bool> active;
};

/// One recorded read of a case's personal data (admin reads).
struct CaseRead {
    std::int64_t id = 0;
    std::string at;
    std::string staffId;
    std::string windowId;
    std::string address;
    std::string caseNumber;
    std::string what;
};

struct ReferenceDocument {
    std::string body;
    std::string etag;
};

/// One change of a batch, already validated.
struct ChangeRequest {
    std::string uuid;
    std::string caseNumber;
    std::string kind;
    std::string body;        ///< canonical JSON
    std::string requestHash; ///< SHA-256 of the canonical case_number, kind and body
    /// case.* kinds: the body read as the case the change names (core/case_transition.h, pushedCase), or why
    /// it is not one; pushChange reads it itself when none is given.
    std::optional<core::Expected<core::Case>> carried;
    std::string staffId;
    std::string windowId;
    Role role = Role::IntakeClerk;
    std::string centre;     ///< the pushing staff member's centre: a case of another centre is out of scope
    std::string windowType; ///< intake or pickup
};

struct ChangeResult {
    enum class Kind { Applied, Conflict, Replayed, UuidReused, Forbidden };
    Kind kind = Kind::Applied;
    std::string serverStatus;
    std::string receivedAt;
    std::string response;        ///< the stored first answer (for Applied / Conflict / Replayed)
    std::string conflictCode;    ///< Conflict: why, e.g. "transition.illegal", "change.server_owned"
    std::string conflictMessage; ///< Conflict: the sentence, naming the case, the states and the action
    std::string refusalCode;     ///< Forbidden: access.role or access.out_of_scope; nothing stored
    std::string refusalMessage;  ///< Forbidden: the sentence
};

struct StatusChange {
    std::int64_t cursor = 0;
    std::string caseNumber;
    std::string status;
    std::string note;
    std::string at;
    std::string source;
};

struct NumberBlock {
    std::string requestId;
    std::string kind;
    std::int64_t year = 0;
    std::string window;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

struct Upload {
    std::int64_t total = 0;
    std::int64_t received = 0;
};

struct Licence {
    std::string type;
    std::string number;
    std::string issuer;
    std::string validUntil;
};

struct Ticket {
    std::int64_t id = 0;
    std::string number;
    std::string kind;
    std::string state;
    std::string itemCode;
    std::string window;
    std::string targetWindow;
    std::int64_t callCount = 0;
    std::string issuedAt;
    std::string calledAt;
};

/// A case as the server holds it: the body of the last case.* change a counter sent that was a legal step,
/// and the server's status.
struct CaseRecord {
    std::string number;
    std::string centre;
    std::string status;
    bool serverOwned = false;
    std::string body;
    std::string updatedAt;
};

struct CaseSummary {
    std::string number;
    std::string status;
    bool serverOwned = false;
    std::int64_t changes = 0;
    std::string updatedAt;
};

/// The store behind every request. One connection guarded by a mutex: SQLite writes one at a time anyway,
/// and a request holds the lock only for its own transaction (never during network or file I/O).
class ServerStore {
public:
    /// Opens (creating) DATA_DIR/server.sqlite and applies the server's migrations.
    explicit ServerStore(const std::filesystem::path& dataDir);

    const std::filesystem::path& dataDir() const { return m_dataDir; }

    // Staff and sessions
    /// The PBKDF2 iterations of new and rehashed passwords (kPasswordIterations unless a test lowers it).
    void setPasswordIterations(unsigned iterations) { m_iterations = iterations; }
    unsigned passwordIterations() const { return m_iterations; }
    /// Adds a staff member (role and centre as given) or, when the id exists, sets a new password and keeps
    /// the role and centre unless `role` / `centre` are given; either way every session of theirs ends.
    void addStaff(const std::string& id, const std::string& name, const std::string& password,
                  std::optional<Role> role = std::nullopt, const std::string& centre = "");
    /// A new password for an existing staff member; every session of theirs ends. False when unknown.
    bool setPassword(const std::string& id, const std::string& password);
    /// Stores a new hash of the same password (sign-in upgrading an old, cheaper one); sessions stay.
    void rehashPassword(const std::string& id, const std::string& password);
    /// Changes name, role, centre or active; a deactivation or a new role or centre ends every session.
    /// False when unknown.
    bool changeStaff(const std::string& id, const StaffChange& change);
    std::vector<StaffLogin> allStaff();
    void addWindow(const WindowInfo& window);
    std::optional<StaffLogin> staff(const std::string& id);
    std::optional<WindowInfo> window(const std::string& id);
    void createSession(const std::string& tokenHash, const std::string& staffId, const std::string& windowId,
                       const std::string& expiresAt, const std::string& absoluteExpiresAt);
    /// The unexpired session of this token hash, of an active staff member.
    std::optional<Session> session(const std::string& tokenHash);
    /// Moves the session's expiry to `expiresAt` (the sliding idle limit, never past its absolute end).
    void extendSession(const std::string& tokenHash, const std::string& expiresAt);
    void deleteSession(const std::string& tokenHash);

    // The read audit: append-only (triggers refuse UPDATE and DELETE).
    void recordRead(const CaseRead& read);
    /// Reads of case `caseNumber`, or by staff `staffId` (the other empty), oldest first.
    std::vector<CaseRead> reads(const std::string& caseNumber, const std::string& staffId);

    // Reference data
    std::optional<ReferenceDocument> reference(const std::string& name);
    void publishReference(const std::string& name, const std::string& body);

    // Changes: `makeResponse` builds the first answer, stored with the change in the same transaction. A
    // case.* change is checked against the server's copy with the counter's own lifecycle rules
    // (core/case_transition.h); one that is not a legal step is stored as a conflict and changes nothing.
    ChangeResult pushChange(const ChangeRequest& change,
                            const std::function<std::string(const ChangeResult&)>& makeResponse);
    /// Moves a case to a server-decided status and adds it to the feed; false when the case is unknown.
    bool decideCase(const std::string& caseNumber, const std::string& status, const std::string& note);
    /// The feed of the cases of `centre` (every centre when empty).
    std::vector<StatusChange> statusChanges(std::int64_t after, int limit, const std::string& centre = "");
    std::vector<CaseSummary> cases();
    /// The case `number`, if any counter has sent it.
    std::optional<CaseRecord> caseRecord(const std::string& number);
    std::vector<std::string> conflicts();

    // Blobs
    std::optional<std::int64_t> blobSize(const std::string& sha256);
    std::optional<Upload> upload(const std::string& sha256);
    void beginUpload(const std::string& sha256, std::int64_t total);
    void setUploadReceived(const std::string& sha256, std::int64_t received);
    void finishUpload(const std::string& sha256, std::int64_t size);
    void abandonUpload(const std::string& sha256);

    // Number blocks
    enum class BlockOutcome { Reserved, Replayed, RequestReused };
    BlockOutcome reserveBlock(NumberBlock& block, std::int64_t size, const std::string& staffId);
    std::vector<NumberBlock> blocks(const std::string& window);

    // Lookups
    std::optional<Licence> licence(const std::string& holderId, const std::string& type);
    std::optional<std::string> creditFlag(const std::string& subjectId);

    // Hall queue
    Ticket issueTicket(const std::string& kind, const std::string& itemCode);
    /// The tickets `window` may call, in the order it will call them.
    std::vector<Ticket> waitingTickets(const std::string& window);
    std::optional<Ticket> callNext(const std::string& window);
    std::optional<Ticket> ticket(std::int64_t id);
    /// Applies recall / skip / transfer / done; "" on success, else the error code (ticket.unknown,
    /// ticket.wrong_state).
    std::string ticketAction(std::int64_t id, const std::string& action, const std::string& window,
                             const std::string& targetWindow, Ticket& result);

    /// Demo staff (S001, S007, demo), windows (W01–W03), e-licences and credit records; safe to run twice.
    void seedDemo();

private:
    std::filesystem::path m_dataDir;
    std::mutex m_mutex;
    store::Database m_db;
    unsigned m_iterations;
};

/// The demo accounts --seed-demo creates, for the README and the tests: {staff id, password}.
struct DemoAccount {
    const char* staffId;
    const char* password;
    const char* name;
    Role role;
};
const std::vector<DemoAccount>& demoAccounts();

} // namespace ywtb::server
