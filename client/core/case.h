#pragma once
// A case (办件): one application for one item, from intake at the counter to release at the pickup window.

#include "core/application_form.h"
#include "core/civil_date.h"
#include "core/item.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// Where a case stands. The legal moves between them are in case_lifecycle.h.
enum class CaseStatus {
    Draft,           ///< intake in progress at the counter
    Received,        ///< 收件: materials taken, acceptance decided later (8.1.2)
    Accepted,        ///< 受理 (8.1.2), also by default after 5 working days without correction (8.1.3)
    Correction,      ///< 补正: one-time notice of every gap issued (8.1.3, 9.2.4)
    Conditional,     ///< 容缺受理: accepted with secondary gaps against a pledge (8.1.4)
    Refused,         ///< 不予受理, with written reasons (8.1.5)
    UnderReview,     ///< 审查 by the department (8.2.2)
    Approved,        ///< 准予: on the spot (8.2.1) or after review
    Denied,          ///< 不予批准
    AwaitingRelease, ///< result ready at the pickup window
    Released,        ///< 出件: handed over, mailed or put in a locker (8.3)
    Withdrawn,       ///< 退办: secondary materials not supplied in time (8.2.4)
};

enum class ApplicantKind { Person, Organisation };

/// The applicant (服务对象): a natural person with an ID number, or an organisation with a credit code.
struct Applicant {
    ApplicantKind kind = ApplicantKind::Person;
    std::string name;
    std::string idNumber;            ///< person: GB 11643
    std::string creditCode;          ///< organisation: GB 32100
    std::string legalRepresentative; ///< organisation, optional
    std::string phone;               ///< normalised
    std::string address;
};

/// Someone applying on the applicant's behalf (代理人), with the authorisation they showed.
struct Agent {
    std::string name;
    std::string idNumber;
    std::string phone;
    std::string authorisation; ///< e.g. "授权委托书"
};

/// How one material of the item's list stands at the counter.
enum class MaterialStatus {
    Unchecked,     ///< not yet looked at
    Original,      ///< provided, original
    Copy,          ///< provided, copy
    Exempt,        ///< not needed: an e-licence or shared data covers it (8.1.7)
    Missing,       ///< not provided
    NonConforming, ///< provided but incomplete, inconsistent or inaccurate (8.1.1)
    NotApplicable, ///< the material's "applies_when" does not hold for this applicant
};

struct CaseMaterial {
    std::string id; ///< the material id of the item's list
    MaterialStatus status = MaterialStatus::Unchecked;
    std::string licenceNumber;      ///< Exempt: the e-licence that covers it
    std::string note;               ///< NonConforming: what is wrong; otherwise a remark
    std::vector<std::string> pages; ///< SHA-256 names of scanned pages in the blob store, in order
};

enum class RefusalKind {
    NotOurPower,      ///< not within the department's power: name where to apply (8.1.5)
    NoApprovalNeeded, ///< no approval needed by law
    Suspended,        ///< stopped: quota, policy change
    Other,
};

struct Refusal {
    RefusalKind kind = RefusalKind::Other;
    std::string text;    ///< the written reason
    std::string applyTo; ///< NotOurPower: the body to apply to instead
    std::string basis; ///< Other: the provision the clerk cites (行政许可法 art. 32(1) needs a legal ground)
};

enum class ReleaseMethod { Window, Mail, Locker };

/// How the result left the centre, for the delivery receipt (App. G).
struct Release {
    ReleaseMethod method = ReleaseMethod::Window;
    std::string receiverName;
    bool byProxy = false;       ///< collected by someone other than the applicant
    std::string proxyIdNumber;  ///< the proxy's ID number, checked
    std::string trackingNumber; ///< Mail
    std::string lockerCode;     ///< Locker
    std::string staff;          ///< the clerk who handed the result over (送达人), set by the service
    std::string window;         ///< where: the pickup window
    std::string signature;      ///< SHA-256 of the receiver's signature image (PNG) in the blob store; empty:
                                ///< signed on paper
    CivilDate on;
};

/// A numbered document the case produced (受理通知书, 补正材料通知书 …).
struct IssuedDocument {
    std::string kind;   ///< e.g. "acceptance_notice"
    std::string number; ///< e.g. 沪徐汇受〔2026〕000123号
    CivilDate on;
};

/// The application form filled for the case: the definition in the version it was filled with, and the
/// answers.
struct CaseForm {
    std::shared_ptr<const ApplicationForm> definition;
    std::string values = "{}"; ///< normalised answers (application_form_values.h), a JSON object
};

struct Case {
    std::string number;
    Item item; ///< the guide as it was at intake; a later catalogue change does not alter the case
    std::string window;
    WindowType windowType = WindowType::Universal;
    std::string staff;
    Applicant applicant;
    std::optional<Agent> agent;
    std::vector<CaseMaterial> materials; ///< one per material of `item`, same order
    CaseStatus status = CaseStatus::Draft;

    CivilDate createdOn;
    std::optional<CivilDate> receivedOn;
    std::optional<CivilDate> correctionDeadline; ///< received: last day a correction notice may be issued
    std::optional<CivilDate> acceptedOn;
    bool acceptedByDefault = false; ///< 8.1.3: no correction notice in time
    std::optional<CivilDate> dueStatutory;
    std::optional<CivilDate> duePromised;
    std::optional<CivilDate> supplementBy; ///< conditional acceptance: the pledge's deadline
    /// The computed dates counted on a provisional calendar (core/provisional_calendar.h), by their JSON
    /// name: "correction_deadline", "due_statutory", "due_promised". Counted again when the notice arrives.
    std::vector<std::string> provisionalDates;
    bool pledgeSigned = false;
    std::string pledgeSignature; ///< SHA-256 of the pledge's signature image (PNG) in the blob store; empty:
                                 ///< signed on paper
    std::optional<CivilDate> decidedOn;
    bool decidedOnTheSpot =
        false; ///< approved or denied at the counter from the draft (行政许可法 art. 34(2))
    std::vector<std::string> correctionGaps;      ///< material ids listed in this case's correction notice
    std::vector<std::string> priorCorrectionGaps; ///< resubmission: what the earlier notice listed
    std::optional<Refusal> refusal;
    std::string decisionReason; ///< denial: the reason
    std::optional<Release> release;
    std::string resubmissionOf; ///< the correction case this one answers
    std::string resubmittedAs;  ///< correction case: the new intake that answered it
    std::vector<IssuedDocument> documents;
    std::optional<CaseForm> form; ///< when the item has an application form (forms/application/)

    /// Whether the date named `field` ("due_promised" …) was counted on a provisional calendar.
    bool isProvisional(std::string_view field) const;
    /// Records whether the date named `field` was counted on a provisional calendar.
    void markProvisional(const std::string& field, bool provisional);

    CaseMaterial* material(const std::string& id);
    const CaseMaterial* material(const std::string& id) const;
};

const char* toString(CaseStatus status);
const char* toString(MaterialStatus status);
const char* toString(RefusalKind kind);
const char* toString(ReleaseMethod method);
/// English msgid of the status as a clerk says it ("accepted", "awaiting release").
const char* displayName(CaseStatus status);

} // namespace ywtb::core
