#include "core/case_json.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Stringifier.h>
#include <catch2/catch.hpp>
#include <sstream>

using namespace ywtb::core;

namespace {

const std::string kPageEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kPageAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

CivilDate date(const char* iso) {
    return CivilDate::parse(iso).value();
}

std::string stringify(const Poco::JSON::Object::Ptr& object) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(object, out);
    return out.str();
}

// A small but valid guide: one material per MaterialStatus, so a case can use every status.
Item smallItem() {
    Item item;
    item.code = "SCJG-XK-001";
    item.name = "食品经营许可（新办）";
    item.department = "徐汇区市场监督管理局";
    item.type = ItemType::Licence;
    item.legalBasis = {"《中华人民共和国食品安全法》第三十五条"};
    item.limits = {10, 5};
    item.conditions = {"有与经营的食品品种、数量相适应的经营场所"};
    item.windows = {WindowType::Universal, WindowType::Domain};
    item.visits = 1;
    item.result = ItemResult{"食品经营许可证", {Delivery::Window, Delivery::Mail}};
    for (int i = 1; i <= 7; ++i) {
        Material m;
        m.id = "M0" + std::to_string(i);
        m.name = "材料" + std::to_string(i);
        m.requirement = i <= 5 ? MaterialRequirement::Required : MaterialRequirement::Secondary;
        m.form = i % 2 ? MaterialForm::Original : MaterialForm::Copy;
        m.standard = "完整、一致、准确";
        if (i == 4)
            m.elicence = "营业执照";
        if (i == 7)
            m.appliesWhen = "设有加工操作区的";
        item.materials.push_back(m);
    }
    return item;
}

Case draftCase() {
    Case c;
    c.number = "XH-2026-000001";
    c.item = smallItem();
    c.window = "A03";
    c.windowType = WindowType::Universal;
    c.staff = "张敏";
    c.applicant.kind = ApplicantKind::Person;
    c.applicant.name = "李华";
    c.applicant.idNumber = "11010519491231002X";
    c.createdOn = date("2026-03-02");
    for (const auto& m : c.item.materials)
        c.materials.push_back(CaseMaterial{m.id, MaterialStatus::Unchecked, {}, {}, {}});
    return c;
}

Case fullCase() {
    Case c = draftCase();
    c.windowType = WindowType::CrossProvince;
    c.applicant = Applicant{
        ApplicantKind::Organisation, "上海某某餐饮有限公司", "", "91310000MA1FL8TQ0X", "王强", "13800138000",
        "上海市徐汇区漕溪北路1号"};
    c.agent = Agent{"赵六", "310104199001011234", "13900139000", "授权委托书"};
    const MaterialStatus statuses[] = {MaterialStatus::Original,     MaterialStatus::Copy,
                                       MaterialStatus::Unchecked,    MaterialStatus::Exempt,
                                       MaterialStatus::Missing,      MaterialStatus::NonConforming,
                                       MaterialStatus::NotApplicable};
    for (std::size_t i = 0; i < c.materials.size(); ++i)
        c.materials[i].status = statuses[i];
    c.materials[0].pages = {kPageAbc, kPageEmpty};
    c.materials[1].pages = {kPageEmpty};
    c.materials[3].licenceNumber = "310104000123456";
    c.materials[5].note = "法定代表人签字缺失";
    c.status = CaseStatus::Released;
    c.receivedOn = date("2026-03-02");
    c.correctionDeadline = date("2026-03-09");
    c.acceptedOn = date("2026-03-10");
    c.acceptedByDefault = true;
    c.dueStatutory = date("2026-03-24");
    c.duePromised = date("2026-03-17");
    c.supplementBy = date("2026-03-20");
    c.pledgeSigned = true;
    c.pledgeSignature = std::string(64, 'a');
    c.decidedOn = date("2026-03-16");
    c.correctionGaps = {"M05", "M06"};
    c.priorCorrectionGaps = {"M06"};
    c.refusal = Refusal{RefusalKind::NotOurPower, "不属于本部门职权范围", "上海市市场监督管理局", ""};
    c.decisionReason = "经营场所不符合要求";
    c.release = Release{ReleaseMethod::Mail,
                        "赵六",
                        true,
                        "310104199001011234",
                        "SF1234567890",
                        "",
                        "S008",
                        "P01",
                        std::string(64, 'b'),
                        date("2026-03-18")};
    c.resubmissionOf = "XH-2026-000000";
    c.resubmittedAs = "XH-2026-000002";
    c.documents = {IssuedDocument{"acceptance_notice", "沪徐汇受〔2026〕000123号", date("2026-03-10")},
                   IssuedDocument{"delivery_receipt", "沪徐汇送〔2026〕000045号", date("2026-03-18")}};
    return c;
}

// The draft's JSON with one top-level key set to `value`, for the bad-input cases.
std::string draftJsonWith(const std::string& key, const std::string& value) {
    auto o = caseToJson(draftCase());
    o->set(key, value);
    return stringify(o);
}

} // namespace

TEST_CASE("A fully populated case reads back to the same JSON", "[case][json]") {
    const auto first = stringify(caseToJson(fullCase()));
    const auto back = caseFromJson(first, "case.json");
    INFO(first);
    REQUIRE(back.ok());
    CHECK(stringify(caseToJson(back.value())) == first);

    const Case& c = back.value();
    CHECK(c.number == "XH-2026-000001");
    CHECK(c.item.code == "SCJG-XK-001");
    CHECK(c.item.materials.size() == 7);
    CHECK(c.windowType == WindowType::CrossProvince);
    CHECK(c.status == CaseStatus::Released);
    CHECK(c.createdOn == date("2026-03-02"));
    REQUIRE(c.acceptedOn);
    CHECK(*c.acceptedOn == date("2026-03-10"));
    CHECK(c.acceptedByDefault);
    REQUIRE(c.supplementBy);
    CHECK(*c.supplementBy == date("2026-03-20"));
    CHECK(c.applicant.kind == ApplicantKind::Organisation);
    CHECK(c.applicant.creditCode == "91310000MA1FL8TQ0X");
    CHECK(c.applicant.idNumber.empty());
    REQUIRE(c.agent);
    CHECK(c.agent->name == "赵六");
    REQUIRE(c.materials.size() == 7);
    CHECK(c.materials[0].pages == std::vector<std::string>{kPageAbc, kPageEmpty});
    CHECK(c.materials[3].status == MaterialStatus::Exempt);
    CHECK(c.materials[3].licenceNumber == "310104000123456");
    CHECK(c.materials[5].status == MaterialStatus::NonConforming);
    CHECK(c.materials[6].status == MaterialStatus::NotApplicable);
    REQUIRE(c.refusal);
    CHECK(c.refusal->kind == RefusalKind::NotOurPower);
    CHECK(c.refusal->applyTo == "上海市市场监督管理局");
    REQUIRE(c.release);
    CHECK(c.release->method == ReleaseMethod::Mail);
    CHECK(c.release->byProxy);
    CHECK(c.release->trackingNumber == "SF1234567890");
    CHECK(c.release->lockerCode.empty());
    CHECK(c.release->on == date("2026-03-18"));
    CHECK(c.release->signature == std::string(64, 'b'));
    CHECK(c.release->staff == "S008");
    CHECK(c.release->window == "P01");
    CHECK(c.pledgeSignature == std::string(64, 'a'));
    CHECK(c.correctionGaps == std::vector<std::string>{"M05", "M06"});
    CHECK(c.priorCorrectionGaps == std::vector<std::string>{"M06"});
    REQUIRE(c.documents.size() == 2);
    CHECK(c.documents[1].number == "沪徐汇送〔2026〕000045号");
    CHECK(c.documents[1].on == date("2026-03-18"));
}

TEST_CASE("A draft case leaves out the keys it has no value for and reads back unchanged", "[case][json]") {
    const auto json = caseToJson(draftCase());
    for (const char* key : {"agent", "refusal", "release", "received_on", "correction_deadline",
                            "accepted_on", "due_statutory", "due_promised", "supplement_by", "decided_on",
                            "decision_reason", "resubmission_of", "resubmitted_as"}) {
        INFO(key);
        CHECK_FALSE(json->has(key));
    }
    const auto applicant = json->getObject("applicant");
    CHECK_FALSE(applicant->has("credit_code"));
    CHECK_FALSE(applicant->has("address"));
    CHECK(json->getValue<std::string>("status") == "draft");

    const auto first = stringify(json);
    const auto back = caseFromJson(first, "draft.json");
    REQUIRE(back.ok());
    CHECK(stringify(caseToJson(back.value())) == first);
    CHECK_FALSE(back->agent);
    CHECK_FALSE(back->acceptedOn);
    CHECK(back->applicant.kind == ApplicantKind::Person);
    CHECK(back->materials.front().status == MaterialStatus::Unchecked);
}

TEST_CASE("Bad case JSON is refused with the JSON path of the problem", "[case][json]") {
    SECTION("an unknown status") {
        const auto result = caseFromJson(draftJsonWith("status", "pending"), "case.json");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "json.choice");
        CHECK_THAT(result.error().where, Catch::Contains("case.json") && Catch::Contains("$.status"));
    }
    SECTION("a date that is not in the calendar") {
        const auto result = caseFromJson(draftJsonWith("accepted_on", "2026-13-01"), "case.json");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "date.invalid");
        CHECK_THAT(result.error().where, Catch::Contains("$.accepted_on"));
    }
    SECTION("an unknown key") {
        const auto result = caseFromJson(draftJsonWith("colour", "blue"), "case.json");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "json.unknown_field");
        CHECK_THAT(result.error().where, Catch::Contains("$.colour"));
    }
    SECTION("an invalid item, named under $.item") {
        auto o = caseToJson(draftCase());
        o->getObject("item")->set("code", "bad code");
        const auto result = caseFromJson(stringify(o), "case.json");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "catalogue.code");
        CHECK(ywtb::testing::withoutLine(result.error().where) == "case.json $.item.code");
    }
    SECTION("a page that is not a SHA-256 name") {
        auto o = caseToJson(draftCase());
        o->getArray("materials")->getObject(0)->getArray("pages")->add("../../etc/passwd");
        const auto result = caseFromJson(stringify(o), "case.json");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "case.page_name");
        CHECK_THAT(result.error().where, Catch::Contains("$.materials[0].pages[0]"));
    }
    SECTION("text that is not JSON") {
        const auto result = caseFromJson("{\"number\": ", "case.json");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "json.syntax");
    }
}
