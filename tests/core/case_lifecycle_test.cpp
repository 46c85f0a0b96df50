#include "core/case_lifecycle.h"
#include "support/lifecycle_support.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

namespace {

using ywtb::testing::day;
using ywtb::testing::on;

Item foodLicence(bool onTheSpot = false) {
    Item item;
    item.code = "SCJG-XK-001";
    item.name = "食品经营许可（新办）";
    item.limits = {10, 5};
    item.onTheSpot = onTheSpot;
    item.windows = {WindowType::Universal, WindowType::Domain};
    item.materials = {
        {"M01", "申请书", MaterialRequirement::Required, MaterialForm::Original, 1, "签字", "", ""},
        {"M02", "营业执照", MaterialRequirement::Required, MaterialForm::Copy, 1, "有效期内", "营业执照", ""},
        {"M03", "经营场所平面图", MaterialRequirement::Secondary, MaterialForm::Copy, 1, "标明面积", "", ""},
        {"M04", "授权委托书", MaterialRequirement::Required, MaterialForm::Original, 1, "签字盖章", "",
         "委托代理人办理时"},
    };
    return item;
}

Case draft(bool onTheSpot = false) {
    Applicant applicant{ApplicantKind::Organisation,
                        "上海某某餐饮有限公司",
                        "",
                        "91310104MA1FL0000X",
                        "张三",
                        "13812345678",
                        ""};
    auto c = openCase(foodLicence(onTheSpot), "310104-W01-20260928-0001", applicant, std::nullopt, "W01",
                      WindowType::Universal, "S001", day("2026-09-28"));
    REQUIRE(c.ok());
    return std::move(c).value();
}

Case with(Case c, const std::string& id, MaterialStatus status, const std::string& licence = "",
          const std::string& note = "") {
    auto next = recordMaterial(c, id, status, licence, note);
    INFO((next.ok() ? std::string() : next.error().str()));
    REQUIRE(next.ok());
    return std::move(next).value();
}

Case complete() {
    auto c = with(draft(), "M01", MaterialStatus::Original);
    c = with(c, "M02", MaterialStatus::Exempt, "E-310104-0042");
    c = with(c, "M03", MaterialStatus::Copy);
    return with(c, "M04", MaterialStatus::NotApplicable);
}

Case step(const Case& c, Decision d, const char* date) {
    auto next = decide(c, d, on(date));
    INFO((next.ok() ? std::string() : next.error().str()));
    REQUIRE(next.ok());
    return std::move(next).value();
}

Decision kind(DecisionKind k) {
    Decision d;
    d.kind = k;
    return d;
}

std::string refusedCode(const Expected<Case>& result) {
    REQUIRE_FALSE(result.ok());
    return result.error().code;
}

} // namespace

TEST_CASE("a complete case is accepted with both due dates in working days", "[case]") {
    auto accepted = step(complete(), kind(DecisionKind::Accept), "2026-09-28");
    CHECK(accepted.status == CaseStatus::Accepted);
    CHECK(accepted.acceptedOn == day("2026-09-28"));
    CHECK(accepted.duePromised->iso() == "2026-10-10"); // 5 working days over National Day
    CHECK(accepted.dueStatutory->iso() == "2026-10-16");
}

TEST_CASE("a case with a gap cannot be accepted, and the error names the material and the state",
          "[case][illegal]") {
    auto c = with(complete(), "M03", MaterialStatus::Missing);
    auto result = decide(c, kind(DecisionKind::Accept), on("2026-09-28"));
    CHECK(refusedCode(result) == "lifecycle.gaps");
    CHECK_THAT(result.error().str(),
               Catch::Contains("M03") && Catch::Contains("(draft)") && Catch::Contains("8.1.2"));
}

TEST_CASE("no decision is taken while a material is unchecked", "[case][illegal]") {
    auto c = with(draft(), "M01", MaterialStatus::Original);
    for (auto k :
         {DecisionKind::Accept, DecisionKind::Receive, DecisionKind::Correction, DecisionKind::Conditional}) {
        auto d = kind(k);
        d.pledgeSigned = true;
        d.supplementBy = day("2026-10-09");
        CHECK(refusedCode(decide(c, d, on("2026-09-28"))) == "lifecycle.unchecked");
    }
}

TEST_CASE("materials: copies, exemptions, not-applicable and non-conforming follow the guide",
          "[case][illegal]") {
    auto c = draft();
    CHECK(refusedCode(recordMaterial(c, "M01", MaterialStatus::Copy, "", "")) == "lifecycle.copy");
    CHECK(refusedCode(recordMaterial(c, "M01", MaterialStatus::Exempt, "X1", "")) == "lifecycle.exempt");
    CHECK(refusedCode(recordMaterial(c, "M02", MaterialStatus::Exempt, "", "")) ==
          "lifecycle.licence_number");
    CHECK(refusedCode(recordMaterial(c, "M01", MaterialStatus::NotApplicable, "", "")) ==
          "lifecycle.not_applicable");
    CHECK(refusedCode(recordMaterial(c, "M03", MaterialStatus::NonConforming, "", "")) == "lifecycle.reason");
    CHECK(refusedCode(recordMaterial(c, "M09", MaterialStatus::Original, "", "")) == "lifecycle.material");
    CHECK(refusedCode(recordMaterial(c, "M01", MaterialStatus::Unchecked, "", "")) ==
          "lifecycle.material_status");
    auto exempt = with(c, "M02", MaterialStatus::Exempt, "E-310104-0042");
    CHECK(exempt.material("M02")->licenceNumber == "E-310104-0042");
    CHECK(with(exempt, "M02", MaterialStatus::Copy).material("M02")->licenceNumber.empty());
}

TEST_CASE("receive, then accept on the merits", "[case]") {
    auto received = step(complete(), kind(DecisionKind::Receive), "2026-09-28");
    CHECK(received.status == CaseStatus::Received);
    CHECK(received.correctionDeadline->iso() ==
          "2026-10-10"); // 5 working days: National Day skipped, make-up Saturday counted
    auto accepted = step(received, kind(DecisionKind::Accept), "2026-09-29");
    CHECK(accepted.acceptedOn == day("2026-09-29"));
}

TEST_CASE("received: a correction within 5 working days lists every gap at once", "[case]") {
    auto c = with(with(complete(), "M03", MaterialStatus::Missing), "M01", MaterialStatus::NonConforming, "",
                  "缺法定代表人签字");
    auto received = step(c, kind(DecisionKind::Receive), "2026-09-28");
    auto corrected = step(received, kind(DecisionKind::Correction), "2026-10-10");
    CHECK(corrected.status == CaseStatus::Correction);
    CHECK(corrected.correctionGaps == std::vector<std::string>{"M01", "M03"});
}

TEST_CASE(
    "received: after 5 working days a correction is refused and the sweep accepts from the day of receipt",
    "[case][illegal]") {
    auto c = with(complete(), "M03", MaterialStatus::Missing);
    auto received = step(c, kind(DecisionKind::Receive), "2026-09-28");
    auto late = decide(received, kind(DecisionKind::Correction), on("2026-10-12"));
    CHECK(refusedCode(late) == "lifecycle.correction_late");
    CHECK_THAT(late.error().str(), Catch::Contains("2026-10-10") && Catch::Contains("art. 32(四)"));

    auto swept = applyDeadlines(received, on("2026-10-12"));
    REQUIRE(swept.ok());
    REQUIRE(swept->has_value());
    const auto& accepted = **swept;
    CHECK(accepted.status == CaseStatus::Accepted);
    CHECK(accepted.acceptedByDefault);
    CHECK(accepted.acceptedOn == day("2026-09-28"));
    CHECK(accepted.duePromised->iso() == "2026-10-10");
    // on the deadline itself nothing happens yet
    CHECK_FALSE(applyDeadlines(received, on("2026-10-10"))->has_value());
    // and a swept case is not swept again
    CHECK_FALSE(applyDeadlines(accepted, on("2026-10-12"))->has_value());
}

TEST_CASE("a correction needs a gap, and a reason for each non-conforming material", "[case][illegal]") {
    CHECK(refusedCode(decide(complete(), kind(DecisionKind::Correction), on("2026-09-28"))) ==
          "lifecycle.no_gaps");
}

TEST_CASE("a resubmission keeps what was fine and may only be corrected for the gaps first listed",
          "[case]") {
    auto c = with(complete(), "M03", MaterialStatus::Missing);
    auto corrected = step(c, kind(DecisionKind::Correction), "2026-09-28");
    auto resubmission = resubmit(corrected, "310104-W01-20260930-0001", "W01", WindowType::Universal, "S002",
                                 day("2026-09-30"));
    REQUIRE(resubmission.ok());
    auto& again = resubmission->draft;
    CHECK(again.resubmissionOf == corrected.number);
    CHECK(resubmission->original.resubmittedAs == again.number);
    CHECK(again.material("M01")->status == MaterialStatus::Original);  // kept
    CHECK(again.material("M03")->status == MaterialStatus::Unchecked); // to be looked at again

    // still missing M03: a second notice for the same gap is lawful
    auto stillMissing = with(again, "M03", MaterialStatus::Missing);
    CHECK(decide(stillMissing, kind(DecisionKind::Correction), on("2026-09-30")).ok());
    // a new gap in M01 was not listed the first time: 9.2.4 forbids asking for it now
    auto newGap =
        with(with(again, "M03", MaterialStatus::Copy), "M01", MaterialStatus::NonConforming, "", "印章不清");
    auto refused = decide(newGap, kind(DecisionKind::Correction), on("2026-09-30"));
    CHECK(refusedCode(refused) == "lifecycle.not_in_first_notice");
    CHECK_THAT(refused.error().str(), Catch::Contains("M01") && Catch::Contains("9.2.4"));
    // a correction is answered once
    CHECK(refusedCode(Expected<Case>(
              resubmit(resubmission->original, "X", "W01", WindowType::Universal, "S", day("2026-10-08"))
                  .error())) == "lifecycle.resubmitted");
}

TEST_CASE(
    "conditional acceptance: only secondary gaps, a signed pledge, a deadline within the promised limit",
    "[case]") {
    auto c = with(complete(), "M03", MaterialStatus::Missing);
    auto d = kind(DecisionKind::Conditional);
    d.pledgeSigned = true;
    d.supplementBy = day("2026-10-09");
    auto conditional = step(c, d, "2026-09-28");
    CHECK(conditional.status == CaseStatus::Conditional);
    CHECK(conditional.acceptedOn == day("2026-09-28"));
    CHECK(conditional.correctionGaps == std::vector<std::string>{"M03"});

    SECTION("the supplement arrives in time and the case is fully accepted") {
        auto supplied = with(conditional, "M03", MaterialStatus::Copy);
        auto accepted = step(supplied, kind(DecisionKind::Accept), "2026-10-09");
        CHECK(accepted.status == CaseStatus::Accepted);
        CHECK(accepted.acceptedOn == day("2026-09-28"));
    }
    SECTION("the deadline passes and the case is withdrawn") {
        auto swept = applyDeadlines(conditional, on("2026-10-10"));
        REQUIRE(swept->has_value());
        CHECK((*swept)->status == CaseStatus::Withdrawn);
        auto supplied = with(conditional, "M03", MaterialStatus::Copy);
        CHECK(refusedCode(decide(supplied, kind(DecisionKind::Accept), on("2026-10-12"))) ==
              "lifecycle.supplement_late");
    }
    SECTION("after it only secondary materials can change") {
        CHECK(refusedCode(recordMaterial(conditional, "M01", MaterialStatus::Missing, "", "")) ==
              "lifecycle.supplement");
        CHECK(refusedCode(recordMaterial(conditional, "M03", MaterialStatus::Missing, "", "")) ==
              "lifecycle.supplement");
    }
}

TEST_CASE(
    "conditional acceptance is refused for required gaps, no pledge, a late deadline or a flagged applicant",
    "[case][illegal]") {
    auto c = with(complete(), "M03", MaterialStatus::Missing);
    auto d = kind(DecisionKind::Conditional);
    d.pledgeSigned = true;
    d.supplementBy = day("2026-10-09");
    CHECK(refusedCode(decide(with(c, "M01", MaterialStatus::Missing), d, on("2026-09-28"))) ==
          "lifecycle.required_gap");
    CHECK(refusedCode(decide(complete(), d, on("2026-09-28"))) == "lifecycle.no_gaps");
    auto unsigned_ = d;
    unsigned_.pledgeSigned = false;
    CHECK(refusedCode(decide(c, unsigned_, on("2026-09-28"))) == "lifecycle.pledge");
    auto late = d;
    late.supplementBy = day("2026-10-12"); // promised limit ends 2026-10-10
    CHECK(refusedCode(decide(c, late, on("2026-09-28"))) == "lifecycle.supplement_date");
    auto noDate = d;
    noDate.supplementBy.reset();
    CHECK(refusedCode(decide(c, noDate, on("2026-09-28"))) == "lifecycle.supplement_date");
    auto flagged = d;
    flagged.creditFlagged = true;
    CHECK(refusedCode(decide(c, flagged, on("2026-09-28"))) == "lifecycle.credit");
}

TEST_CASE("a refusal needs its kind and reason, and where to apply when it is not the department's power",
          "[case]") {
    auto d = kind(DecisionKind::Refuse);
    CHECK(refusedCode(decide(draft(), d, on("2026-09-28"))) == "lifecycle.reason");
    d.refusalKind = RefusalKind::NotOurPower;
    d.reason = "属于市级事权";
    CHECK(refusedCode(decide(draft(), d, on("2026-09-28"))) == "lifecycle.apply_to");
    d.applyTo = "上海市市场监督管理局";
    auto refused = step(draft(), d, "2026-09-28");
    CHECK(refused.status == CaseStatus::Refused);
    CHECK(refused.refusal->applyTo == "上海市市场监督管理局");
}

TEST_CASE("on the spot: only items the guide says so, approval with complete materials, denial with a reason",
          "[case]") {
    CHECK(refusedCode(decide(complete(), kind(DecisionKind::Approve), on("2026-09-28"))) ==
          "lifecycle.not_on_the_spot");
    Case spot = draft(true);
    for (const auto& m : complete().materials)
        spot = with(spot, m.id, m.status, m.licenceNumber);
    auto approved = step(spot, kind(DecisionKind::Approve), "2026-09-28");
    CHECK(approved.status == CaseStatus::Approved);
    CHECK(approved.decidedOn == day("2026-09-28"));
    CHECK(refusedCode(decide(spot, kind(DecisionKind::Deny), on("2026-09-28"))) == "lifecycle.reason");
}

TEST_CASE("review, decision, release: the whole road of an accepted case", "[case]") {
    const auto ctx = on("2026-10-09");
    auto accepted = step(complete(), kind(DecisionKind::Accept), "2026-09-28");
    auto review = startReview(accepted, ctx);
    REQUIRE(review.ok());
    auto approved = step(*review, kind(DecisionKind::Approve), "2026-10-08");
    auto ready = markReady(approved, ctx);
    REQUIRE(ready.ok());
    CHECK(ready->status == CaseStatus::AwaitingRelease);
    Release byMail{ReleaseMethod::Mail, "张三", false, "", "", "", "", "", "", {}};
    CHECK(refusedCode(releaseResult(*ready, byMail, ctx)) == "lifecycle.tracking");
    byMail.trackingNumber = "SF1234567890";
    auto released = releaseResult(*ready, byMail, ctx);
    REQUIRE(released.ok());
    CHECK(released->status == CaseStatus::Released);
    CHECK(released->release->on == day("2026-10-09"));
    Release proxy{ReleaseMethod::Window, "李四", true, "", "", "", "", "", "", {}};
    CHECK(refusedCode(releaseResult(*ready, proxy, ctx)) == "lifecycle.proxy");
    Release locker{ReleaseMethod::Locker, "张三", false, "", "", "", "", "", "", {}};
    CHECK(refusedCode(releaseResult(*ready, locker, ctx)) == "lifecycle.locker");
}

TEST_CASE("steps out of order name the state the case is in", "[case][illegal]") {
    const auto ctx = on("2026-09-28");
    auto refused = decide(draft(), kind(DecisionKind::Refuse), ctx);
    auto accepted = step(complete(), kind(DecisionKind::Accept), "2026-09-28");
    CHECK(refusedCode(decide(accepted, kind(DecisionKind::Accept), ctx)) == "lifecycle.state");
    CHECK(refusedCode(decide(accepted, kind(DecisionKind::Correction), ctx)) == "lifecycle.state");
    CHECK(refusedCode(startReview(complete(), ctx)) == "lifecycle.state");
    CHECK(refusedCode(markReady(accepted, ctx)) == "lifecycle.state");
    CHECK(refusedCode(releaseResult(accepted,
                                    Release{ReleaseMethod::Window, "张三", false, "", "", "", "", "", "", {}},
                                    ctx)) == "lifecycle.state");
    CHECK(refusedCode(recordMaterial(accepted, "M01", MaterialStatus::Missing, "", "")) == "lifecycle.state");
    auto error = decide(accepted, kind(DecisionKind::Receive), ctx).error();
    CHECK_THAT(error.str(), Catch::Contains("(accepted)") && Catch::Contains("cannot be received"));
}

TEST_CASE("an item is opened only at a window of a type its guide allows", "[case][illegal]") {
    auto c = openCase(foodLicence(), "N", Applicant{}, std::nullopt, "W09", WindowType::CrossProvince, "S",
                      day("2026-09-28"));
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == "lifecycle.window");
}

TEST_CASE("deadline warnings: the correction notice due tomorrow, the promised limit overdue", "[case]") {
    auto received = step(complete(), kind(DecisionKind::Receive), "2026-09-28");
    auto soon = deadlineWarnings(received, on("2026-10-09"));
    REQUIRE(soon.size() == 1);
    CHECK(soon[0].code == "correction_deadline");
    CHECK_FALSE(soon[0].overdue);
    CHECK(deadlineWarnings(received, on("2026-09-29")).empty());
    auto accepted = step(complete(), kind(DecisionKind::Accept), "2026-09-28");
    auto late = deadlineWarnings(accepted, on("2026-10-12"));
    REQUIRE(late.size() == 1);
    CHECK(late[0].code == "promised_limit");
    CHECK(late[0].overdue);
}

TEST_CASE(
    "deemed acceptance (行政许可法 art. 32(四), 8.1.3): a received case past its correction deadline is "
    "accepted from the day of receipt whenever it is decided, and 不予受理 is refused for it",
    "[case][illegal][law]") {
    auto received =
        step(with(complete(), "M03", MaterialStatus::Missing), kind(DecisionKind::Receive), "2026-09-28");
    // The law sees it so without any sweep.
    auto deemed = deemedAcceptance(received, on("2026-10-12"));
    REQUIRE(deemed.ok());
    REQUIRE(deemed->has_value());
    CHECK((*deemed)->status == CaseStatus::Accepted);
    CHECK((*deemed)->acceptedOn == day("2026-09-28"));
    CHECK_FALSE(deemedAcceptance(received, on("2026-10-10"))->has_value());

    // A later accept keeps the receipt date and the limits counted from it.
    auto accepted = step(received, kind(DecisionKind::Accept), "2026-10-20");
    CHECK(accepted.status == CaseStatus::Accepted);
    CHECK(accepted.acceptedByDefault);
    CHECK(accepted.acceptedOn == day("2026-09-28"));
    CHECK(accepted.duePromised->iso() == "2026-10-10");

    // 不予受理 is no longer possible, straight from received or after the deemed acceptance was recorded.
    auto refusal = kind(DecisionKind::Refuse);
    refusal.refusalKind = RefusalKind::NotOurPower;
    refusal.reason = "属于市级事权";
    refusal.applyTo = "上海市市场监督管理局";
    CHECK(refusedCode(decide(received, refusal, on("2026-10-12"))) == "lifecycle.deemed_accepted");
    CHECK(refusedCode(decide(**deemed, refusal, on("2026-10-12"))) == "lifecycle.deemed_accepted");
    // Within the five days it still is.
    CHECK(decide(received, refusal, on("2026-10-10")).ok());

    // The acceptance notice is issued once.
    auto noticed = accepted;
    noticed.documents.push_back({"acceptance_notice", "沪徐汇受〔2026〕000001号", day("2026-10-20")});
    CHECK(refusedCode(decide(noticed, kind(DecisionKind::Accept), on("2026-10-21"))) == "lifecycle.state");
}

TEST_CASE(
    "不予受理 only on lawful grounds (行政许可法 art. 32(1), 8.1.5): \"other\" needs the provision cited",
    "[case][illegal][law]") {
    auto d = kind(DecisionKind::Refuse);
    d.refusalKind = RefusalKind::Other;
    d.reason = "依法不予受理";
    auto noBasis = decide(draft(), d, on("2026-09-28"));
    CHECK(refusedCode(noBasis) == "lifecycle.basis");
    CHECK_THAT(noBasis.error().str(), Catch::Contains("correction notice"));
    d.basis = "《上海市某某条例》第十条";
    auto refused = step(draft(), d, "2026-09-28");
    CHECK(refused.refusal->basis == "《上海市某某条例》第十条");
    // A lawful kind carries the article of the table; a basis typed for it is not kept.
    d.refusalKind = RefusalKind::NoApprovalNeeded;
    CHECK(step(draft(), d, "2026-09-28").refusal->basis.empty());
}

TEST_CASE("on the spot (行政许可法 art. 34, 8.2.1): a denial too needs every material checked and conforming",
          "[case][illegal][law]") {
    Case spot = draft(true);
    for (const auto& m : complete().materials)
        spot = with(spot, m.id, m.status, m.licenceNumber);
    auto gap = with(spot, "M03", MaterialStatus::Missing);
    auto deny = kind(DecisionKind::Deny);
    deny.reason = "场所不符合卫生要求";
    auto refused = decide(gap, deny, on("2026-09-28"));
    CHECK(refusedCode(refused) == "lifecycle.gaps");
    CHECK_THAT(refused.error().str(), Catch::Contains("correction notice"));
    auto denied = step(spot, deny, "2026-09-28");
    CHECK(denied.decidedOnTheSpot);
    CHECK(denied.status == CaseStatus::Denied);
}

TEST_CASE("an item applied for in person refuses an agent, and hands over to no agent or proxy",
          "[case][illegal][law]") {
    auto item = foodLicence();
    item.inPerson = true;
    Applicant person{ApplicantKind::Person, "王五", "11010519491231002X", "", "", "13812345678", ""};
    Agent agent{"赵六", "310104199001011234", "13900139000", "授权委托书"};
    auto withAgent = openCase(item, "310104-W01-20260928-0001", person, agent, "W01", WindowType::Universal,
                              "S001", day("2026-09-28"));
    REQUIRE_FALSE(withAgent.ok());
    CHECK(withAgent.error().code == "lifecycle.in_person");

    auto alone = openCase(item, "310104-W01-20260928-0001", person, std::nullopt, "W01",
                          WindowType::Universal, "S001", day("2026-09-28"));
    REQUIRE(alone.ok());
    auto ready = *alone;
    ready.status = CaseStatus::AwaitingRelease;
    Release proxy{ReleaseMethod::Window, "赵六", true, "310104199001011234", "", "", "", "", "", {}};
    CHECK(refusedCode(releaseResult(ready, proxy, on("2026-10-09"))) == "lifecycle.in_person");
    CHECK_FALSE(checkReceiverCard(ready, "310104199001011234", "赵六", "310104199001011234").ok());
    CHECK(checkReceiverCard(ready, "11010519491231002X", "王五", "").ok());
}
