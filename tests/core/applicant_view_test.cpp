// core::applicantViewOf: what the applicant's screen shows of a case, and that it never shows their numbers.

#include "core/applicant_view.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {

Case threeMaterialCase() {
    Case c;
    c.number = "310104-W01-20260928-0001";
    c.item.name = "食品经营许可（新办）";
    c.applicant.name = "张三丰";
    c.applicant.idNumber = "310101199003072313";
    c.applicant.phone = "13812345678";
    for (auto [id, name, requirement] : {std::tuple{"m1", "申请书", MaterialRequirement::Required},
                                         std::tuple{"m2", "营业执照", MaterialRequirement::Required},
                                         std::tuple{"m3", "场所平面图", MaterialRequirement::Secondary}}) {
        Material m;
        m.id = id;
        m.name = name;
        m.requirement = requirement;
        c.item.materials.push_back(m);
        CaseMaterial held;
        held.id = id;
        c.materials.push_back(held);
    }
    return c;
}

} // namespace

TEST_CASE("the applicant's view lists every material of the guide in order, each still to check at first",
          "[core][applicant_view]") {
    const auto view = applicantViewOf(threeMaterialCase());
    CHECK(view.caseNumber == "310104-W01-20260928-0001");
    CHECK(view.itemName == "食品经营许可（新办）");
    REQUIRE(view.materials.size() == 3);
    CHECK(view.materials[0].name == "申请书");
    CHECK(view.materials[2].name == "场所平面图");
    CHECK(view.toCheck == 3);
    CHECK(view.toBring == 0);
    for (const auto& line : view.materials)
        CHECK(line.mark == MaterialMark::ToCheck);
}

TEST_CASE(
    "the applicant's view marks what was taken, what is not needed, and counts what must still be brought",
    "[core][applicant_view]") {
    auto c = threeMaterialCase();
    c.materials[0].status = MaterialStatus::Original;
    c.materials[0].pages = {"a", "b"};
    c.materials[1].status = MaterialStatus::NonConforming;
    c.materials[1].note = "经营范围与申请不一致";
    c.materials[2].status = MaterialStatus::Missing; // secondary: shown missing, not counted as to bring
    const auto view = applicantViewOf(c);
    CHECK(view.materials[0].mark == MaterialMark::Received);
    CHECK(view.materials[0].scannedPages == 2);
    CHECK(view.materials[1].mark == MaterialMark::NeedsCorrection);
    CHECK(view.materials[1].note == "经营范围与申请不一致");
    CHECK(view.materials[2].mark == MaterialMark::Missing);
    CHECK(view.toCheck == 0);
    CHECK(view.toBring == 1);

    c.materials[1].status = MaterialStatus::Exempt;
    c.materials[1].note = "remark for the clerk";
    const auto exempt = applicantViewOf(c);
    CHECK(exempt.materials[1].mark == MaterialMark::NotNeeded);
    CHECK(exempt.materials[1].note.empty()); // only a correction's note is the applicant's business
    CHECK(markOf(MaterialStatus::NotApplicable) == MaterialMark::NotNeeded);
    CHECK(markOf(MaterialStatus::Copy) == MaterialMark::Received);
}

TEST_CASE("the applicant's view faces the hall: the name is masked and no ID number or phone is in it",
          "[core][applicant_view]") {
    auto c = threeMaterialCase();
    c.status = CaseStatus::Accepted;
    c.duePromised = *CivilDate::parse("2026-10-10");
    c.documents.push_back({"acceptance_notice", "沪徐汇受〔2026〕000001号", *CivilDate::parse("2026-09-28")});
    const auto view = applicantViewOf(c);
    CHECK(view.applicantName == "张**");
    CHECK(view.status == CaseStatus::Accepted);
    CHECK(view.duePromised == *CivilDate::parse("2026-10-10"));
    REQUIRE(view.documents.size() == 1);
    CHECK(view.documents[0] == "沪徐汇受〔2026〕000001号");
}
