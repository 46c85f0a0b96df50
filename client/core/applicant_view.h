#pragma once
// What the applicant's own screen at the counter shows of their case (the second screen facing them): each
// material of the guide and where it stands, what is still missing or to be corrected, and what was decided.
// The screen faces the hall, so the applicant's name is masked and no ID number or phone is in it.

#include "core/case.h"

#include <optional>
#include <string>
#include <vector>

namespace ywtb::core {

/// A material as the applicant sees it: one of five plain states instead of the clerk's seven.
enum class MaterialMark {
    ToCheck,         ///< the clerk has not looked at it yet
    Received,        ///< original or copy taken
    NotNeeded,       ///< an e-licence covers it, or it does not apply to this applicant
    Missing,         ///< not brought
    NeedsCorrection, ///< brought but incomplete, inconsistent or inaccurate (8.1.1)
};

struct ApplicantMaterialLine {
    std::string name;
    MaterialRequirement requirement = MaterialRequirement::Required;
    MaterialMark mark = MaterialMark::ToCheck;
    std::string note; ///< NeedsCorrection: what is wrong, as the clerk wrote it
    int scannedPages = 0;
    bool operator==(const ApplicantMaterialLine&) const = default;
};

struct ApplicantView {
    std::string caseNumber;
    std::string itemName;
    std::string applicantName; ///< masked: 上** / 张*
    CaseStatus status = CaseStatus::Draft;
    std::vector<ApplicantMaterialLine> materials; ///< in the guide's order
    int toCheck = 0;                              ///< materials the clerk has still to look at
    int toBring = 0;                              ///< required materials missing or to be corrected
    std::optional<CivilDate> duePromised;         ///< accepted: the promised day of the result
    std::optional<CivilDate> supplementBy;        ///< conditional: the day the pledge's materials are due
    std::vector<std::string> documents;           ///< numbers of the papers issued, in order
    bool operator==(const ApplicantView&) const = default;
};

MaterialMark markOf(MaterialStatus status);
ApplicantView applicantViewOf(const Case& c);

} // namespace ywtb::core
