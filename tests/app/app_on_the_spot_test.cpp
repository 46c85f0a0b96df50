// Items decided at the counter (即办件, DB31/T 862 8.2.1): Approve / Deny on the spot in the intake window,
// only for those items, each enabled only when the rules allow it, the decision document issued.

#include "app/decision_panel.h"
#include "app/document_preview.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "app/item_search_panel.h"
#include "render/document_template.h"

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/textctrl.h>

using namespace ywtb;
using ywtb::testing::GuiCounter;

namespace {

/// The food company applying for the filing of second-class medical devices (SCJG-QT-001, decided on the
/// spot).
void openDeviceFilingCase(app::IntakePanel* intake) {
    testing::fillFoodApplication(intake);
    testing::type(intake->itemSearch()->queryField(), "SCJG-QT-001");
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    REQUIRE(intake->currentCase()->item.code == "SCJG-QT-001");
}

} // namespace

TEST_CASE("an item decided on the spot is approved at the window once every material is there, and its "
          "decision issued",
          "[app][on_the_spot]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    openDeviceFilingCase(intake);
    auto* decisions = intake->decisions();
    auto* approve = decisions->button(core::DecisionKind::Approve);
    CHECK(decisions->onTheSpot());
    CHECK(approve->IsShown());
    CHECK(decisions->button(core::DecisionKind::Deny)->IsShown());
    CHECK_FALSE(approve->IsEnabled()); // nothing checked yet: 8.2.1 needs complete materials
    CHECK(approve->GetToolTipText().length() > app::decisionLabel(core::DecisionKind::Approve).length());

    testing::setEveryMaterial(intake);
    REQUIRE(approve->IsEnabled());
    testing::click(approve);
    const auto& decided = *intake->currentCase();
    CHECK(decided.status == core::CaseStatus::Approved);
    CHECK(counter.session->intake().find(decided.number)->status == core::CaseStatus::Approved);
    REQUIRE(intake->preview()->papers().size() == 1);
    CHECK(intake->preview()->papers().front().record.kind ==
          render::toString(render::DocumentKind::Decision));
    REQUIRE(testing::waitUntil([&] { return intake->preview()->pending() == 0; }));
    testing::screenshot(counter.frame, "approved-on-the-spot");
}

TEST_CASE(
    "a denial on the spot needs its written reason; an item not decided on the spot shows neither button",
    "[app][on_the_spot]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    openDeviceFilingCase(intake);
    auto* decisions = intake->decisions();
    auto* deny = decisions->button(core::DecisionKind::Deny);
    testing::setEveryMaterial(intake);
    CHECK_FALSE(deny->IsEnabled());
    testing::type(decisions->reasonField(), wxString::FromUTF8("经营场所与备案地址不一致"));
    REQUIRE(deny->IsEnabled());
    testing::click(deny);
    const auto stored = counter.session->intake().find(intake->currentCase()->number);
    CHECK(stored->status == core::CaseStatus::Denied);
    CHECK(stored->decisionReason == "经营场所与备案地址不一致");
    REQUIRE(testing::waitUntil([&] { return intake->preview()->pending() == 0; }));

    // The food licence is reviewed by the department: no decision on the spot is offered.
    intake->newCase();
    testing::fillFoodApplication(intake);
    testing::click(intake->openButton());
    CHECK_FALSE(decisions->onTheSpot());
    CHECK_FALSE(decisions->button(core::DecisionKind::Approve)->IsShown());
    CHECK_FALSE(decisions->button(core::DecisionKind::Deny)->IsShown());
}
