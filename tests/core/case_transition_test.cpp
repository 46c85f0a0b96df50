// The server's check of a pushed change (core/case_transition.h): every step the counter's lifecycle makes
// passes, and a change that is not one of them is refused with the case, both states and the action named.

#include "core/case_json.h"
#include "core/case_lifecycle.h"
#include "core/case_transition.h"
#include "support/lifecycle_support.h"

#include <Poco/JSON/Stringifier.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace ywtb::core;

namespace {

using ywtb::testing::day;
using ywtb::testing::on;

Item foodLicence(bool onTheSpot = false) {
    Item item;
    item.code = "SCJG-XK-001";
    item.name = "食品经营许可（新办）";
    item.department = "上海市市场监督管理局";
    item.legalBasis = {"《食品经营许可和备案管理办法》"};
    item.conditions = {"有与经营的食品品种、数量相适应的经营场所"};
    item.limits = {10, 5};
    item.onTheSpot = onTheSpot;
    item.windows = {WindowType::Universal, WindowType::Domain};
    item.materials = {
        {"M01", "申请书", MaterialRequirement::Required, MaterialForm::Original, 1, "签字", "", ""},
        {"M02", "营业执照", MaterialRequirement::Required, MaterialForm::Copy, 1, "有效期内", "营业执照", ""},
        {"M03", "经营场所平面图", MaterialRequirement::Secondary, MaterialForm::Copy, 1, "标明面积", "", ""},
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

template <typename T> T ok(Expected<T> result) {
    INFO((result.ok() ? std::string() : result.error().str()));
    REQUIRE(result.ok());
    return std::move(result).value();
}

Case with(const Case& c, const std::string& id, MaterialStatus status) {
    return ok(recordMaterial(c, id, status, status == MaterialStatus::Exempt ? "E-310104-0042" : "", ""));
}

Case complete(bool onTheSpot = false) {
    auto c = with(draft(onTheSpot), "M01", MaterialStatus::Original);
    c = with(c, "M02", MaterialStatus::Exempt);
    return with(c, "M03", MaterialStatus::Copy);
}

Case withGap() {
    return with(complete(), "M03", MaterialStatus::Missing);
}

Decision kind(DecisionKind k) {
    Decision d;
    d.kind = k;
    if (k == DecisionKind::Refuse) {
        d.refusalKind = RefusalKind::Suspended;
        d.reason = "政策调整暂停受理";
    }
    if (k == DecisionKind::Deny)
        d.reason = "场所不符合卫生要求";
    if (k == DecisionKind::Conditional) {
        d.pledgeSigned = true;
        d.supplementBy = day("2026-10-09");
    }
    return d;
}

Case decided(const Case& c, DecisionKind k, const char* date = "2026-09-28") {
    return ok(decide(c, kind(k), on(date)));
}

const char* action(DecisionKind k) {
    return decisionRow(k).auditAction;
}

// The counter's step `action` from `before` to `after` passes the server's check.
void legal(const std::string& action, const std::optional<Case>& before, const Case& after) {
    auto checked = checkTransition(action, before, after);
    INFO(action << ": " << (checked.ok() ? std::string() : checked.error().str()));
    CHECK(checked.ok());
}

Error refused(const std::string& action, const std::optional<Case>& before, const Case& after) {
    auto checked = checkTransition(action, before, after);
    REQUIRE_FALSE(checked.ok());
    return checked.error();
}

Case as(Case c, CaseStatus status) {
    c.status = status;
    return c;
}

std::string json(const Case& c) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(caseToJson(c), out);
    return out.str();
}

} // namespace

TEST_CASE(
    "transition: open, materials, acceptance, review, the department's approval, ready and release pass",
    "[transition]") {
    const auto opened = draft();
    legal("case.open", std::nullopt, opened);
    auto c = with(opened, "M01", MaterialStatus::Original);
    legal("case.material", opened, c);
    auto full = complete();
    legal("case.form", full, full);
    auto accepted = decided(full, DecisionKind::Accept);
    legal(action(DecisionKind::Accept), full, accepted);
    auto review = ok(startReview(accepted, on("2026-09-29")));
    legal("case.review", accepted, review);
    auto approved = decided(review, DecisionKind::Approve, "2026-09-30");
    legal(action(DecisionKind::Approve), review, approved);
    auto ready = ok(markReady(approved, on("2026-09-30")));
    legal("case.ready", approved, ready);
    Release release;
    release.receiverName = "张三";
    legal("case.release", ready, ok(releaseResult(ready, release, on("2026-10-08"))));

    // The department's decision as the counter records it: from accepted, review and decision in one step.
    legal(action(DecisionKind::Approve), accepted, approved);
    auto denied = decided(review, DecisionKind::Deny, "2026-09-30");
    legal(action(DecisionKind::Deny), accepted, denied);
    legal(action(DecisionKind::Deny), review, denied);
    legal("case.ready", denied, ok(markReady(denied, on("2026-09-30"))));
}

TEST_CASE("transition: receipt, correction, conditional acceptance, refusal, the sweep and resubmission pass",
          "[transition]") {
    const auto full = complete();
    auto received = decided(full, DecisionKind::Receive);
    legal(action(DecisionKind::Receive), full, received);
    legal("case.material", received, with(received, "M03", MaterialStatus::Original));
    legal("case.form", received, received);
    legal(action(DecisionKind::Accept), received, decided(received, DecisionKind::Accept, "2026-09-29"));
    legal(action(DecisionKind::Refuse), full, decided(full, DecisionKind::Refuse));
    legal(action(DecisionKind::Refuse), received, decided(received, DecisionKind::Refuse, "2026-09-29"));
    auto byDefault = ok(applyDeadlines(received, on("2026-10-20")));
    REQUIRE(byDefault.has_value());
    legal("case.accepted_by_default", received, *byDefault);
    // 8.1.3: its acceptance notice afterwards keeps it accepted; an ordinary accepted case is not accepted
    // again.
    legal(action(DecisionKind::Accept), *byDefault,
          ok(decide(*byDefault, kind(DecisionKind::Accept), on("2026-10-21"))));
    const auto plainAccepted = decided(full, DecisionKind::Accept);
    CHECK(refused(action(DecisionKind::Accept), plainAccepted, plainAccepted).code == "transition.illegal");

    const auto gap = withGap();
    auto correction = decided(gap, DecisionKind::Correction);
    legal(action(DecisionKind::Correction), gap, correction);
    auto receivedGap = decided(gap, DecisionKind::Receive);
    legal(action(DecisionKind::Correction), receivedGap,
          decided(receivedGap, DecisionKind::Correction, "2026-09-29"));
    auto answered = ok(resubmit(correction, "310104-W01-20260929-0001", "W01", WindowType::Universal, "S001",
                                day("2026-09-29")));
    legal("case.resubmitted", correction, answered.original);
    legal("case.open", std::nullopt, answered.draft);

    auto conditional = decided(gap, DecisionKind::Conditional);
    legal(action(DecisionKind::Conditional), gap, conditional);
    auto supplied = with(conditional, "M03", MaterialStatus::Copy);
    legal("case.material", conditional, supplied);
    legal(action(DecisionKind::Accept), supplied, decided(supplied, DecisionKind::Accept, "2026-10-08"));
    auto withdrawn = ok(applyDeadlines(conditional, on("2026-10-12")));
    REQUIRE(withdrawn.has_value());
    legal("case.withdrawn", conditional, *withdrawn);
}

TEST_CASE("transition: an item decided on the spot is approved or denied from the draft", "[transition]") {
    const auto spot = complete(true);
    legal(action(DecisionKind::Approve), spot, decided(spot, DecisionKind::Approve));
    legal(action(DecisionKind::Deny), spot, decided(spot, DecisionKind::Deny));
}

TEST_CASE("transition: every decision of the table and every step the counter writes is known",
          "[transition]") {
    const auto actions = caseActions();
    for (const auto& row : decisionTable())
        CHECK(std::find(actions.begin(), actions.end(), row.auditAction) != actions.end());
    for (const char* written :
         {"case.open", "case.material", "case.form", "case.review", "case.ready", "case.release",
          "case.resubmitted", "case.accepted_by_default", "case.withdrawn"})
        CHECK(std::find(actions.begin(), actions.end(), written) != actions.end());
}

TEST_CASE("transition: a new case opened as approved is refused, naming the case, both states and the action",
          "[transition][illegal]") {
    auto e = refused("case.open", std::nullopt, as(draft(), CaseStatus::Approved));
    CHECK(e.code == "transition.new_case");
    CHECK(e.where == "310104-W01-20260928-0001 (none → approved, case.open)");
    CHECK_THAT(e.str(), Catch::Contains("approved") && Catch::Contains("case.open"));
    // Nor does a case begin with any other change.
    CHECK(
        refused(action(DecisionKind::Accept), std::nullopt, decided(complete(), DecisionKind::Accept)).code ==
        "transition.new_case");
    // A case the server holds is not opened again, not even as a draft.
    CHECK(refused("case.open", draft(), draft()).code == "transition.illegal");
}

TEST_CASE("transition: a received case cannot jump to released", "[transition][illegal]") {
    auto received = decided(complete(), DecisionKind::Receive);
    auto e = refused("case.release", received, as(received, CaseStatus::Released));
    CHECK(e.code == "transition.illegal");
    CHECK(e.where == "310104-W01-20260928-0001 (received → released, case.release)");
    CHECK_THAT(e.str(), Catch::Contains("case.release cannot take a case from received to released"));
    // Nor can it call the jump something else.
    CHECK(refused("case.ready", received, as(received, CaseStatus::Released)).code == "transition.illegal");
    CHECK(refused(action(DecisionKind::Approve), received, as(received, CaseStatus::Approved)).code ==
          "transition.illegal");
}

TEST_CASE("transition: a material or form change that moves the status is refused", "[transition][illegal]") {
    const auto c = draft();
    auto e = refused("case.material", c, as(with(c, "M01", MaterialStatus::Original), CaseStatus::Accepted));
    CHECK(e.where == "310104-W01-20260928-0001 (draft → accepted, case.material)");
    CHECK(refused("case.form", c, as(c, CaseStatus::Approved)).code == "transition.illegal");
    // And after acceptance the materials are no longer the counter's to change.
    auto accepted = decided(complete(), DecisionKind::Accept);
    CHECK(refused("case.material", accepted, accepted).code == "transition.illegal");
    CHECK(refused("case.form", decided(withGap(), DecisionKind::Conditional),
                  decided(withGap(), DecisionKind::Conditional))
              .code == "transition.illegal");
}

TEST_CASE("transition: approval on the spot is refused for an item not decided on the spot",
          "[transition][illegal]") {
    const auto c = complete(false);
    auto e = refused(action(DecisionKind::Approve), c, as(c, CaseStatus::Approved));
    CHECK(e.code == "transition.not_on_the_spot");
    CHECK(e.where == "310104-W01-20260928-0001 (draft → approved, case.approve)");
    CHECK(refused(action(DecisionKind::Deny), c, as(c, CaseStatus::Denied)).code ==
          "transition.not_on_the_spot");
    // The server's copy of the item decides: a change cannot make the item one decided on the spot.
    auto claimed = as(c, CaseStatus::Approved);
    claimed.item.onTheSpot = true;
    CHECK(refused(action(DecisionKind::Approve), c, claimed).code == "transition.not_on_the_spot");
}

TEST_CASE("transition: decisions leave only from the states the lifecycle allows", "[transition][illegal]") {
    auto accepted = decided(complete(), DecisionKind::Accept);
    CHECK(refused(action(DecisionKind::Refuse), accepted, as(accepted, CaseStatus::Refused)).code ==
          "transition.illegal");
    CHECK(refused(action(DecisionKind::Receive), accepted, as(accepted, CaseStatus::Received)).code ==
          "transition.illegal");
    CHECK(refused(action(DecisionKind::Accept), accepted, accepted).code == "transition.illegal");
    // The action must arrive where it says: an acceptance that arrives as approved is not one.
    auto full = complete();
    CHECK(refused(action(DecisionKind::Accept), full, as(full, CaseStatus::Approved)).code ==
          "transition.illegal");
    auto released = as(accepted, CaseStatus::Released);
    CHECK(refused("case.review", released, as(released, CaseStatus::UnderReview)).code ==
          "transition.illegal");
    auto correction = decided(withGap(), DecisionKind::Correction);
    auto answered = ok(resubmit(correction, "310104-W01-20260929-0001", "W01", WindowType::Universal, "S001",
                                day("2026-09-29")));
    CHECK(refused("case.resubmitted", answered.original, answered.original).code == "transition.resubmitted");
}

TEST_CASE("transition: a change keeps the case's number and item, and an unknown action is refused",
          "[transition][illegal]") {
    const auto c = draft();
    auto other = c;
    other.number = "310104-W01-20260928-0002";
    CHECK(refused("case.material", c, other).code == "transition.number");
    auto moved = c;
    moved.item.code = "GAJ-HJ-002";
    CHECK(refused("case.material", c, moved).code == "transition.item");
    auto e = refused("case.teleport", c, c);
    CHECK(e.code == "transition.unknown_action");
    CHECK(e.where == "310104-W01-20260928-0001 (draft → draft, case.teleport)");
}

TEST_CASE("transition: the pushed body is read as the case the change names, and a body that is not a case "
          "is refused",
          "[transition][illegal]") {
    const auto c = draft();
    auto read = pushedCase(c.number, "case.open", json(c));
    INFO((read.ok() ? std::string() : read.error().str()));
    REQUIRE(read.ok());
    CHECK(read->status == CaseStatus::Draft);
    legal("case.open", std::nullopt, *read);

    auto notACase = pushedCase(c.number, "case.open", R"({"status":"approved"})");
    REQUIRE_FALSE(notACase.ok());
    CHECK_THAT(notACase.error().str(), Catch::Contains(c.number + " (case.open)"));
    CHECK_FALSE(pushedCase(c.number, "case.open", "[1, 2]").ok());
    CHECK_FALSE(pushedCase(c.number, "case.open", "not json").ok());
    auto another = pushedCase("310104-W01-20260928-0009", "case.open", json(c));
    REQUIRE_FALSE(another.ok());
    CHECK(another.error().code == "transition.number");
}
