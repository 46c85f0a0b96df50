// The rules of issue 19 (行政许可法, DB31/T 862—2021) through IntakeService and the papers, on a real store:
// each outcome the law decides, and each step it forbids refused with the store left byte for byte as it was.

#include "services/document_service.h"
#include "services/intake_fixture.h"
#include "store/audit_log.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

services::DocumentService documents(Counter& counter) {
    return services::DocumentService(*counter.store, counter.config, sourceDir() / "templates",
                                     {render::FontSet{}, {}}, counter.clock, {"S001", "W01"});
}

std::string paperText(const TempDir& dir, const std::string& pdf) {
    const auto path = dir / "paper.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    auto text = pdfText(path);
    // pdftotext breaks lines where the page does; the sentences are compared without them.
    std::string joined;
    for (char ch : text)
        if (ch != '\n' && ch != ' ')
            joined += ch;
    return joined;
}

bool hasAudit(Counter& counter, const std::string& action, const std::string& subject) {
    for (const auto& entry : store::recentAudit(counter.store->db(), 1000))
        if (entry.action == action && entry.subject == subject)
            return true;
    return false;
}

} // namespace

TEST_CASE("deemed acceptance is recorded when the case is read, without a sweep, and its notice says the law "
          "accepted it, never that the materials were complete",
          "[intake][law]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto received =
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Receive));
    REQUIRE(received.ok());
    REQUIRE(received->correctionDeadline);
    const auto number = received->number;

    counter.setToday("2026-10-12"); // past the 5 working days (2026-10-10)
    auto read = counter.at().find(number);
    REQUIRE(read.ok());
    CHECK(read->status == core::CaseStatus::Accepted);
    CHECK(read->acceptedByDefault);
    CHECK(read->acceptedOn == received->receivedOn);
    CHECK(hasAudit(counter, "case.accepted_by_default", number));
    // The list shows it so too, and reading again writes nothing more.
    const auto audits = store::recentAudit(counter.store->db(), 100000).size();
    auto listed = counter.at().list({});
    REQUIRE(listed.ok());
    CHECK(store::recentAudit(counter.store->db(), 100000).size() == audits);

    // 不予受理 is refused, and changes nothing.
    const auto before = storeBytes(counter.dir);
    auto refusal = decision(core::DecisionKind::Refuse);
    refusal.refusalKind = core::RefusalKind::NotOurPower;
    refusal.reason = "属于市级事权";
    refusal.applyTo = "上海市市场监督管理局";
    auto refused = counter.at().decide(number, refusal);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "lifecycle.deemed_accepted");
    CHECK(storeBytes(counter.dir) == before);

    // The later accept issues the acceptance notice with the dates of receipt.
    auto accepted = counter.at().decide(number, decision(core::DecisionKind::Accept));
    REQUIRE(accepted.ok());
    CHECK(accepted->acceptedOn == received->receivedOn);
    auto paper = documents(counter).issue(number, render::DocumentKind::Acceptance);
    REQUIRE(paper.ok());
    const auto text = paperText(counter.dir, paper->pdf);
    CHECK_THAT(text, Catch::Contains("第三十二条第一款第（四）项"));
    CHECK_THAT(text, Catch::Contains("即为受理"));
    CHECK_THAT(text, !Catch::Contains("申请材料齐全"));
    CHECK_THAT(text, Catch::Contains("凭本通知书及有效身份证件领取"));
}

TEST_CASE(
    "an ordinary acceptance notice says the materials were complete and dates the application the day it "
    "was made",
    "[intake][law]") {
    Counter counter;
    auto intake = counter.at();
    auto c = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    counter.setToday("2026-09-29");
    auto accepted = counter.at().decide(c.number, decision(core::DecisionKind::Accept));
    REQUIRE(accepted.ok());
    auto paper = documents(counter).issue(c.number, render::DocumentKind::Acceptance);
    REQUIRE(paper.ok());
    const auto text = paperText(counter.dir, paper->pdf);
    CHECK_THAT(text, Catch::Contains("于2026年9月28日提出") && Catch::Contains("申请材料齐全"));
    CHECK_THAT(text, !Catch::Contains("即为受理"));
}

TEST_CASE("a denial the department sent without its reasons is set aside, never printed with a placeholder "
          "(行政许可法 art. 38(2))",
          "[intake][law]") {
    Counter counter;
    auto intake = counter.at();
    auto accepted = intake.decide(completeFoodCase(intake, counter.item("SCJG-XK-001")).number,
                                  decision(core::DecisionKind::Accept));
    REQUIRE(accepted.ok());
    auto outcome = counter.at().applyServerStatus(accepted->number, "denied", "");
    REQUIRE(outcome.ok());
    CHECK(*outcome == services::ServerStatusOutcome::Conflict);
    CHECK(counter.at().find(accepted->number)->status == core::CaseStatus::Accepted);
    CHECK(hasAudit(counter, "case.server_denial_without_reasons", accepted->number));
    // With its reasons it is applied, and the reasons are the decision's.
    auto reasoned = counter.at().applyServerStatus(accepted->number, "denied", "经营场所不符合卫生要求");
    REQUIRE(reasoned.ok());
    CHECK(*reasoned == services::ServerStatusOutcome::Applied);
    CHECK(counter.at().find(accepted->number)->decisionReason == "经营场所不符合卫生要求");
}

TEST_CASE("不予受理 on \"other\" grounds needs the provision cited, and the notice prints it",
          "[intake][law]") {
    Counter counter;
    auto intake = counter.at();
    auto draft = intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    REQUIRE(draft.ok());
    auto refusal = decision(core::DecisionKind::Refuse);
    refusal.refusalKind = core::RefusalKind::Other;
    refusal.reason = "申请人不具备申请资格";
    const auto before = storeBytes(counter.dir);
    auto refused = intake.decide(draft->number, refusal);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "lifecycle.basis");
    CHECK(storeBytes(counter.dir) == before);
    refusal.basis = "《上海市某某管理条例》第十二条";
    REQUIRE(intake.decide(draft->number, refusal).ok());
    auto paper = documents(counter).issue(draft->number, render::DocumentKind::Refusal);
    REQUIRE(paper.ok());
    CHECK_THAT(paperText(counter.dir, paper->pdf), Catch::Contains("《上海市某某管理条例》第十二条"));
}

TEST_CASE(
    "the delivery receipt of a denied case names the decision delivered, and one sent by mail claims no "
    "signature (8.3.2)",
    "[intake][law][documents]") {
    Counter counter;
    auto intake = counter.at();
    auto c = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());
    REQUIRE(intake.startReview(c.number).ok());
    auto deny = decision(core::DecisionKind::Deny);
    deny.reason = "经营场所不符合卫生要求";
    REQUIRE(intake.decide(c.number, deny).ok());
    REQUIRE(intake.markReady(c.number).ok());
    core::Release mail{
        core::ReleaseMethod::Mail, "上海某某餐饮有限公司", false, "", "SF1234567890", "", "", "", "", {}};
    REQUIRE(intake.release(c.number, mail).ok());
    auto receipt = documents(counter).issue(c.number, render::DocumentKind::DeliveryReceipt);
    REQUIRE(receipt.ok());
    const auto text = paperText(counter.dir, receipt->pdf);
    CHECK_THAT(text, Catch::Contains("不予行政许可决定书"));
    CHECK_THAT(text, !Catch::Contains("食品经营许可证"));
    CHECK_THAT(text, Catch::Contains("交邮寄出") && Catch::Contains("以邮件回执"));
    CHECK_THAT(text, !Catch::Contains("受送达人（签名）") && !Catch::Contains("受送达人签收后"));
    CHECK_THAT(text, Catch::Contains("申请人本人"));
}
