#include "core/case.h"

#include "core/decision_table.h"
#include "core/message.h"

#include <algorithm>

namespace ywtb::core {

bool Case::isProvisional(std::string_view field) const {
    return std::find(provisionalDates.begin(), provisionalDates.end(), field) != provisionalDates.end();
}

void Case::markProvisional(const std::string& field, bool provisional) {
    std::erase(provisionalDates, field);
    if (provisional)
        provisionalDates.push_back(field);
}

CaseMaterial* Case::material(const std::string& id) {
    for (auto& m : materials)
        if (m.id == id)
            return &m;
    return nullptr;
}

const CaseMaterial* Case::material(const std::string& id) const {
    for (const auto& m : materials)
        if (m.id == id)
            return &m;
    return nullptr;
}

const char* toString(CaseStatus status) {
    switch (status) {
    case CaseStatus::Draft:
        return "draft";
    case CaseStatus::Received:
        return "received";
    case CaseStatus::Accepted:
        return "accepted";
    case CaseStatus::Correction:
        return "correction";
    case CaseStatus::Conditional:
        return "conditional";
    case CaseStatus::Refused:
        return "refused";
    case CaseStatus::UnderReview:
        return "under_review";
    case CaseStatus::Approved:
        return "approved";
    case CaseStatus::Denied:
        return "denied";
    case CaseStatus::AwaitingRelease:
        return "awaiting_release";
    case CaseStatus::Released:
        return "released";
    case CaseStatus::Withdrawn:
        return "withdrawn";
    }
    return "";
}

const char* toString(MaterialStatus status) {
    switch (status) {
    case MaterialStatus::Unchecked:
        return "unchecked";
    case MaterialStatus::Original:
        return "provided";
    case MaterialStatus::Copy:
        return "copy";
    case MaterialStatus::Exempt:
        return "exempt";
    case MaterialStatus::Missing:
        return "missing";
    case MaterialStatus::NonConforming:
        return "nonconforming";
    case MaterialStatus::NotApplicable:
        return "not_applicable";
    }
    return "";
}

const char* toString(RefusalKind kind) {
    return refusalRow(kind).word;
}

const char* toString(ReleaseMethod method) {
    switch (method) {
    case ReleaseMethod::Window:
        return "window";
    case ReleaseMethod::Mail:
        return "mail";
    case ReleaseMethod::Locker:
        return "locker";
    }
    return "";
}

const char* displayName(CaseStatus status) {
    switch (status) {
    case CaseStatus::Draft:
        return N_("draft");
    case CaseStatus::Received:
        return N_("received");
    case CaseStatus::Accepted:
        return N_("accepted");
    case CaseStatus::Correction:
        return N_("correction requested");
    case CaseStatus::Conditional:
        return N_("conditionally accepted");
    case CaseStatus::Refused:
        return N_("refused");
    case CaseStatus::UnderReview:
        return N_("under review");
    case CaseStatus::Approved:
        return N_("approved");
    case CaseStatus::Denied:
        return N_("denied");
    case CaseStatus::AwaitingRelease:
        return N_("awaiting release");
    case CaseStatus::Released:
        return N_("released");
    case CaseStatus::Withdrawn:
        return N_("withdrawn");
    }
    return "";
}

} // namespace ywtb::core
