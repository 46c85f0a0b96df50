#include "core/case_lifecycle.h"
#include "core/centre_config.h"
#include "core/decision_table.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

using namespace ywtb::core;

TEST_CASE("Every kind of decision has one row, with its own word and audit action", "[core][decision]") {
    const std::vector<DecisionKind> kinds{
        DecisionKind::Accept, DecisionKind::Receive, DecisionKind::Correction, DecisionKind::Conditional,
        DecisionKind::Refuse, DecisionKind::Approve, DecisionKind::Deny};
    REQUIRE(decisionTable().size() == kinds.size());
    std::set<std::string> words, actions;
    for (auto kind : kinds) {
        const auto& row = decisionRow(kind);
        CHECK(row.kind == kind);
        CHECK(decisionByWord(row.word) == &row);
        CHECK(std::string(row.auditAction) == std::string("case.") + row.word);
        CHECK_FALSE(row.papers.empty());
        words.insert(row.word);
        actions.insert(row.auditAction);
    }
    CHECK(words.size() == kinds.size());
    CHECK(actions.size() == kinds.size());
    CHECK(decisionByWord("approved") == nullptr);
    CHECK(decisionWords() == "accept, receive, correction, conditional, refuse, approve, deny");
}

TEST_CASE("The papers of each decision follow the table of outcomes (DESIGN.md, 8.1–8.2)",
          "[core][decision]") {
    CHECK(documentsFor(DecisionKind::Accept) == std::vector<std::string>{"acceptance_notice"});
    CHECK(documentsFor(DecisionKind::Receive) == std::vector<std::string>{"receipt"});
    CHECK(documentsFor(DecisionKind::Correction) == std::vector<std::string>{"correction_notice"});
    // 容缺: the supplement notice is numbered; the pledge is the applicant's own paper, signed before the
    // decision.
    CHECK(documentsFor(DecisionKind::Conditional) == std::vector<std::string>{"supplement_notice"});
    const auto& conditional = decisionRow(DecisionKind::Conditional);
    REQUIRE(conditional.papers.size() == 2);
    CHECK(conditional.papers[0].kind == DocumentKind::Supplement);
    CHECK(conditional.papers[1].kind == DocumentKind::Pledge);
    CHECK(conditional.signedBefore == DocumentKind::Pledge);
    CHECK(documentsFor(DecisionKind::Refuse) == std::vector<std::string>{"refusal_notice"});
    CHECK(documentsFor(DecisionKind::Approve) == std::vector<std::string>{"approval_decision"});
    CHECK(documentsFor(DecisionKind::Deny) == std::vector<std::string>{"denial_decision"});
    CHECK(numberSeriesOf(DocumentKind::Decision) ==
          std::vector<std::string>{"approval_decision", "denial_decision"});
    CHECK(numberSeriesOf(DocumentKind::DeliveryReceipt) == std::vector<std::string>{"delivery_receipt"});
    CHECK(numberSeriesOf(DocumentKind::Pledge).empty());
    // Only a decision on the spot is limited to items decided at the counter; only receiving completes 接件.
    for (const auto& row : decisionTable()) {
        CHECK(row.onTheSpot == (row.kind == DecisionKind::Approve || row.kind == DecisionKind::Deny));
        CHECK((row.rated == RatingStage::Receive) == (row.kind == DecisionKind::Receive));
        CHECK(row.signedBefore.has_value() == (row.kind == DecisionKind::Conditional));
    }
}

TEST_CASE(
    "Every paper of the table has its template, and every numbered series its format in the shipped centre",
    "[core][decision]") {
    const auto source = ywtb::testing::sourceDir();
    auto centre = parseCentreConfig(ywtb::testing::readFile(source / "forms/centre.json"), "centre.json");
    REQUIRE(centre.ok());
    std::vector<DecisionPaper> papers = releasePapers();
    for (const auto& row : decisionTable())
        papers.insert(papers.end(), row.papers.begin(), row.papers.end());
    for (const auto& paper : papers) {
        INFO(toString(paper.kind));
        CHECK(std::filesystem::exists(source / "templates" / (std::string(toString(paper.kind)) + ".json")));
        if (*paper.series)
            CHECK(centre.config.documentNumberFormats.count(paper.series) == 1);
    }
}

TEST_CASE("Every kind of refusal has one row: its word, the notice's text and the provision it rests on",
          "[core][decision]") {
    REQUIRE(refusalTable().size() == 4);
    for (const auto& row : refusalTable()) {
        CHECK(&refusalRow(row.kind) == &row);
        CHECK(refusalByWord(row.word) == &row);
        CHECK(std::string(toString(row.kind)) == row.word);
        CHECK(std::string(row.basis).find("行政许可法") != std::string::npos);
    }
    CHECK(std::string(refusalRow(RefusalKind::NoApprovalNeeded).basis).find("第（一）项") !=
          std::string::npos);
    CHECK(std::string(refusalRow(RefusalKind::NotOurPower).basis).find("第（二）项") != std::string::npos);
    CHECK(refusalByWord("whatever") == nullptr);
    CHECK(refusalWords() == "not_our_power, no_approval_needed, suspended, other");
}

TEST_CASE("Document kinds read back from their names", "[core][decision]") {
    for (auto kind : allDocumentKinds())
        CHECK(documentKindFromString(toString(kind)) == kind);
    CHECK_FALSE(documentKindFromString("notice"));
}
