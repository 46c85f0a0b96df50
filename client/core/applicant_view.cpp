#include "core/applicant_view.h"

#include "core/masking.h"

namespace ywtb::core {

MaterialMark markOf(MaterialStatus status) {
    switch (status) {
    case MaterialStatus::Unchecked:
        return MaterialMark::ToCheck;
    case MaterialStatus::Original:
    case MaterialStatus::Copy:
        return MaterialMark::Received;
    case MaterialStatus::Exempt:
    case MaterialStatus::NotApplicable:
        return MaterialMark::NotNeeded;
    case MaterialStatus::Missing:
        return MaterialMark::Missing;
    case MaterialStatus::NonConforming:
        return MaterialMark::NeedsCorrection;
    }
    return MaterialMark::ToCheck;
}

ApplicantView applicantViewOf(const Case& c) {
    ApplicantView view;
    view.caseNumber = c.number;
    view.itemName = c.item.name;
    view.applicantName = maskName(c.applicant.name);
    view.status = c.status;
    for (const auto& m : c.item.materials) {
        ApplicantMaterialLine line;
        line.name = m.name;
        line.requirement = m.requirement;
        if (const auto* held = c.material(m.id)) {
            line.mark = markOf(held->status);
            line.scannedPages = static_cast<int>(held->pages.size());
            if (line.mark == MaterialMark::NeedsCorrection)
                line.note = held->note;
        }
        if (line.mark == MaterialMark::ToCheck)
            ++view.toCheck;
        if ((line.mark == MaterialMark::Missing || line.mark == MaterialMark::NeedsCorrection) &&
            m.requirement == MaterialRequirement::Required)
            ++view.toBring;
        view.materials.push_back(std::move(line));
    }
    view.duePromised = c.duePromised;
    view.supplementBy = c.supplementBy;
    for (const auto& d : c.documents)
        view.documents.push_back(d.number);
    return view;
}

} // namespace ywtb::core
