// The facade's whole workflows (services/counter.h): a decision and its papers are one step, so a paper that
// cannot be made leaves the case, its numbers and its audit trail as they were.

#include "services/counter.h"
#include "services/intake_fixture.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

std::unique_ptr<services::Counter> counterWithTemplates(const TempDir& dir) {
    services::ResourcePaths paths{sourceDir() / "forms", dir / "templates", ""};
    auto clock =
        std::make_unique<core::FixedClock>(*core::CivilDate::parse("2026-09-28"), "2026-09-28T01:00:00Z");
    std::vector<core::Error> errors;
    auto counter = services::Counter::open(paths, dir / "data", std::move(clock), errors);
    INFO((errors.empty() ? std::string() : errors.front().str()));
    REQUIRE(counter);
    REQUIRE(counter->signIn("S001", "W01").ok());
    REQUIRE(counter->reserveDemoNumberBlocks().ok());
    return counter;
}

} // namespace

TEST_CASE("a decision whose paper cannot be made is not taken, and uses up no number",
          "[services][counter]") {
    TempDir dir;
    std::filesystem::copy(sourceDir() / "templates", dir / "templates");
    std::filesystem::rename(dir / "templates" / "acceptance.json", dir / "acceptance.json");
    auto counter = counterWithTemplates(dir);
    auto intake = counter->intake();
    const auto* item = counter->catalogue().find("JSGL-XK-002"); // an item without an application form
    REQUIRE(item);
    const auto number = completeFoodCase(intake, *item).number;
    const auto before = storeBytes(dir);

    auto refused = counter->decide(number, decision(core::DecisionKind::Accept));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().str(), Catch::Contains("acceptance"));
    // Nothing of the decision was kept: the store's files are byte for byte what they were.
    CHECK(storeBytes(dir) == before);
    CHECK(intake.find(number)->status == core::CaseStatus::Draft);
    CHECK(intake.find(number)->documents.empty());

    // The template back: the same decision is taken, its notice issued with the first number of the block.
    std::filesystem::rename(dir / "acceptance.json", dir / "templates" / "acceptance.json");
    auto accepted = counter->decide(number, decision(core::DecisionKind::Accept));
    INFO((accepted ? std::string() : accepted.error().str()));
    REQUIRE(accepted);
    CHECK(accepted->c.status == core::CaseStatus::Accepted);
    REQUIRE(accepted->papers.size() == 1);
    CHECK(accepted->papers[0].record.kind == "acceptance");
    CHECK_THAT(accepted->papers[0].record.number, Catch::EndsWith("000001号"));
    CHECK(accepted->papers[0].newlyIssued);
}

TEST_CASE("the preview of a decision gives the answer the decision gives, and writes nothing",
          "[services][counter]") {
    TempDir dir;
    std::filesystem::copy(sourceDir() / "templates", dir / "templates");
    auto counter = counterWithTemplates(dir);
    auto intake = counter->intake();
    const auto* item = counter->catalogue().find("JSGL-XK-002");
    REQUIRE(item);
    const auto opened = intake.open(*item, company(), std::nullopt);
    REQUIRE(opened);
    const auto before = storeBytes(dir);
    // Nothing checked yet: accepting is refused, by the preview and by the decision, for the same reason.
    auto preview = counter->canDecide(opened->number, decision(core::DecisionKind::Accept));
    REQUIRE_FALSE(preview);
    CHECK(storeBytes(dir) == before);
    auto taken = counter->decide(opened->number, decision(core::DecisionKind::Accept));
    REQUIRE_FALSE(taken);
    CHECK(taken.error().code == preview.error().code);
    CHECK(storeBytes(dir) == before);
}

TEST_CASE("a credit-flagged applicant is refused a conditional acceptance by the preview, before any pledge "
          "is signed",
          "[services][counter]") {
    TempDir dir;
    std::filesystem::copy(sourceDir() / "templates", dir / "templates");
    auto counter = counterWithTemplates(dir);
    auto intake = counter->intake();
    const auto* item = counter->catalogue().find("JSGL-XK-002");
    REQUIRE(item);
    auto c = completeFoodCase(intake, *item);
    // A secondary material missing: a conditional acceptance is what the clerk would offer.
    const core::Material* secondary = nullptr;
    for (const auto& m : item->materials)
        if (m.requirement == core::MaterialRequirement::Secondary)
            secondary = &m;
    REQUIRE(secondary);
    REQUIRE(intake.recordMaterial(c.number, secondary->id, core::MaterialStatus::Missing, "", "").ok());
    auto conditional = decision(core::DecisionKind::Conditional);
    conditional.pledgeSigned = true;
    conditional.supplementBy = core::CivilDate::parse("2026-10-09").value();
    REQUIRE(counter->canDecide(c.number, conditional).ok());

    REQUIRE(counter->flagCredit("91350100M000100Y43", "失信被执行人").ok());
    auto preview = counter->canDecide(c.number, conditional);
    REQUIRE_FALSE(preview);
    CHECK(preview.error().code == "lifecycle.credit");
    auto taken = counter->decide(c.number, conditional);
    REQUIRE_FALSE(taken);
    CHECK(taken.error().code == "lifecycle.credit");
    CHECK(intake.find(c.number)->status == core::CaseStatus::Draft);
}
