// The applicant's screen (a second window facing the applicant) follows the clerk's window: the materials and
// their marks, what is missing, the outcome, the device prompts — and never the applicant's numbers.

#include "app/app_i18n.h"
#include "app/applicant_screen.h"
#include "app/decision_panel.h"
#include "app/device_prompt.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "app/material_checklist.h"
#include "app/start_options.h"
#include "devices/support/simulated_device.h"
#include "tools/devsim/rating_simulator.h"

#include <catch2/catch.hpp>
#include <wx/button.h>

using namespace ywtb;
using ywtb::testing::GuiCounter;

namespace {

/// What the applicant's screen says now, after the frame has given it the clerk's state.
std::string screenText(GuiCounter& counter) {
    counter.frame->refreshApplicantScreen();
    testing::pump();
    REQUIRE(counter.frame->applicantScreen());
    return counter.frame->applicantScreen()->text().utf8_string();
}

/// The applicant's window as the applicant sees it: on Xvfb's one display it is under the clerk's, so raised
/// first.
void screenshotOfScreen(GuiCounter& counter, const std::string& name) {
    auto* screen = counter.frame->applicantScreen();
    screen->Raise();
    screen->Refresh();
    screen->Update();
    testing::waitUntil([] { return false; }, 0.5);
    testing::screenshot(counter.frame->applicantScreen(), name);
}

bool contains(const std::string& text, const wxString& part) {
    return text.find(part.utf8_string()) != std::string::npos;
}

} // namespace

TEST_CASE("the applicant's screen shows each material as the clerk checks it, then the outcome, and masks "
          "the applicant",
          "[app][applicant_screen]") {
    GuiCounter counter;
    counter.frame->showApplicantScreen(0);
    REQUIRE(counter.frame->applicantScreen());
    CHECK_FALSE(counter.frame->applicantScreen()->onOwnDisplay()); // Xvfb has one display: a window on it
    CHECK(contains(screenText(counter), _("Welcome")));
    CHECK(contains(screenText(counter), wxString::FromUTF8("S001")));

    auto* intake = counter.frame->intake();
    testing::fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto& item = intake->currentCase()->item;
    auto text = screenText(counter);
    CHECK(contains(text, wxString::FromUTF8(item.name)));
    for (const auto& m : item.materials)
        CHECK(
            contains(text, wxString::FromUTF8(m.name) + " — " + app::markText(core::MaterialMark::ToCheck)));
    CHECK(contains(text, app::fill(_("The clerk is checking your materials: {count} still to check"),
                                   {{"count", std::to_string(item.materials.size())}})));
    // The screen faces the hall: a masked name, no credit code, no phone.
    CHECK_FALSE(contains(text, wxString::FromUTF8("上海某某餐饮有限公司")));
    CHECK(contains(text, wxString::FromUTF8("上*")));
    CHECK(text.find("91350100M000100Y43") == std::string::npos);
    CHECK(text.find("64871234") == std::string::npos);

    // The first material found wanting: marked for the applicant with what is wrong.
    intake->checklist()->setMaterial(0, core::MaterialStatus::NonConforming, {},
                                     wxString::FromUTF8("法定代表人未签字"));
    testing::pump();
    text = screenText(counter);
    CHECK(contains(text, wxString::FromUTF8(item.materials[0].name) + " — " +
                             app::markText(core::MaterialMark::NeedsCorrection)));
    CHECK(contains(text, wxString::FromUTF8("法定代表人未签字")));

    testing::supplyEveryMaterial(intake);
    text = screenText(counter);
    CHECK(contains(text, _("All materials checked")));
    CHECK(contains(text, wxString::FromUTF8(item.materials[0].name) + " — " +
                             app::markText(core::MaterialMark::Received)));

    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    const auto accepted = *intake->currentCase();
    text = screenText(counter);
    REQUIRE(accepted.duePromised);
    CHECK(contains(text, app::fill(_("Accepted: the result is promised by {date}"),
                                   {{"date", accepted.duePromised->iso()}})));
    REQUIRE_FALSE(accepted.documents.empty());
    CHECK(contains(text, wxString::FromUTF8(accepted.documents.front().number)));
    screenshotOfScreen(counter, "applicant-screen-accepted");

    // A new applicant: the screen goes back to its welcome.
    intake->newCase();
    CHECK(contains(screenText(counter), _("Welcome")));

    // Closed from the View menu (Ctrl+Shift+A), as the clerk would.
    counter.frame->showApplicantScreen(-1);
    CHECK_FALSE(counter.frame->applicantScreen());
}

TEST_CASE(
    "the applicant's screen asks for the rating while the rating device waits, and stops asking once rated",
    "[app][applicant_screen][devices]") {
    testing::SimulatedDevice keypad(devsim::makeRatingKeypad());
    GuiCounter counter("W01", {"", keypad.path(), ""});
    REQUIRE(testing::waitUntil(
        [&] { return counter.session->deviceStates().front().second == devices::DeviceState::Connected; },
        10));
    counter.frame->showApplicantScreen(0);
    auto* intake = counter.frame->intake();
    testing::openFoodCase(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    REQUIRE(intake->prompt()->asking() == app::DevicePrompt::Asking::Rating);
    CHECK(contains(screenText(counter), _("Please rate our service on the rating device")));
    screenshotOfScreen(counter, "applicant-screen-rating");

    keypad("press 5");
    REQUIRE(testing::waitUntil([&] { return !intake->prompt()->waiting(); }, 30));
    CHECK(intake->prompt()->asking() == app::DevicePrompt::Asking::Nothing);
    CHECK_FALSE(contains(screenText(counter), _("Please rate our service on the rating device")));
}

TEST_CASE("the option --applicant-screen takes a display number or off, and says what is wrong otherwise",
          "[app][applicant_screen]") {
    CHECK(app::parseStartOptions({"--applicant-screen", "1"}).applicantScreen == 1);
    CHECK(app::parseStartOptions({"--applicant-screen", "0"}).applicantScreen == 0);
    CHECK(app::parseStartOptions({"--applicant-screen", "off"}).applicantScreen == app::kNoApplicantScreen);
    CHECK(app::parseStartOptions({}).applicantScreen == -1); // as saved
    const auto wrong = app::parseStartOptions({"--applicant-screen", "left"});
    CHECK(wrong.problem.find("--applicant-screen takes a display number") != std::string::npos);
    CHECK(app::parseStartOptions({"--applicant-screen"}).problem == "--applicant-screen needs a value");
}
