#include "cli/case_output.h"

#include "cli/context.h"
#include "cli/i18n.h"
#include "core/case_json.h"
#include "core/masking.h"

#include <Poco/JSON/Array.h>
#include <ostream>

namespace ywtb::cli {
namespace {

using core::fillPlaceholders;

std::string dateOr(const std::optional<core::CivilDate>& date) {
    return date ? date->iso() : std::string("-");
}

// A date counted before its year's holiday notice was in the data (docs/intake.md, "The year boundary").
std::string dateOf(const core::Case& c, const std::optional<core::CivilDate>& date, const char* field) {
    return dateOr(date) + (c.isProvisional(field) ? tr(N_("(provisional: statutory holidays only)")) : "");
}

// Output may be pasted into a ticket or a chat: ID numbers and phones are shown masked (DESIGN.md).
std::string applicantLine(const core::Applicant& a) {
    const bool organisation = a.kind == core::ApplicantKind::Organisation;
    return a.name + "  " + (organisation ? a.creditCode : core::maskIdNumber(a.idNumber)) + "  " +
           core::maskPhone(a.phone);
}

} // namespace

std::optional<core::MaterialStatus> materialStatusFromWord(const std::string& word) {
    for (auto status : {core::MaterialStatus::Original, core::MaterialStatus::Copy,
                        core::MaterialStatus::Exempt, core::MaterialStatus::Missing,
                        core::MaterialStatus::NonConforming, core::MaterialStatus::NotApplicable})
        if (word == core::toString(status))
            return status;
    if (word == "original")
        return core::MaterialStatus::Original;
    if (word == "n/a")
        return core::MaterialStatus::NotApplicable;
    return std::nullopt;
}

std::optional<core::CaseStatus> caseStatusFromWord(const std::string& word) {
    for (int i = 0; i <= static_cast<int>(core::CaseStatus::Withdrawn); ++i)
        if (word == core::toString(static_cast<core::CaseStatus>(i)))
            return static_cast<core::CaseStatus>(i);
    return std::nullopt;
}

void printCase(Context& context, const core::Case& c) {
    if (context.json) {
        context.printJson(core::caseToJson(c));
        return;
    }
    auto& out = context.out();
    out << c.number << "  " << c.item.name << " (" << c.item.code << ")\n";
    out << tr(N_("Status")) << ": " << tr(core::displayName(c.status));
    if (c.acceptedByDefault)
        out << " — " << tr(N_("accepted by default: no correction notice within 5 working days (8.1.3)"));
    out << "\n";
    out << tr(N_("Applicant")) << ": " << applicantLine(c.applicant) << "\n";
    if (c.agent)
        out << tr(N_("Agent")) << ": " << c.agent->name << "  " << core::maskIdNumber(c.agent->idNumber)
            << "  (" << c.agent->authorisation << ")\n";
    out << tr(N_("Window")) << ": " << c.window << "  " << tr(N_("Staff")) << ": " << c.staff << "  "
        << tr(N_("Opened")) << ": " << c.createdOn.iso() << "\n";
    if (c.receivedOn)
        out << tr(N_("Received")) << ": " << c.receivedOn->iso() << "  " << tr(N_("correction notice by"))
            << " " << dateOf(c, c.correctionDeadline, "correction_deadline") << "\n";
    if (c.acceptedOn)
        out << tr(N_("Accepted")) << ": " << c.acceptedOn->iso() << "  " << tr(N_("promised by")) << " "
            << dateOf(c, c.duePromised, "due_promised") << "  " << tr(N_("statutory by")) << " "
            << dateOf(c, c.dueStatutory, "due_statutory") << "\n";
    if (c.supplementBy)
        out << tr(N_("Secondary materials due")) << ": " << c.supplementBy->iso() << "\n";
    if (c.refusal)
        out << tr(N_("Refused")) << ": " << core::toString(c.refusal->kind) << " — " << c.refusal->text
            << (c.refusal->applyTo.empty() ? "" : " → " + c.refusal->applyTo) << "\n";
    if (!c.decisionReason.empty())
        out << tr(N_("Reason")) << ": " << c.decisionReason << "\n";
    if (!c.resubmissionOf.empty())
        out << tr(N_("Resubmission of")) << ": " << c.resubmissionOf << "\n";
    if (!c.resubmittedAs.empty())
        out << tr(N_("Resubmitted as")) << ": " << c.resubmittedAs << "\n";
    if (c.release)
        out << tr(N_("Released")) << ": " << c.release->on.iso() << "  " << core::toString(c.release->method)
            << "  " << c.release->receiverName << (c.release->byProxy ? " (" + tr(N_("proxy")) + ")" : "")
            << "\n";
    out << tr(N_("Materials")) << ":\n";
    for (const auto& m : c.materials) {
        const auto* guide = c.item.material(m.id);
        out << "  " << m.id << "  " << core::toString(m.status) << "  " << (guide ? guide->name : "");
        if (!m.licenceNumber.empty())
            out << "  [" << m.licenceNumber << "]";
        if (!m.note.empty())
            out << "  — " << m.note;
        out << "\n";
    }
    if (!c.correctionGaps.empty()) {
        out << tr(N_("Gaps notified")) << ":";
        for (const auto& id : c.correctionGaps)
            out << " " << id;
        out << "\n";
    }
    for (const auto& d : c.documents)
        out << tr(N_("Document")) << ": " << d.kind << "  " << d.number << "  " << d.on.iso() << "\n";
}

void printCaseList(Context& context, const std::vector<core::Case>& cases) {
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& c : cases) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("number", c.number);
            row->set("item", c.item.code);
            row->set("status", core::toString(c.status));
            row->set("applicant", c.applicant.name);
            row->set("due_promised", dateOr(c.duePromised));
            row->set("supplement_by", dateOr(c.supplementBy));
            row->set("correction_deadline", dateOr(c.correctionDeadline));
            list->add(row);
        }
        doc->set("cases", list);
        context.printJson(doc);
        return;
    }
    for (const auto& c : cases)
        context.out() << c.number << "  " << core::toString(c.status) << "  " << c.item.code << "  "
                      << c.applicant.name
                      << (c.duePromised ? "  " + tr(N_("due")) + " " + c.duePromised->iso() : "") << "\n";
    if (cases.empty())
        context.out() << tr(N_("no cases")) << "\n";
}

} // namespace ywtb::cli
