#pragma once
// Who may do what on the server (docs/api.md, "who may call it"; DESIGN.md "Personal data and access"): the
// five staff roles, what each endpoint needs, and which case changes a role may push. Pure: no I/O, so every
// rule is tested without a server.

#include <optional>
#include <string>

namespace ywtb::server {

/// A staff member's role. Every staff member has exactly one, and belongs to one centre.
enum class Role {
    IntakeClerk,        ///< 综合窗口: opens cases, checks materials, decides at the counter
    PickupClerk,        ///< 出件窗口: hands out results of ready cases
    Supervisor,         ///< covers both counters; reads the read audit (admin reads)
    CentreAdmin,        ///< manages staff and windows (admin commands); reads no case
    DepartmentReviewer, ///< the department: reviews, approves and denies accepted cases
};

/// "intake_clerk", "pickup_clerk", "supervisor", "centre_admin", "department_reviewer".
std::string toString(Role role);
std::optional<Role> roleFromString(const std::string& text);
/// Every role's name, for usage texts and errors.
const char* roleNames();

/// What a request wants, for the role check made before it is handled.
enum class Access {
    Reference,      ///< pull catalogue, templates, calendars, indicators
    ReadCase,       ///< GET /cases/{n}, the status feed: a case's data
    WriteChanges,   ///< POST /changes (each change is then checked on its own, changeRefusal)
    Blobs,          ///< upload and download scans, PDFs, signatures
    NumberBlocks,   ///< reserve and list document-number blocks
    PersonalLookup, ///< e-licence lookup, credit check: looked up by an ID number
    Queue,          ///< the hall queue
};

/// Whether `role` may make requests of this kind at all.
bool mayAccess(Role role, Access access);

/// What the server knows when it checks one pushed change against the role that pushed it.
struct ChangeContext {
    Role role = Role::IntakeClerk;
    std::string windowType;   ///< the signed-in window's: intake or pickup
    std::string kind;         ///< the change's kind, e.g. case.accept
    bool held = false;        ///< the server holds the case
    std::string serverStatus; ///< the server's status of the case ("" when not held)
    bool serverOwned = false; ///< the server decided the case
    std::string pushedStatus; ///< the status the change carries (case.* kinds)
};

/// Why `role` may not push this change, or none when it may. Checked after the lifecycle (case_transition.h):
/// this is about who, not about which steps exist. A clerk records approve / deny only when the server has
/// decided the case so (the counter applying the department's decision), or from draft for an item decided on
/// the spot (DB31/T 862 8.2.1, which the lifecycle check already limits); only a department reviewer decides
/// an accepted case. A pickup window takes no intake step.
std::optional<std::string> changeRefusal(const ChangeContext& change);

} // namespace ywtb::server
