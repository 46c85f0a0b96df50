#include "services/intake_fixture.h"
#include "services/intake_service.h"
#include "store/audit_log.h"

#include <catch2/catch.hpp>

using namespace ywtb;
using testing::TempDir;

using namespace ywtb::testing;

TEST_CASE("case numbers are centre, window, day and the window's sequence of the day", "[intake]") {
    Counter counter;
    auto intake = counter.at();
    auto first = intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    auto second = intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    CHECK(first->number == "310104-W01-20260928-0001");
    CHECK(second->number == "310104-W01-20260928-0002");
    auto other = counter.at("W02").open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    CHECK(other->number == "310104-W02-20260928-0001");
    counter.setToday("2026-09-29");
    CHECK(counter.at().open(counter.item("SCJG-XK-001"), company(), std::nullopt)->number ==
          "310104-W01-20260929-0001");
}

TEST_CASE("accepting writes the case, a numbered notice, a chained audit entry and an outbox entry together",
          "[intake]") {
    Counter counter;
    auto intake = counter.at();
    auto c = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    const auto outboxBefore = store::pendingOutbox(counter.store->db(), 1000).size();
    auto accepted = intake.decide(c.number, decision(core::DecisionKind::Accept));
    REQUIRE(accepted.ok());
    CHECK(accepted->status == core::CaseStatus::Accepted);
    REQUIRE(accepted->documents.size() == 1);
    CHECK(accepted->documents[0].number == "沪徐汇受〔2026〕000001号");
    CHECK(intake.find(c.number)->status == core::CaseStatus::Accepted);
    auto audit = store::recentAudit(counter.store->db(), 1).at(0);
    CHECK(audit.action == "case.accept");
    CHECK(audit.before == "draft");
    CHECK(audit.after == "accepted");
    CHECK(audit.subject == c.number);
    auto outbox = store::pendingOutbox(counter.store->db(), 1000);
    REQUIRE(outbox.size() == outboxBefore + 1);
    CHECK(outbox.back().kind == "case.accept");
    CHECK(outbox.back().uuid.size() == 36);
    CHECK(store::verifyAudit(counter.store->db()).ok());
}

TEST_CASE("an illegal step changes nothing at all: the store stays byte for byte the same",
          "[intake][illegal]") {
    Counter counter;
    auto intake = counter.at();
    auto c = intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    const auto before = storeBytes(counter.dir);
    auto refused = intake.decide(c->number, decision(core::DecisionKind::Accept)); // nothing checked yet
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "lifecycle.unchecked");
    CHECK_FALSE(intake.recordMaterial(c->number, "M99", core::MaterialStatus::Original, "", "").ok());
    CHECK_FALSE(intake.startReview(c->number).ok());
    CHECK(intake.decide("310104-W01-20260928-9999", decision(core::DecisionKind::Accept)).error().code ==
          "case.unknown");
    CHECK(storeBytes(counter.dir) == before);
}

TEST_CASE(
    "every kind of illegal step, in every state it can be tried, leaves the store byte for byte unchanged",
    "[intake][illegal]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    const auto secondary = [&] {
        for (const auto& m : item.materials)
            if (m.requirement == core::MaterialRequirement::Secondary)
                return m.id;
        return std::string();
    }();
    // One case in each state the counter can reach.
    auto draft = intake.open(item, company(), std::nullopt)->number;
    auto accepted =
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Accept))->number;
    auto received =
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Receive))->number;
    auto gap = completeFoodCase(intake, item).number;
    REQUIRE(intake.recordMaterial(gap, secondary, core::MaterialStatus::Missing, "", "").ok());
    auto correction = intake.decide(gap, decision(core::DecisionKind::Correction))->number;
    auto refusal = decision(core::DecisionKind::Refuse);
    refusal.refusalKind = core::RefusalKind::Suspended;
    refusal.reason = "政策调整暂停受理";
    auto refused = intake.decide(intake.open(item, company(), std::nullopt)->number, refusal)->number;

    const auto before = storeBytes(counter.dir);
    std::vector<std::pair<std::string, core::Expected<core::Case>>> attempts;
    const auto attempt = [&](const std::string& what, core::Expected<core::Case> result) {
        attempts.emplace_back(what, std::move(result));
    };
    for (auto kind :
         {core::DecisionKind::Accept, core::DecisionKind::Receive, core::DecisionKind::Correction,
          core::DecisionKind::Conditional, core::DecisionKind::Approve, core::DecisionKind::Deny}) {
        attempt("draft decide", intake.decide(draft, decision(kind)));
        attempt("refused decide", intake.decide(refused, decision(kind)));
        attempt("correction decide", intake.decide(correction, decision(kind)));
    }
    attempt("accepted accept", intake.decide(accepted, decision(core::DecisionKind::Accept)));
    attempt("accepted correction", intake.decide(accepted, decision(core::DecisionKind::Correction)));
    attempt("accepted refuse", intake.decide(accepted, refusal));
    attempt("received receive", intake.decide(received, decision(core::DecisionKind::Receive)));
    attempt("received conditional", intake.decide(received, decision(core::DecisionKind::Conditional)));
    attempt("received no-gap correction", intake.decide(received, decision(core::DecisionKind::Correction)));
    attempt("accepted material",
            intake.recordMaterial(accepted, "M01", core::MaterialStatus::Missing, "", ""));
    attempt("draft unknown material",
            intake.recordMaterial(draft, "M99", core::MaterialStatus::Original, "", ""));
    attempt("draft exempt without licence",
            intake.recordMaterial(draft, "M02", core::MaterialStatus::Exempt, "", ""));
    attempt("draft review", intake.startReview(draft));
    attempt("received review", intake.startReview(received));
    attempt("accepted ready", intake.markReady(accepted));
    attempt(
        "accepted release",
        intake.release(
            accepted, core::Release{core::ReleaseMethod::Window, "张三", false, "", "", "", "", "", "", {}}));
    attempt("draft resubmit", intake.resubmit(draft));
    attempt("unknown case", intake.decide("310104-W01-20260928-9999", decision(core::DecisionKind::Accept)));
    for (const auto& [what, result] : attempts) {
        INFO(what);
        CHECK_FALSE(result.ok());
    }
    CHECK(storeBytes(counter.dir) == before);
}

TEST_CASE("a case is opened only for an item the window's type allows, at an intake window",
          "[intake][illegal]") {
    Counter counter;
    // The rule, not the shipped catalogue: the item is made to be taken at every type of window but W09's, as
    // the centre config loaded here says it, so W09 must refuse it and every other intake window open it.
    const auto* w09 = counter.config.window("W09");
    REQUIRE(w09);
    REQUIRE(w09->intakeType);
    core::Item item = counter.item("SCJG-XK-001");
    item.windows.clear();
    for (auto type : {core::WindowType::Universal, core::WindowType::Domain, core::WindowType::CrossProvince})
        if (type != *w09->intakeType)
            item.windows.push_back(type);

    auto notHere = counter.at("W09").open(item, company(), std::nullopt);
    REQUIRE_FALSE(notHere.ok());
    CHECK(notHere.error().code == "lifecycle.window");
    std::int64_t opened = 0;
    for (const auto& window : counter.config.windows) {
        if (!window.intakeType || *window.intakeType == *w09->intakeType)
            continue;
        INFO(window.id);
        CHECK(counter.at(window.id.c_str()).open(item, company(), std::nullopt).ok());
        ++opened;
    }
    REQUIRE(opened > 0);
    CHECK(counter.at("P01").open(item, company(), std::nullopt).error().code == "case.window");
    // Only the windows that may take the item wrote a case: W09's refusal and the pickup window's wrote
    // nothing.
    CHECK(store::caseCount(counter.store->db()) == opened);
}

TEST_CASE(
    "when the window's block of notice numbers is used up, the decision is refused and nothing is written",
    "[intake][numbering]") {
    Counter counter;
    {
        store::Transaction tx(counter.store->db());
        REQUIRE(store::reserveDocumentBlock(tx, {"acceptance_notice", 2026, "W02", 600, 600, 600}).ok());
        tx.commit();
    }
    auto intake = counter.at("W02");
    auto first = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    auto second = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    CHECK(intake.decide(first.number, decision(core::DecisionKind::Accept))->documents.at(0).number ==
          "沪徐汇受〔2026〕000600号");
    auto exhausted = intake.decide(second.number, decision(core::DecisionKind::Accept));
    REQUIRE_FALSE(exhausted.ok());
    CHECK(exhausted.error().code == "numbering.block_exhausted");
    CHECK_THAT(exhausted.error().str(), Catch::Contains("numbers reserve"));
    CHECK(intake.find(second.number)->status == core::CaseStatus::Draft);
}

TEST_CASE("overlapping number blocks are refused", "[numbering]") {
    Counter counter;
    store::Transaction tx(counter.store->db());
    auto overlap = store::reserveDocumentBlock(tx, {"receipt", 2026, "W02", 400, 700, 400});
    REQUIRE_FALSE(overlap.ok());
    CHECK(overlap.error().code == "numbering.block_overlap");
    CHECK(store::reserveDocumentBlock(tx, {"receipt", 2027, "W02", 400, 700, 400}).ok()); // another year
}

TEST_CASE("the sweep accepts received cases after 5 working days and withdraws late conditional ones, once",
          "[intake][sweep]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto received =
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Receive));
    REQUIRE(received.ok());

    const core::Material* secondary = nullptr;
    for (const auto& m : item.materials)
        if (m.requirement == core::MaterialRequirement::Secondary)
            secondary = &m;
    REQUIRE(secondary != nullptr);
    auto withGap = completeFoodCase(intake, item);
    REQUIRE(intake.recordMaterial(withGap.number, secondary->id, core::MaterialStatus::Missing, "", "").ok());
    auto conditional = decision(core::DecisionKind::Conditional);
    conditional.pledgeSigned = true;
    conditional.supplementBy = core::CivilDate::parse("2026-09-30").value();
    REQUIRE(intake.decide(withGap.number, conditional).ok());

    CHECK(intake.sweep()->accepted.empty()); // nothing is due yet
    counter.setToday("2026-10-12");
    auto swept = counter.at().sweep();
    REQUIRE(swept.ok());
    CHECK(swept->accepted == std::vector<std::string>{received->number});
    CHECK(swept->withdrawn == std::vector<std::string>{withGap.number});
    auto accepted = counter.at().find(received->number);
    CHECK(accepted->acceptedByDefault);
    CHECK(accepted->acceptedOn == received->receivedOn);
    const auto auditCount = store::recentAudit(counter.store->db(), 100000).size();
    auto again = counter.at().sweep();
    CHECK(again->accepted.empty());
    CHECK(again->withdrawn.empty());
    CHECK(store::recentAudit(counter.store->db(), 100000).size() == auditCount);
}

TEST_CASE("conditional acceptance is refused to an applicant on the credit list", "[intake][illegal]") {
    Counter counter;
    {
        store::Transaction tx(counter.store->db());
        store::flagCredit(tx, "91350100M000100Y43", "严重失信主体名单", "2026-09-01T00:00:00Z");
        tx.commit();
    }
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    for (const auto& m : item.materials)
        if (m.requirement == core::MaterialRequirement::Secondary)
            REQUIRE(intake.recordMaterial(c.number, m.id, core::MaterialStatus::Missing, "", "").ok());
    auto d = decision(core::DecisionKind::Conditional);
    d.pledgeSigned = true;
    d.supplementBy = core::CivilDate::parse("2026-09-30").value();
    d.creditFlagged = false; // the caller cannot talk the engine out of the check
    CHECK(intake.decide(c.number, d).error().code == "lifecycle.credit");
}

TEST_CASE("correction, resubmission, acceptance: the linked cases and their notices", "[intake]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    const auto& first = item.materials.front();
    REQUIRE(
        intake.recordMaterial(c.number, first.id, core::MaterialStatus::NonConforming, "", "未签字").ok());
    auto corrected = intake.decide(c.number, decision(core::DecisionKind::Correction));
    REQUIRE(corrected.ok());
    CHECK(corrected->documents.at(0).kind == "correction_notice");
    auto again = intake.resubmit(c.number);
    REQUIRE(again.ok());
    CHECK(again->resubmissionOf == c.number);
    CHECK(intake.find(c.number)->resubmittedAs == again->number);
    CHECK(intake.resubmit(c.number).error().code == "lifecycle.resubmitted");
    REQUIRE(intake.recordMaterial(again->number, first.id, core::MaterialStatus::Original, "", "").ok());
    CHECK(intake.decide(again->number, decision(core::DecisionKind::Accept)).ok());
}

TEST_CASE("review, approval, release by proxy: the pickup side records who took the result", "[intake]") {
    Counter counter;
    auto intake = counter.at();
    auto c = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());
    REQUIRE(intake.startReview(c.number).ok());
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Approve)).ok());
    REQUIRE(intake.markReady(c.number).ok());
    core::Release proxy{
        core::ReleaseMethod::Window, "李四", true, "11010519491231002X", "", "", "", "", "", {}};
    auto released = intake.release(c.number, proxy);
    REQUIRE(released.ok());
    CHECK(released->status == core::CaseStatus::Released);
    CHECK(released->documents.back().kind == "delivery_receipt");
    CHECK(store::verifyAudit(counter.store->db())->entries >= 10);
}

TEST_CASE("cases are listed by status, due date and applicant", "[intake]") {
    Counter counter;
    auto intake = counter.at();
    auto accepted = intake.decide(completeFoodCase(intake, counter.item("SCJG-XK-001")).number,
                                  decision(core::DecisionKind::Accept));
    intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    services::CaseQuery drafts;
    drafts.status = core::CaseStatus::Draft;
    CHECK(intake.list(drafts)->size() == 1);
    services::CaseQuery due;
    due.dueBefore = core::CivilDate::parse("2026-10-11").value();
    CHECK(intake.list(due)->size() == 1); // promised 2026-10-10
    services::CaseQuery byApplicant;
    byApplicant.applicantKey = "91350100M000100Y43";
    CHECK(intake.list(byApplicant)->size() == 2);
    counter.setToday("2026-10-12");
    services::CaseQuery overdue;
    overdue.overdueOnly = true;
    auto late = counter.at().list(overdue);
    REQUIRE(late->size() == 1);
    CHECK(late->front().number == accepted->number);
}

TEST_CASE(
    "deadline counts come from the deadline columns, agree with the cases' own warnings, and have no cap",
    "[intake][deadlines]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    for (int i = 0; i < 4; ++i) {
        auto c = completeFoodCase(intake, item);
        REQUIRE(
            intake
                .decide(c.number, decision(i % 2 ? core::DecisionKind::Accept : core::DecisionKind::Receive))
                .ok());
    }
    REQUIRE(intake.open(item, company(), std::nullopt).ok()); // a draft has no deadline
    // Every day of the next month: the counts are what reading each case and asking core gives.
    for (int day = 0; day < 30; ++day) {
        counter.setToday(core::CivilDate::parse("2026-09-28")->plusDays(day).iso().c_str());
        auto today = counter.at();
        auto fast = today.deadlineCounts(2);
        REQUIRE(fast.ok());
        auto cases = today.list(services::CaseQuery{});
        REQUIRE(cases.ok());
        int dueSoon = 0, overdue = 0;
        for (const auto& c : *cases) {
            const auto warnings = core::deadlineWarnings(c, today.context(), 2);
            const bool late =
                std::any_of(warnings.begin(), warnings.end(), [](const auto& w) { return w.overdue; });
            overdue += late ? 1 : 0;
            dueSoon += !late && !warnings.empty() ? 1 : 0;
        }
        INFO(counter.clock.today().iso());
        CHECK(fast->dueSoon == dueSoon);
        CHECK(fast->overdue == overdue);
    }
    CHECK(counter.at().deadlineCounts(2)->overdue == 4); // by the end of October every one is late
}
