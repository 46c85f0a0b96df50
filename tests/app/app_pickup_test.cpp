// The pickup window's release by a proxy (代领, DB31/T 862 8.3.2), under Xvfb with the real widgets.

#include "app/decision_panel.h"
#include "app/device_prompt.h"
#include "app/document_preview.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "app/pickup_panel.h"
#include "devices/support/simulated_device.h"
#include "render/document_template.h"
#include "tools/devsim/idcard_simulator.h"

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/textctrl.h>

using namespace ywtb;
using ywtb::testing::GuiCounter;

namespace {

app::PickupPanel* findAtPickup(GuiCounter& counter, const std::string& number) {
    counter.frame->showPickup();
    auto* pickup = counter.frame->pickup();
    testing::type(pickup->scanField(), wxString::FromUTF8(number));
    testing::pressEnter(pickup->scanField());
    REQUIRE(pickup->currentCase());
    return pickup;
}

void tickProxy(app::PickupPanel* pickup) {
    pickup->proxyBox()->SetValue(true);
    wxCommandEvent event(wxEVT_CHECKBOX, pickup->proxyBox()->GetId());
    event.SetInt(1);
    event.SetEventObject(pickup->proxyBox());
    pickup->proxyBox()->GetEventHandler()->ProcessEvent(event);
}

} // namespace

TEST_CASE("a proxy's ID number is checked as typed, and the release waits for a right one", "[app][pickup]") {
    GuiCounter counter;
    const auto number = testing::caseReadyForPickup(counter);
    auto* pickup = findAtPickup(counter, number);
    CHECK(pickup->receiverField()->GetValue() == wxString::FromUTF8("上海某某餐饮有限公司"));
    CHECK_FALSE(pickup->proxyIdField()->IsEnabled());

    tickProxy(pickup);
    CHECK(pickup->proxyIdField()->IsEnabled());
    CHECK(pickup->receiverField()->IsEmpty()); // the receipt names the proxy, not the company
    CHECK_FALSE(pickup->releaseButton()->IsEnabled());
    testing::type(pickup->receiverField(), wxString::FromUTF8("张三"));
    CHECK_FALSE(pickup->releaseButton()->IsEnabled()); // no proxy ID number yet
    CHECK(pickup->releaseButton()->GetToolTipText().utf8_string().find("8.3.2") != std::string::npos);

    testing::type(pickup->proxyIdField(), "310101199003072314"); // check digit wrong
    CHECK_FALSE(pickup->proxyProblem().empty());
    CHECK_FALSE(pickup->releaseButton()->IsEnabled());
    CHECK(pickup->releaseButton()->GetToolTipText().Contains(pickup->proxyProblem()));
    testing::screenshot(counter.frame, "release-proxy-wrong-id");

    testing::type(pickup->proxyIdField(), "310101199003072313");
    CHECK(pickup->proxyProblem().empty());
    REQUIRE(pickup->releaseButton()->IsEnabled());
    testing::click(pickup->releaseButton());
    auto released = counter.session->intake().find(number);
    REQUIRE(released->status == core::CaseStatus::Released);
    REQUIRE(released->release);
    CHECK(released->release->byProxy);
    CHECK(released->release->proxyIdNumber == "310101199003072313");
    CHECK(released->release->receiverName == "张三");
    REQUIRE(pickup->preview()->papers().size() == 1);

    // The next search is the next person: nothing of the proxy stays in the fields.
    testing::type(pickup->scanField(), wxString::FromUTF8(number));
    testing::pressEnter(pickup->scanField());
    CHECK_FALSE(pickup->proxyBox()->IsChecked());
    CHECK(pickup->proxyIdField()->IsEmpty());
    REQUIRE(testing::waitUntil([&] { return pickup->preview()->pending() == 0; }));
}

TEST_CASE("with a card reader a proxy's card releases the case once their number is typed, and only theirs",
          "[app][pickup][devices]") {
    testing::SimulatedDevice reader(devsim::makeIdCardReader());
    GuiCounter counter("W01", {reader.path(), "", ""});
    REQUIRE(testing::waitUntil(
        [&] { return counter.session->deviceStates().front().second == devices::DeviceState::Connected; },
        10));
    const auto number = testing::caseReadyForPickup(counter);
    auto* pickup = findAtPickup(counter, number);

    // 张三's card on the reader, no proxy ticked: not the applicant's, nothing leaves the window; the line
    // says how.
    reader("present zhang");
    testing::click(pickup->releaseButton());
    REQUIRE(testing::waitUntil([&] { return pickup->prompt()->pending() == 0; }));
    CHECK(pickup->prompt()->showsProblem());
    CHECK(pickup->prompt()->text().Contains(wxStripMenuCodes(_("Collected by a &proxy"))));
    CHECK(counter.session->intake().find(number)->status == core::CaseStatus::AwaitingRelease);

    tickProxy(pickup);
    testing::type(pickup->receiverField(), wxString::FromUTF8("张三"));
    testing::type(pickup->proxyIdField(), "310101199003072313");
    reader("present zhang");
    testing::click(pickup->releaseButton());
    REQUIRE(testing::waitUntil(
        [&] { return pickup->prompt()->pending() == 0 && pickup->preview()->papers().size() == 1; }));
    auto released = counter.session->intake().find(number);
    CHECK(released->status == core::CaseStatus::Released);
    CHECK(released->release->proxyIdNumber == "310101199003072313");
    REQUIRE(testing::waitUntil([&] { return pickup->preview()->pending() == 0; }));
    testing::screenshot(counter.frame, "released-to-proxy");
}
