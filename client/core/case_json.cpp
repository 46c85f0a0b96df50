#include "core/case_json.h"

#include "core/application_form.h"
#include "core/catalogue_parser.h"
#include "core/decision_table.h"
#include "core/item_json.h"
#include "core/json_reader.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <algorithm>
#include <initializer_list>
#include <sstream>
#include <utility>

namespace ywtb::core {
namespace {

Poco::JSON::Object::Ptr newObject() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// Empty strings are written as absent keys, because the reader refuses "" (JsonObjectReader::text).
void setText(Poco::JSON::Object& o, const std::string& key, const std::string& value) {
    if (!value.empty())
        o.set(key, value);
}

void setDate(Poco::JSON::Object& o, const std::string& key, const std::optional<CivilDate>& date) {
    if (date)
        o.set(key, date->iso());
}

Poco::JSON::Array::Ptr textArray(const std::vector<std::string>& values) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& v : values)
        array->add(v);
    return array;
}

// case.h has no toString() for the applicant kind; a distinct name cannot clash if it gains one.
const char* applicantKindName(ApplicantKind kind) {
    switch (kind) {
    case ApplicantKind::Person:
        return "person";
    case ApplicantKind::Organisation:
        return "organisation";
    }
    return "";
}

// The names come from the writer's own function (toString()), so each spelling is written once.
template <typename Enum> class EnumNames {
public:
    EnumNames(const char* (*name)(Enum), std::initializer_list<Enum> values)
        : EnumNames(name, std::vector<Enum>(values)) {}
    EnumNames(const char* (*name)(Enum), const std::vector<Enum>& values) {
        for (const auto value : values) {
            m_names.emplace_back(name(value));
            m_values.push_back(value);
        }
    }

    /// The value named at `key`; `fallback` when absent or unknown (the reader has recorded the problem).
    Enum read(JsonObjectReader& reader, const std::string& key, Enum fallback) const {
        const auto name = reader.choice(key, m_names);
        for (std::size_t i = 0; i < m_names.size(); ++i)
            if (m_names[i] == name)
                return m_values[i];
        return fallback;
    }

private:
    std::vector<std::string_view> m_names;
    std::vector<Enum> m_values;
};

const EnumNames<WindowType> kWindowTypes{
    toString, {WindowType::Universal, WindowType::Domain, WindowType::CrossProvince}};
const EnumNames<CaseStatus> kCaseStatuses{
    toString,
    {CaseStatus::Draft, CaseStatus::Received, CaseStatus::Accepted, CaseStatus::Correction,
     CaseStatus::Conditional, CaseStatus::Refused, CaseStatus::UnderReview, CaseStatus::Approved,
     CaseStatus::Denied, CaseStatus::AwaitingRelease, CaseStatus::Released, CaseStatus::Withdrawn}};
const EnumNames<MaterialStatus> kMaterialStatuses{
    toString,
    {MaterialStatus::Unchecked, MaterialStatus::Original, MaterialStatus::Copy, MaterialStatus::Exempt,
     MaterialStatus::Missing, MaterialStatus::NonConforming, MaterialStatus::NotApplicable}};
const EnumNames<RefusalKind> kRefusalKinds{toString, [] {
                                               std::vector<RefusalKind> kinds;
                                               for (const auto& row : refusalTable())
                                                   kinds.push_back(row.kind);
                                               return kinds;
                                           }()};
const EnumNames<ReleaseMethod> kReleaseMethods{
    toString, {ReleaseMethod::Window, ReleaseMethod::Mail, ReleaseMethod::Locker}};
const EnumNames<ApplicantKind> kApplicantKinds{applicantKindName,
                                               {ApplicantKind::Person, ApplicantKind::Organisation}};

std::optional<CivilDate> readDate(JsonObjectReader& reader, const std::string& key,
                                  Presence presence = Presence::Required) {
    const auto text = reader.text(key, presence);
    if (text.empty())
        return std::nullopt;
    auto date = CivilDate::parse(text);
    if (!date) {
        reader.problem(key, date.error().code.c_str(), date.error().what, date.error().fix);
        return std::nullopt;
    }
    return date.value();
}

// Page names become paths in the blob store (DIR/ab/abcdef…), so only a lower-case hex SHA-256 may pass.
bool isSha256Hex(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char ch) {
               return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
           });
}

void readItem(JsonObjectReader& reader, Case& c) {
    // Read in place: the item's problems carry paths under "$.item", and nothing is parsed twice.
    if (auto item = reader.object("item"))
        c.item = readItemObject(*item);
}

Applicant readApplicant(JsonObjectReader& r) {
    Applicant a;
    a.kind = kApplicantKinds.read(r, "kind", ApplicantKind::Person);
    a.name = r.text("name", Presence::Optional);
    a.idNumber = r.text("id_number", Presence::Optional);
    a.creditCode = r.text("credit_code", Presence::Optional);
    a.legalRepresentative = r.text("legal_representative", Presence::Optional);
    a.phone = r.text("phone", Presence::Optional);
    a.address = r.text("address", Presence::Optional);
    r.finish();
    return a;
}

Agent readAgent(JsonObjectReader& r) {
    Agent a;
    a.name = r.text("name");
    a.idNumber = r.text("id_number", Presence::Optional);
    a.phone = r.text("phone", Presence::Optional);
    a.authorisation = r.text("authorisation", Presence::Optional);
    r.finish();
    return a;
}

CaseMaterial readMaterial(JsonObjectReader& r) {
    CaseMaterial m;
    m.id = r.text("id");
    m.status = kMaterialStatuses.read(r, "status", MaterialStatus::Unchecked);
    m.licenceNumber = r.text("licence_number", Presence::Optional);
    m.note = r.text("note", Presence::Optional);
    m.pages = r.texts("pages", Presence::Required, 0);
    for (std::size_t i = 0; i < m.pages.size(); ++i)
        if (!isSha256Hex(m.pages[i]))
            r.problem("pages[" + std::to_string(i) + "]", "case.page_name",
                      Message(N_("page \"{page}\" is not a SHA-256 name of the blob store"),
                              {{"page", m.pages[i]}}),
                      Message(N_("write the page as 64 lower-case hexadecimal digits")));
    r.finish();
    return m;
}

Refusal readRefusal(JsonObjectReader& r) {
    Refusal refusal;
    refusal.kind = kRefusalKinds.read(r, "kind", RefusalKind::Other);
    refusal.text = r.text("text");
    refusal.applyTo = r.text("apply_to", Presence::Optional);
    refusal.basis = r.text("basis", Presence::Optional);
    r.finish();
    return refusal;
}

Release readRelease(JsonObjectReader& r) {
    Release release;
    release.method = kReleaseMethods.read(r, "method", ReleaseMethod::Window);
    release.receiverName = r.text("receiver_name");
    release.byProxy = r.boolean("by_proxy").value_or(false);
    release.proxyIdNumber = r.text("proxy_id_number", Presence::Optional);
    release.trackingNumber = r.text("tracking_number", Presence::Optional);
    release.lockerCode = r.text("locker_code", Presence::Optional);
    release.staff = r.text("staff", Presence::Optional);
    release.window = r.text("window", Presence::Optional);
    release.signature = r.text("signature", Presence::Optional);
    release.on = readDate(r, "on").value_or(CivilDate{});
    r.finish();
    return release;
}

IssuedDocument readDocument(JsonObjectReader& r) {
    IssuedDocument document;
    document.kind = r.text("kind");
    document.number = r.text("number");
    document.on = readDate(r, "on").value_or(CivilDate{});
    r.finish();
    return document;
}

// The form's definition is kept whole with the case: the case is read, checked and printed with the version
// it was filled with, whatever forms/application holds today.
std::optional<CaseForm> readForm(JsonObjectReader& r) {
    CaseForm form;
    r.text("item");
    r.integer("version", 1, 100000);
    if (auto definition = r.object("definition")) {
        std::ostringstream text;
        Poco::JSON::Stringifier::condense(definition->json(), text);
        auto parsed = parseApplicationForm(text.str(), r.pathOf("definition"));
        if (!parsed.ok()) {
            const auto& e = parsed.errors.front();
            r.problem("definition", e.code.c_str(), e.what, e.fix);
        }
        form.definition = parsed.form;
    }
    if (auto values = r.object("values")) {
        std::ostringstream text;
        Poco::JSON::Stringifier::condense(values->json(), text);
        form.values = text.str();
    }
    r.finish();
    if (!form.definition)
        return std::nullopt;
    return form;
}

Case readCase(JsonObjectReader& r) {
    Case c;
    c.number = r.text("number");
    readItem(r, c);
    c.window = r.text("window");
    c.windowType = kWindowTypes.read(r, "window_type", WindowType::Universal);
    c.staff = r.text("staff");
    if (auto applicant = r.object("applicant"))
        c.applicant = readApplicant(*applicant);
    if (auto agent = r.object("agent", Presence::Optional))
        c.agent = readAgent(*agent);
    for (auto& material : r.objects("materials", Presence::Required, 0))
        c.materials.push_back(readMaterial(material));
    c.status = kCaseStatuses.read(r, "status", CaseStatus::Draft);
    c.createdOn = readDate(r, "created_on").value_or(CivilDate{});
    c.receivedOn = readDate(r, "received_on", Presence::Optional);
    c.correctionDeadline = readDate(r, "correction_deadline", Presence::Optional);
    c.acceptedOn = readDate(r, "accepted_on", Presence::Optional);
    c.acceptedByDefault = r.boolean("accepted_by_default").value_or(false);
    c.decidedOnTheSpot = r.boolean("decided_on_the_spot", Presence::Optional).value_or(false);
    c.dueStatutory = readDate(r, "due_statutory", Presence::Optional);
    c.duePromised = readDate(r, "due_promised", Presence::Optional);
    c.supplementBy = readDate(r, "supplement_by", Presence::Optional);
    c.pledgeSigned = r.boolean("pledge_signed").value_or(false);
    c.pledgeSignature = r.text("pledge_signature", Presence::Optional);
    c.decidedOn = readDate(r, "decided_on", Presence::Optional);
    c.provisionalDates = r.texts("provisional_dates", Presence::Optional, 0);
    c.correctionGaps = r.texts("correction_gaps", Presence::Required, 0);
    c.priorCorrectionGaps = r.texts("prior_correction_gaps", Presence::Required, 0);
    if (auto refusal = r.object("refusal", Presence::Optional))
        c.refusal = readRefusal(*refusal);
    c.decisionReason = r.text("decision_reason", Presence::Optional);
    if (auto release = r.object("release", Presence::Optional))
        c.release = readRelease(*release);
    c.resubmissionOf = r.text("resubmission_of", Presence::Optional);
    c.resubmittedAs = r.text("resubmitted_as", Presence::Optional);
    for (auto& document : r.objects("documents", Presence::Required, 0))
        c.documents.push_back(readDocument(document));
    if (auto form = r.object("form", Presence::Optional))
        c.form = readForm(*form);
    r.finish();
    return c;
}

} // namespace

Poco::JSON::Object::Ptr caseToJson(const Case& c) {
    auto o = newObject();
    o->set("number", c.number);
    o->set("item", itemToJson(c.item));
    o->set("window", c.window);
    o->set("window_type", toString(c.windowType));
    o->set("staff", c.staff);

    auto applicant = newObject();
    applicant->set("kind", applicantKindName(c.applicant.kind));
    setText(*applicant, "name", c.applicant.name);
    setText(*applicant, "id_number", c.applicant.idNumber);
    setText(*applicant, "credit_code", c.applicant.creditCode);
    setText(*applicant, "legal_representative", c.applicant.legalRepresentative);
    setText(*applicant, "phone", c.applicant.phone);
    setText(*applicant, "address", c.applicant.address);
    o->set("applicant", applicant);

    if (c.agent) {
        auto agent = newObject();
        agent->set("name", c.agent->name);
        setText(*agent, "id_number", c.agent->idNumber);
        setText(*agent, "phone", c.agent->phone);
        setText(*agent, "authorisation", c.agent->authorisation);
        o->set("agent", agent);
    }

    Poco::JSON::Array::Ptr materials = new Poco::JSON::Array;
    for (const auto& m : c.materials) {
        auto material = newObject();
        material->set("id", m.id);
        material->set("status", toString(m.status));
        setText(*material, "licence_number", m.licenceNumber);
        setText(*material, "note", m.note);
        material->set("pages", textArray(m.pages));
        materials->add(material);
    }
    o->set("materials", materials);

    o->set("status", toString(c.status));
    o->set("created_on", c.createdOn.iso());
    setDate(*o, "received_on", c.receivedOn);
    setDate(*o, "correction_deadline", c.correctionDeadline);
    setDate(*o, "accepted_on", c.acceptedOn);
    o->set("accepted_by_default", c.acceptedByDefault);
    if (c.decidedOnTheSpot)
        o->set("decided_on_the_spot", true);
    setDate(*o, "due_statutory", c.dueStatutory);
    setDate(*o, "due_promised", c.duePromised);
    setDate(*o, "supplement_by", c.supplementBy);
    o->set("pledge_signed", c.pledgeSigned);
    setText(*o, "pledge_signature", c.pledgeSignature);
    setDate(*o, "decided_on", c.decidedOn);
    if (!c.provisionalDates.empty()) // a case counted on notices only has none, and its JSON stays as it was
        o->set("provisional_dates", textArray(c.provisionalDates));
    o->set("correction_gaps", textArray(c.correctionGaps));
    o->set("prior_correction_gaps", textArray(c.priorCorrectionGaps));

    if (c.refusal) {
        auto refusal = newObject();
        refusal->set("kind", toString(c.refusal->kind));
        refusal->set("text", c.refusal->text);
        setText(*refusal, "apply_to", c.refusal->applyTo);
        setText(*refusal, "basis", c.refusal->basis);
        o->set("refusal", refusal);
    }
    setText(*o, "decision_reason", c.decisionReason);
    if (c.release) {
        auto release = newObject();
        release->set("method", toString(c.release->method));
        release->set("receiver_name", c.release->receiverName);
        release->set("by_proxy", c.release->byProxy);
        setText(*release, "proxy_id_number", c.release->proxyIdNumber);
        setText(*release, "tracking_number", c.release->trackingNumber);
        setText(*release, "locker_code", c.release->lockerCode);
        setText(*release, "staff", c.release->staff);
        setText(*release, "window", c.release->window);
        setText(*release, "signature", c.release->signature);
        release->set("on", c.release->on.iso());
        o->set("release", release);
    }
    setText(*o, "resubmission_of", c.resubmissionOf);
    setText(*o, "resubmitted_as", c.resubmittedAs);

    Poco::JSON::Array::Ptr documents = new Poco::JSON::Array;
    for (const auto& d : c.documents) {
        auto document = newObject();
        document->set("kind", d.kind);
        document->set("number", d.number);
        document->set("on", d.on.iso());
        documents->add(document);
    }
    o->set("documents", documents);
    if (c.form && c.form->definition) {
        Poco::JSON::Parser parser;
        auto form = newObject();
        form->set("item", c.form->definition->item);
        form->set("version", c.form->definition->version);
        form->set("definition", parser.parse(c.form->definition->json));
        parser.reset();
        form->set("values", parser.parse(c.form->values.empty() ? std::string("{}") : c.form->values));
        o->set("form", form);
    }
    return o;
}

Expected<Case> caseFromJson(std::string_view json, const std::string& where) {
    JsonProblems problems(where);
    auto root = parseJsonObject(json, problems);
    if (!root)
        return problems.errors().front();
    JsonObjectReader reader(root, "$", problems);
    auto c = readCase(reader);
    if (!problems.empty())
        return problems.errors().front();
    return c;
}

} // namespace ywtb::core
