#include "core/applicant_parser.h"

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/json_reader.h"
#include "core/phone_number.h"

namespace ywtb::core {
namespace {

// A validator's error, moved to the JSON path of the field it concerns.
void reportAt(JsonObjectReader& r, const std::string& key, const Error& e) {
    Message what = e.what;
    r.problem(key, e.code.c_str(), what, e.fix);
}

std::string checkedId(JsonObjectReader& r, const std::string& key, CivilDate today, Presence presence) {
    const auto text = r.text(key, presence);
    if (text.empty())
        return {};
    auto id = parseIdNumber(text, today);
    if (!id) {
        reportAt(r, key, id.error());
        return {};
    }
    return id->number;
}

std::string checkedPhone(JsonObjectReader& r) {
    const auto text = r.text("phone");
    if (text.empty())
        return {};
    auto phone = parsePhoneNumber(text);
    if (!phone) {
        reportAt(r, "phone", phone.error());
        return {};
    }
    return phone->normalised();
}

template <typename T>
Expected<T> finishWith(T value, JsonProblems& problems, std::vector<Error>* allProblems) {
    if (allProblems)
        *allProblems = problems.errors();
    if (!problems.empty())
        return problems.errors().front();
    return value;
}

} // namespace

Expected<Applicant> parseApplicant(std::string_view json, const std::string& where, CivilDate today,
                                   std::vector<Error>* allProblems) {
    JsonProblems problems(where);
    Applicant applicant;
    if (auto root = parseJsonObject(json, problems)) {
        JsonObjectReader r(root, "$", problems);
        applicant.name = r.text("name");
        const bool person = r.has("id_number");
        const bool organisation = r.has("credit_code");
        if (person == organisation)
            r.problem(
                "", "applicant.identity",
                Message(N_(
                    "an applicant has either \"id_number\" (a person) or \"credit_code\" (an organisation)")),
                Message(N_("give exactly one of them")));
        applicant.kind = organisation && !person ? ApplicantKind::Organisation : ApplicantKind::Person;
        applicant.idNumber = checkedId(r, "id_number", today, Presence::Optional);
        if (const auto code = r.text("credit_code", Presence::Optional); !code.empty()) {
            if (auto parsed = parseCreditCode(code))
                applicant.creditCode = parsed->code;
            else
                reportAt(r, "credit_code", parsed.error());
        }
        applicant.legalRepresentative = r.text("legal_representative", Presence::Optional);
        if (!applicant.legalRepresentative.empty() && applicant.kind == ApplicantKind::Person)
            r.problem("legal_representative", "applicant.legal_representative",
                      Message(N_("only an organisation has a legal representative")),
                      Message(N_("remove it, or give the organisation's credit_code")));
        applicant.phone = checkedPhone(r);
        applicant.address = r.text("address", Presence::Optional);
        r.finish();
    }
    return finishWith(std::move(applicant), problems, allProblems);
}

Expected<Agent> parseAgent(std::string_view json, const std::string& where, CivilDate today,
                           std::vector<Error>* allProblems) {
    JsonProblems problems(where);
    Agent agent;
    if (auto root = parseJsonObject(json, problems)) {
        JsonObjectReader r(root, "$", problems);
        agent.name = r.text("name");
        agent.idNumber = checkedId(r, "id_number", today, Presence::Required);
        agent.phone = checkedPhone(r);
        agent.authorisation = r.text("authorisation");
        r.finish();
    }
    return finishWith(std::move(agent), problems, allProblems);
}

} // namespace ywtb::core
