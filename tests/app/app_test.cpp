// The counter GUI (client/app) under Xvfb: real frames, a real store in a temp directory, no mocks.

#include "app/applicant_panel.h"
#include "app/counter_app.h"
#include "app/decision_panel.h"
#include "app/device_prompt.h"
#include "app/document_preview.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "app/item_search_panel.h"
#include "app/material_checklist.h"
#include "app/pickup_panel.h"
#include "app/start_options.h"
#include "core/id_number.h"
#include "devices/support/simulated_device.h"
#include "render/document_template.h"
#include "services/signature_service.h"
#include "store/local_store.h"
#include "tools/devsim/idcard_simulator.h"
#include "tools/devsim/rating_simulator.h"
#include "tools/devsim/signature_simulator.h"

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>

using namespace ywtb;
using ywtb::testing::fillFoodApplication;
using ywtb::testing::GuiCounter;
using ywtb::testing::openFoodCase;
using ywtb::testing::supplyEveryMaterial;

namespace {

/// Waits until the drivers have opened every device the counter was given.
void waitForDevices(GuiCounter& counter) {
    REQUIRE(testing::waitUntil(
        [&] {
            for (const auto& [device, state] : counter.session->deviceStates())
                if (state != devices::DeviceState::Connected)
                    return false;
            return true;
        },
        10));
}

} // namespace

TEST_CASE("the command line signs in without the dialog and the status bar shows who and where", "[app]") {
    const auto options =
        app::parseStartOptions({"--data-dir", "/tmp/x", "--staff", "S001", "--window", "W01"});
    REQUIRE(options.problem.empty());
    const auto who = app::signInWithoutDialog(options);
    REQUIRE(who);
    CHECK(who->staff == "S001");
    CHECK(who->window == "W01");
    CHECK_FALSE(app::signInWithoutDialog(app::parseStartOptions({"--staff", "S001"})));
    CHECK(app::parseStartOptions({"--window"}).problem == "--window needs a value");

    GuiCounter counter;
    const auto staffField = counter.frame->statusText(app::MainFrame::kStaffField).utf8_string();
    CHECK(staffField.find("S001") != std::string::npos);
    CHECK(staffField.find("W01") != std::string::npos);
    CHECK(counter.frame->statusText(app::MainFrame::kOutboxField).utf8_string().find('0') !=
          std::string::npos);
    CHECK_FALSE(counter.frame->statusText(app::MainFrame::kSyncField).empty());
    CHECK_FALSE(counter.frame->statusText(app::MainFrame::kDueField).empty());
    testing::screenshot(counter.frame, "signed-in");
}

TEST_CASE("an invalid ID number shows its error beside the field and keeps Open case disabled", "[app]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    testing::type(intake->applicant()->nameField(), wxString::FromUTF8("张三"));
    testing::type(intake->itemSearch()->queryField(), "SCJG-XK-001");
    // A valid number with its check character changed.
    const std::string first17 = "11010519491231002";
    const char right = core::idCheckCharacter(first17);
    testing::type(intake->applicant()->idField(), first17 + (right == '1' ? '2' : '1'));

    CHECK_FALSE(intake->applicant()->idError().empty());
    CHECK_FALSE(intake->openButton()->IsEnabled());
    CHECK(intake->openHint() == intake->applicant()->idError());
    testing::screenshot(counter.frame, "invalid-id-number");

    testing::type(intake->applicant()->idField(), first17 + right);
    CHECK(intake->applicant()->idError().empty());
    CHECK(intake->openButton()->IsEnabled());
}

TEST_CASE("searching by pinyin initials finds the food licence item and shows its guide", "[app]") {
    GuiCounter counter;
    auto* search = counter.frame->intake()->itemSearch();
    testing::type(search->queryField(), "spjyxk");
    const auto codes = search->hitCodes();
    REQUIRE_FALSE(codes.empty());
    CHECK(std::find(codes.begin(), codes.end(), "SCJG-XK-001") != codes.end());
    REQUIRE(search->selected());
    CHECK(search->selected()->code == "SCJG-XK-001");
    CHECK(search->guideText().utf8_string().find("食品经营许可申请书") != std::string::npos);
}

TEST_CASE("open a case, set every material, Accept: the case is accepted and its acceptance notice issued",
          "[app]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    fillFoodApplication(intake);
    REQUIRE(intake->itemSearch()->selected());
    REQUIRE(intake->itemSearch()->selected()->code == "SCJG-XK-001");
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto number = intake->currentCase()->number;
    CHECK(intake->checklist()->rows() == intake->currentCase()->item.materials.size());

    supplyEveryMaterial(intake);
    auto* accept = intake->decisions()->button(core::DecisionKind::Accept);
    REQUIRE(accept->IsEnabled());
    testing::click(accept);

    auto stored = counter.session->intake().find(number);
    REQUIRE(stored.ok());
    CHECK(stored->status == core::CaseStatus::Accepted);
    auto documents = counter.session->documents();
    REQUIRE(documents.ok());
    auto issued = documents.value().documents(number);
    REQUIRE(issued.ok());
    bool hasNotice = false;
    for (const auto& record : *issued)
        hasNotice = hasNotice || record.kind == render::toString(render::DocumentKind::Acceptance);
    CHECK(hasNotice);

    // The paper is previewed (pdftoppm off the UI thread) and can be printed.
    auto* preview = intake->preview();
    REQUIRE(preview->papers().size() == 1);
    CHECK(preview->canPrint());
    REQUIRE(testing::waitUntil([&] { return preview->pending() == 0; }));
    CHECK(preview->hasImage());
    CHECK(counter.frame->statusText(app::MainFrame::kOutboxField) != wxString::FromUTF8("0"));
    testing::screenshot(counter.frame, "accepted-with-notice");
    // Once decided, no other decision is open to the case.
    CHECK_FALSE(intake->decisions()->button(core::DecisionKind::Accept)->IsEnabled());
}

TEST_CASE("a decision the rules forbid is disabled and says why", "[app]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());

    // Nothing checked yet: accepting is not allowed, and the button and the menu say why.
    auto* decisions = intake->decisions();
    auto* accept = decisions->button(core::DecisionKind::Accept);
    CHECK_FALSE(accept->IsEnabled());
    wxString why;
    CHECK_FALSE(decisions->allowed(core::DecisionKind::Accept, &why));
    CHECK_FALSE(why.empty());
    CHECK(accept->GetToolTipText().Contains(why));
    // A conditional acceptance without a supplement date is not possible either; the reason names the date.
    CHECK_FALSE(decisions->button(core::DecisionKind::Conditional)->IsEnabled());
    // Refusing needs a written reason: disabled until one is typed.
    CHECK_FALSE(decisions->button(core::DecisionKind::Refuse)->IsEnabled());
    testing::type(decisions->reasonField(), wxString::FromUTF8("申请事项依法不需要取得行政许可"));
    // "Other reason" (the kind first offered) rests on a provision the clerk cites (行政许可法 art. 32(1)):
    // the detail field asks for it, and the button waits for it.
    CHECK_FALSE(decisions->button(core::DecisionKind::Refuse)->IsEnabled());
    CHECK(decisions->applyToField()->GetHint().Contains(_("legal basis: law and article")));
    testing::type(decisions->applyToField(), wxString::FromUTF8("《中华人民共和国行政许可法》第十二条"));
    CHECK(decisions->button(core::DecisionKind::Refuse)->IsEnabled());
    testing::screenshot(counter.frame, "decisions-forbidden");
}

TEST_CASE("the pickup window finds a case from a scanned progress URL", "[app]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto number = intake->currentCase()->number;
    supplyEveryMaterial(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));

    counter.frame->showPickup();
    auto* pickup = counter.frame->pickup();
    // The keyboard-wedge scanner types the QR code of the notice, then Enter.
    testing::type(pickup->scanField(),
                  wxString::FromUTF8(core::progressUrlOf(counter.session->centre(), number)));
    testing::pressEnter(pickup->scanField());
    REQUIRE(pickup->matches().size() == 1);
    REQUIRE(pickup->currentCase());
    CHECK(pickup->currentCase()->number == number);
    CHECK(pickup->details().utf8_string().find(number) != std::string::npos);
    // Accepted, not yet ready: the release is refused, with the reason on the button.
    CHECK_FALSE(pickup->releaseButton()->IsEnabled());
    CHECK_FALSE(pickup->releaseButton()->GetToolTipText().empty());
    testing::screenshot(counter.frame, "pickup-found");

    // By the applicant's credit code as well.
    testing::type(pickup->scanField(), "91350100M000100Y43");
    testing::pressEnter(pickup->scanField());
    CHECK(pickup->matches().size() == 1);
}

TEST_CASE("a case ready at the pickup window is released and its delivery receipt issued", "[app]") {
    GuiCounter counter;
    // The department's review happens elsewhere; the service moves the case on as the sync would.
    const auto number = testing::caseReadyForPickup(counter);
    auto service = counter.session->intake();

    counter.frame->showPickup();
    auto* pickup = counter.frame->pickup();
    testing::type(pickup->scanField(), wxString::FromUTF8(number));
    testing::pressEnter(pickup->scanField());
    REQUIRE(pickup->currentCase());
    INFO(pickup->releaseButton()->GetToolTipText().utf8_string());
    testing::click(pickup->releaseButton());
    CHECK(service.find(number)->status == core::CaseStatus::Released);
    REQUIRE(pickup->preview()->papers().size() == 1);
    CHECK(pickup->preview()->papers().front().record.kind ==
          render::toString(render::DocumentKind::DeliveryReceipt));
    REQUIRE(testing::waitUntil([&] { return pickup->preview()->pending() == 0; }));
    testing::screenshot(counter.frame, "released");
}

TEST_CASE("the text size follows View > Larger / Smaller", "[app]") {
    GuiCounter counter;
    const int before = counter.frame->intake()->applicant()->nameField()->GetFont().GetPointSize();
    counter.frame->changeFontSize(+2);
    CHECK(counter.frame->intake()->applicant()->nameField()->GetFont().GetPointSize() == before + 2);
    counter.frame->changeFontSize(0);
    CHECK(counter.frame->intake()->applicant()->nameField()->GetFont().GetPointSize() == before);
}

TEST_CASE("every action in the menus has a keyboard shortcut", "[app]") {
    GuiCounter counter;
    auto* menus = counter.frame->GetMenuBar();
    REQUIRE(menus);
    int actions = 0;
    for (std::size_t m = 0; m < menus->GetMenuCount(); ++m) {
        for (auto* item : menus->GetMenu(m)->GetMenuItems()) {
            if (item->IsSeparator() || item->IsSubMenu() || item->IsRadio())
                continue; // the language choice is a setting, not a counter action
            ++actions;
            std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
            INFO(item->GetItemLabelText().utf8_string());
            CHECK(accel);
        }
    }
    CHECK(actions >= 15);
}

TEST_CASE("a missing material makes a correction notice, listing the gap, instead of an acceptance",
          "[app]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto number = intake->currentCase()->number;
    supplyEveryMaterial(intake);
    // The floor plan (M05) turns out to be missing.
    intake->checklist()->setMaterial(4, core::MaterialStatus::Missing);
    testing::pump();
    REQUIRE(intake->lastError().empty());
    auto* decisions = intake->decisions();
    CHECK_FALSE(decisions->button(core::DecisionKind::Accept)->IsEnabled());
    REQUIRE(decisions->button(core::DecisionKind::Correction)->IsEnabled());
    testing::click(decisions->button(core::DecisionKind::Correction));

    auto stored = counter.session->intake().find(number);
    REQUIRE(stored.ok());
    CHECK(stored->status == core::CaseStatus::Correction);
    CHECK(stored->correctionGaps == std::vector<std::string>{"M05"});
    REQUIRE(intake->preview()->papers().size() == 1);
    CHECK(intake->preview()->papers().front().record.kind ==
          render::toString(render::DocumentKind::Correction));
    REQUIRE(testing::waitUntil([&] { return intake->preview()->pending() == 0; }));
    testing::screenshot(counter.frame, "correction-notice");
}

TEST_CASE("a conditional acceptance needs the supplement date and the signed pledge, then issues both papers",
          "[app]") {
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto number = intake->currentCase()->number;
    supplyEveryMaterial(intake);
    intake->checklist()->setMaterial(4, core::MaterialStatus::Missing); // M05 is secondary
    testing::pump();
    auto* decisions = intake->decisions();
    auto* conditional = decisions->button(core::DecisionKind::Conditional);
    CHECK_FALSE(conditional->IsEnabled()); // no date yet
    testing::type(decisions->supplementField(), "2026-10-09");
    wxString why;
    CHECK_FALSE(decisions->allowed(core::DecisionKind::Conditional, &why)); // the pledge is not signed
    CHECK_FALSE(why.empty());
    decisions->pledgeBox()->SetValue(true);
    wxCommandEvent checked(wxEVT_CHECKBOX, decisions->pledgeBox()->GetId());
    checked.SetInt(1);
    checked.SetEventObject(decisions->pledgeBox());
    decisions->pledgeBox()->ProcessWindowEvent(checked);
    testing::pump();
    INFO(conditional->GetToolTipText().utf8_string());
    REQUIRE(conditional->IsEnabled());
    testing::click(conditional);

    auto stored = counter.session->intake().find(number);
    REQUIRE(stored.ok());
    CHECK(stored->status == core::CaseStatus::Conditional);
    REQUIRE(intake->preview()->papers().size() == 2);
    CHECK(intake->preview()->papers()[0].record.kind == render::toString(render::DocumentKind::Supplement));
    CHECK(intake->preview()->papers()[1].record.kind == render::toString(render::DocumentKind::Pledge));
    REQUIRE(testing::waitUntil([&] { return intake->preview()->pending() == 0; }));
}

TEST_CASE("the device addresses come from the command line", "[app][devices]") {
    const auto options = app::parseStartOptions(
        {"--idcard", "/dev/ttyUSB0", "--rating", "/dev/ttyUSB1", "--signature", "/dev/ttyACM0"});
    REQUIRE(options.problem.empty());
    CHECK(options.devices.idcard == "/dev/ttyUSB0");
    CHECK(options.devices.rating == "/dev/ttyUSB1");
    CHECK(options.devices.signature == "/dev/ttyACM0");
    CHECK(app::parseStartOptions({"--rating"}).problem == "--rating needs a value");

    // A bad address is reported once and the counter works without that device.
    testing::TempDir dir;
    auto session = testing::openSession(dir / "data");
    REQUIRE(session->signIn("S001", "W01").ok());
    const auto bad = session->openDevices({"ws://127.0.0.1:30089/idcard", "", ""});
    REQUIRE(bad.size() == 1);
    CHECK(bad.front().code == "devices.kind");
    CHECK_FALSE(session->hasDevice(services::CounterDevice::IdCard));
    CHECK(session->deviceStates().empty());
    CHECK(session->openDevices({"ws://127.0.0.1:30089/idcard", "", ""}).empty()); // once: not shown again
}

TEST_CASE("Read ID card fills the applicant from the card on the reader", "[app][devices]") {
    testing::SimulatedDevice reader(devsim::makeIdCardReader());
    GuiCounter counter("W01", {reader.path(), "", ""});
    waitForDevices(counter);
    auto* applicant = counter.frame->intake()->applicant();
    REQUIRE(applicant->cardButton()->IsEnabled());
    CHECK(applicant->cardButton()->GetToolTipText().Contains("F3"));

    // No card on the reader: the reason beside the button, nothing filled.
    testing::click(applicant->cardButton());
    REQUIRE(testing::waitUntil([&] { return applicant->pending() == 0; }));
    CHECK_FALSE(applicant->cardLine().empty());
    CHECK(applicant->nameField()->IsEmpty());
    CHECK(applicant->idField()->IsEmpty());

    reader("present zhang");
    testing::click(applicant->cardButton());
    REQUIRE(testing::waitUntil([&] { return applicant->pending() == 0; }));
    INFO(applicant->cardLine().utf8_string());
    CHECK(applicant->cardLine().empty());
    CHECK(applicant->nameField()->GetValue().utf8_string() == "张三");
    CHECK(applicant->idField()->GetValue().utf8_string() == "310101199003072313");
    CHECK(applicant->addressField()->GetValue().utf8_string() == "上海市黄浦区人民大道200号");
    CHECK(applicant->idError().empty());
    REQUIRE(applicant->applicant());
    CHECK(applicant->applicant()->address == "上海市黄浦区人民大道200号");
    testing::screenshot(counter.frame, "idcard-read");
}

// One screenshot per test, at its end: after the first grab of the screen in a process, GTK's later drawing
// no longer reaches it under Xvfb, and a second one would show the first again.

TEST_CASE("after Accept the applicant rates on the device and the panel shows the level given",
          "[app][devices]") {
    testing::SimulatedDevice keypad(devsim::makeRatingKeypad());
    GuiCounter counter("W01", {"", keypad.path(), ""});
    waitForDevices(counter);
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    auto* prompt = intake->prompt();
    REQUIRE(prompt->waiting());
    CHECK(prompt->text().utf8_string().find("请申请人在评价器上评价") != std::string::npos);

    keypad("press 2 3"); // 不满意, 服务态度
    REQUIRE(testing::waitUntil([&] { return !prompt->waiting(); }, 30));
    CHECK(prompt->text().utf8_string() == "评价已提交：不满意");
    auto ratings = counter.session->ratings(number);
    REQUIRE(ratings.ok());
    REQUIRE(ratings->size() == 1);
    const auto& rating = ratings->front();
    CHECK(rating.stage == "accept");
    CHECK(rating.level == 2);
    REQUIRE(rating.tags.size() == 1);
    CHECK(rating.tags.front().code == 3);
    CHECK(rating.device == keypad.path());
    CHECK(rating.rectification); // a bad rating opens a rectification
    testing::screenshot(counter.frame, "rating-submitted");
}

TEST_CASE("Esc takes back the rating prompt: what the applicant presses afterwards is not stored",
          "[app][devices]") {
    testing::SimulatedDevice keypad(devsim::makeRatingKeypad());
    GuiCounter counter("W01", {"", keypad.path(), ""});
    waitForDevices(counter);
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    auto* prompt = intake->prompt();
    REQUIRE(prompt->waiting());
    // Esc: the menu item it is the shortcut of, as the frame would run it.
    int cancelId = wxNOT_FOUND;
    auto* menus = counter.frame->GetMenuBar();
    for (std::size_t m = 0; m < menus->GetMenuCount(); ++m)
        for (auto* item : menus->GetMenu(m)->GetMenuItems()) {
            std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
            if (accel && accel->GetKeyCode() == WXK_ESCAPE && accel->GetFlags() == wxACCEL_NORMAL)
                cancelId = item->GetId();
        }
    REQUIRE(cancelId != wxNOT_FOUND);
    counter.frame->UpdateWindowUI(); // menu items are enabled by wxEVT_UPDATE_UI
    REQUIRE(menus->IsEnabled(cancelId));
    wxCommandEvent esc(wxEVT_MENU, cancelId);
    counter.frame->ProcessWindowEvent(esc);
    testing::pump();
    CHECK_FALSE(prompt->waiting());
    CHECK(prompt->text().utf8_string().find("取消") != std::string::npos);

    keypad("press 5"); // too late: the prompt was taken back
    REQUIRE(testing::waitUntil([&] { return prompt->pending() == 0; }, 30));
    auto ratings = counter.session->ratings(number);
    REQUIRE(ratings.ok());
    CHECK(ratings->empty());
}

TEST_CASE("with a signature pad the conditional acceptance takes the pledge signed there and binds it to the "
          "pledge issued",
          "[app][devices]") {
    testing::SimulatedDevice pad(devsim::makeSignaturePad());
    GuiCounter counter("W01", {"", "", pad.path()});
    waitForDevices(counter);
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    intake->checklist()->setMaterial(4, core::MaterialStatus::Missing); // M05 is secondary
    testing::pump();
    auto* decisions = intake->decisions();
    testing::type(decisions->supplementField(), "2026-10-09");
    // The clerk does not tick the pledge: the applicant signs it on the pad.
    CHECK_FALSE(decisions->pledgeBox()->IsEnabled());
    auto* conditional = decisions->button(core::DecisionKind::Conditional);
    INFO(conditional->GetToolTipText().utf8_string());
    REQUIRE(conditional->IsEnabled());
    testing::click(conditional);
    auto* prompt = intake->prompt();
    REQUIRE(prompt->waiting());
    CHECK(counter.session->intake().find(number)->status ==
          core::CaseStatus::Draft); // nothing decided before the signature

    pad("sign-demo");
    pad("confirm");
    REQUIRE(testing::waitUntil([&] { return !prompt->waiting(); }, 30));
    INFO(prompt->text().utf8_string() << " / " << intake->lastError().utf8_string());
    CHECK(counter.session->intake().find(number)->status == core::CaseStatus::Conditional);
    REQUIRE(intake->preview()->papers().size() == 2);
    const auto& pledge = intake->preview()->papers()[1].record;
    CHECK(pledge.kind == render::toString(render::DocumentKind::Pledge));
    services::SignatureService signatures(counter.session->store(), counter.session->clock(),
                                          counter.session->actor());
    auto kept = signatures.signatures(number);
    REQUIRE(kept.ok());
    REQUIRE(kept->size() == 1);
    CHECK(kept->front().documentKind == "pledge");
    CHECK_FALSE(kept->front().strokesSha256.empty());
    CHECK(kept->front().documentSha256 == pledge.pdfSha256);
    REQUIRE(testing::waitUntil([&] { return intake->preview()->pending() == 0; }));
    testing::screenshot(counter.frame, "pledge-signed");
}

TEST_CASE("with a card reader the release stops when the card is not the applicant's", "[app][devices]") {
    testing::SimulatedDevice reader(devsim::makeIdCardReader());
    GuiCounter counter("W01", {reader.path(), "", ""});
    waitForDevices(counter);
    const auto number = testing::caseReadyForPickup(counter);
    auto service = counter.session->intake();

    counter.frame->showPickup();
    auto* pickup = counter.frame->pickup();
    testing::type(pickup->scanField(), wxString::FromUTF8(number));
    testing::pressEnter(pickup->scanField());
    REQUIRE(pickup->currentCase());
    reader("present zhang"); // a person's card; the applicant is a company without an agent
    testing::click(pickup->releaseButton());
    REQUIRE(testing::waitUntil([&] { return pickup->prompt()->pending() == 0; }));
    CHECK(pickup->prompt()->showsProblem());
    const auto shown = pickup->prompt()->text().utf8_string();
    CHECK(shown.find("张* 310101********2313") != std::string::npos);
    CHECK(shown.find("张三") == std::string::npos); // masked
    CHECK(service.find(number)->status == core::CaseStatus::AwaitingRelease);
    CHECK(pickup->preview()->papers().empty());
    testing::screenshot(counter.frame, "release-card-mismatch");
}

TEST_CASE("the status bar shows each device connected, and not connected once it is unplugged",
          "[app][devices]") {
    testing::SimulatedDevice reader(devsim::makeIdCardReader());
    testing::SimulatedDevice keypad(devsim::makeRatingKeypad());
    testing::SimulatedDevice pad(devsim::makeSignaturePad());
    GuiCounter counter("W01", {reader.path(), keypad.path(), pad.path()});
    const auto field = [&] { return counter.frame->statusText(app::MainFrame::kDevicesField).utf8_string(); };
    // Read as the two-second refresh leaves it: nothing here asks for a refresh.
    CHECK(testing::waitUntil(
        [&] {
            return field().find("身份证阅读器 已连接") != std::string::npos &&
                   field().find("评价器 已连接") != std::string::npos &&
                   field().find("签名板 已连接") != std::string::npos;
        },
        15));
    INFO(field());

    reader("unplug 0");
    CHECK(testing::waitUntil([&] { return field().find("身份证阅读器 未连接") != std::string::npos; }, 15));
    CHECK(field().find("评价器 已连接") != std::string::npos);
    testing::screenshot(counter.frame, "device-unplugged");
}

TEST_CASE(
    "an exception escaping a handler is shown in the clerk's language and logged, and the counter goes on",
    "[app]") {
    GuiCounter counter;
    wxString shown;
    try {
        throw std::runtime_error("database disk image is malformed");
    } catch (...) {
        app::reportUnexpectedFailure(std::current_exception(), [&](const wxString& text) { shown = text; });
    }
    CHECK_THAT(shown.utf8_string(), Catch::Contains("意外错误") &&
                                        Catch::Contains("database disk image is malformed") &&
                                        Catch::Contains("中心管理员"));
    // The window is still there and works: a case can still be opened.
    auto* intake = counter.frame->intake();
    fillFoodApplication(intake);
    testing::click(intake->openButton());
    CHECK(intake->currentCase());
}
