#include "server/access_policy.h"

#include <array>
#include <utility>

namespace ywtb::server {

namespace {

constexpr std::array<std::pair<Role, const char*>, 5> kRoles{{
    {Role::IntakeClerk, "intake_clerk"},
    {Role::PickupClerk, "pickup_clerk"},
    {Role::Supervisor, "supervisor"},
    {Role::CentreAdmin, "centre_admin"},
    {Role::DepartmentReviewer, "department_reviewer"},
}};

bool startsWith(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

bool isDecision(const std::string& kind) {
    return kind == "case.approve" || kind == "case.deny";
}

bool isHandOver(const std::string& kind) {
    return kind == "case.ready" || kind == "case.release";
}

bool isIntakeStep(const std::string& kind) {
    return startsWith(kind, "case.") && !isDecision(kind) && !isHandOver(kind) && kind != "case.review";
}

} // namespace

std::string toString(Role role) {
    for (const auto& [r, name] : kRoles)
        if (r == role)
            return name;
    return "intake_clerk";
}

std::optional<Role> roleFromString(const std::string& text) {
    for (const auto& [r, name] : kRoles)
        if (text == name)
            return r;
    return std::nullopt;
}

const char* roleNames() {
    return "intake_clerk, pickup_clerk, supervisor, centre_admin or department_reviewer";
}

bool mayAccess(Role role, Access access) {
    switch (access) {
    case Access::Reference:
        return true;
    case Access::ReadCase:
        return role != Role::CentreAdmin;
    case Access::WriteChanges:
    case Access::Blobs:
        return role != Role::CentreAdmin;
    case Access::NumberBlocks:
    case Access::Queue:
        return role == Role::IntakeClerk || role == Role::PickupClerk || role == Role::Supervisor;
    case Access::PersonalLookup:
        return role == Role::IntakeClerk || role == Role::Supervisor;
    }
    return false;
}

std::optional<std::string> changeRefusal(const ChangeContext& c) {
    const std::string who = toString(c.role);
    if (c.role == Role::CentreAdmin)
        return "a centre administrator manages staff and windows and pushes no case change";
    if (c.role == Role::DepartmentReviewer) {
        if (c.kind == "case.review" || isDecision(c.kind))
            return std::nullopt;
        return "a department reviewer reviews, approves and denies; " + c.kind + " is a counter's step";
    }
    if (c.kind == "case.review")
        return "only the department reviewer starts the review of a case, not a " + who;
    if (isDecision(c.kind)) {
        // Recording the department's decision the server already holds (the status feed applied).
        if (c.serverOwned && c.serverStatus == c.pushedStatus)
            return std::nullopt;
        // Decided on the spot (8.2.1): from draft, and the lifecycle check allows it only for such an item.
        if (c.held && c.serverStatus == "draft")
            return std::nullopt;
        return "only the department reviewer approves or denies an accepted case; a " + who +
               " records a decision only after the server has it";
    }
    if (isIntakeStep(c.kind)) {
        if (c.role == Role::PickupClerk)
            return "a pickup clerk hands results over; " + c.kind + " is an intake step";
        if (c.windowType == "pickup")
            return "a pickup window hands results over; " + c.kind + " is taken at an intake window";
        return std::nullopt;
    }
    // case.ready, case.release, and the kinds that are not case.* (documents, ratings, signatures, pages).
    return std::nullopt;
}

} // namespace ywtb::server
