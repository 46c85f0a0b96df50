#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "app/gui_fixture.h"

#include "app/app_i18n.h"
#include "app/applicant_panel.h"
#include "app/application_form_panel.h"
#include "app/decision_panel.h"
#include "app/intake_panel.h"
#include "app/item_search_panel.h"
#include "app/material_checklist.h"
#include "core/application_form_values.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/image.h>
#include <wx/log.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>

namespace ywtb::testing {

namespace {

bool g_started = false;

/// Ends wx after the last test, so that leak checkers see an orderly exit.
struct WxShutdown : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testRunEnded(const Catch::TestRunStats&) override {
        if (g_started) {
            wxEntryCleanup();
            g_started = false;
        }
    }
};

} // namespace

CATCH_REGISTER_LISTENER(WxShutdown)

void ensureWx() {
    if (g_started)
        return;
    static int argc = 1;
    static char name[] = "app_tests";
    static char* argv[] = {name, nullptr};
    wxApp::SetInstance(new wxApp);
    REQUIRE(wxEntryStart(argc, argv));
    REQUIRE(wxTheApp->CallOnInit());
    wxInitAllImageHandlers();
    // A wxLogMessage would open a modal dialog and block the test (platform notes §4).
    delete wxLog::SetActiveTarget(new wxLogStderr);
    app::initLanguage(YWTB_BUILD_LOCALE_DIR, "zh_CN");
    g_started = true;
}

void pump() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxTheApp->Yield(true);
    }
}

bool waitUntil(const std::function<bool()>& done, double seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        pump();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

void click(wxButton* button) {
    REQUIRE(button->IsEnabled());
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
    pump();
}

void type(wxTextCtrl* field, const wxString& text) {
    field->SetFocus();
    field->SetValue(text); // sends wxEVT_TEXT
    pump();
}

void pressEnter(wxTextCtrl* field) {
    wxCommandEvent event(wxEVT_TEXT_ENTER, field->GetId());
    event.SetEventObject(field);
    event.SetString(field->GetValue());
    field->ProcessWindowEvent(event);
    pump();
}

std::filesystem::path screenshot(wxWindow* window, const std::string& name) {
    window->Update();
    pump();
    // From the screen, so that the frame's status bar and menus are in the picture as the clerk sees them.
    const auto rect = window->GetScreenRect();
    wxBitmap bitmap(rect.GetSize());
    {
        wxScreenDC source;
        wxMemoryDC target(bitmap);
        target.Blit(0, 0, rect.width, rect.height, &source, rect.x, rect.y);
    }
    const std::filesystem::path dir = YWTB_APP_SCREENSHOT_DIR;
    std::filesystem::create_directories(dir);
    const auto file = dir / (name + ".png");
    bitmap.SaveFile(wxString::FromUTF8(file.string()), wxBITMAP_TYPE_PNG);
    return file;
}

namespace {

void chooseOrganisation(app::ApplicantPanel* panel) {
    panel->kindChoice()->SetSelection(1);
    wxCommandEvent event(wxEVT_RADIOBOX, panel->kindChoice()->GetId());
    event.SetInt(1);
    event.SetEventObject(panel->kindChoice());
    panel->kindChoice()->ProcessWindowEvent(event);
    pump();
}

} // namespace

/// Types the food-business applicant and finds the food licence item by its pinyin initials.
void fillFoodApplication(app::IntakePanel* intake) {
    chooseOrganisation(intake->applicant());
    type(intake->applicant()->nameField(), wxString::FromUTF8("上海某某餐饮有限公司"));
    type(intake->applicant()->idField(), "91350100M000100Y43");
    type(intake->applicant()->phoneField(), "021-64871234");
    type(intake->itemSearch()->queryField(), "spjy");
}

/// Sets every material of the open case as the guide asks, row by row in the checklist.
void setEveryMaterial(app::IntakePanel* intake) {
    const auto& item = intake->currentCase()->item;
    for (unsigned row = 0; row < item.materials.size(); ++row) {
        const auto& m = item.materials[row];
        if (!m.elicence.empty())
            intake->checklist()->setMaterial(row, core::MaterialStatus::Exempt, "EL-" + m.id);
        else if (!m.appliesWhen.empty())
            intake->checklist()->setMaterial(row, core::MaterialStatus::NotApplicable);
        else
            intake->checklist()->setMaterial(row, m.form == core::MaterialForm::Copy
                                                      ? core::MaterialStatus::Copy
                                                      : core::MaterialStatus::Original);
        pump();
        INFO(m.id << ": " << intake->lastError().utf8_string());
        REQUIRE(intake->lastError().empty());
    }
}

void choose(wxChoice* choice, int index) {
    choice->SetSelection(index);
    wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
    event.SetInt(index);
    event.SetEventObject(choice);
    choice->ProcessWindowEvent(event);
    pump();
}

/// Answers the food licence form's required fields the applicant did not fill, in the form panel, and saves
/// it.
void answerFoodForm(app::IntakePanel* intake) {
    auto* form = intake->applicationForm();
    REQUIRE(form->hasForm());
    const auto text = [form](const std::string& path, const char* value) {
        auto* field = dynamic_cast<wxTextCtrl*>(form->control(path));
        REQUIRE(field);
        type(field, wxString::FromUTF8(value));
    };
    const auto option = [form](const std::string& path, int index) {
        auto* field = dynamic_cast<wxChoice*>(form->control(path));
        REQUIRE(field);
        choose(field, index);
    };
    text("legal_representative", "李四");
    text("legal_representative_id", "11010519491231002X");
    text("residence", "上海市徐汇区漕溪北路1号");
    text("premises_address", "上海市徐汇区漕溪北路1号101室");
    text("premises_area", "120.5");
    option("business_form", 2); // 餐饮服务经营者 (after the empty choice)
    auto* categories = dynamic_cast<wxCheckListBox*>(form->control("categories"));
    REQUIRE(categories);
    categories->Check(3); // 热食类食品制售
    wxCommandEvent checked(wxEVT_CHECKLISTBOX, categories->GetId());
    checked.SetInt(3);
    checked.SetEventObject(categories);
    categories->ProcessWindowEvent(checked);
    pump();
    option("online_sales", 2); // 否
    text("employees", "8");
    text("safety_officer", "王五");
    text("safety_officer_id", "11010519491231002X");
    click(form->saveButton());
    INFO(form->statusText().utf8_string() << " / " << form->missingText().utf8_string());
    REQUIRE(form->statusText().empty());
    REQUIRE(intake->currentCase()->form);
    REQUIRE(core::checkFormValues(*intake->currentCase()->form->definition,
                                  intake->currentCase()->form->values, *core::CivilDate::parse("2026-09-28"))
                .complete());
}

/// Everything an acceptance needs: every material and the application form.
void supplyEveryMaterial(app::IntakePanel* intake) {
    setEveryMaterial(intake);
    answerFoodForm(intake);
}

/// Opens the food licence case, sets every material and answers the form; the case number.
std::string openFoodCase(app::IntakePanel* intake) {
    fillFoodApplication(intake);
    click(intake->openButton());
    REQUIRE(intake->currentCase());
    supplyEveryMaterial(intake);
    return intake->currentCase()->number;
}

std::unique_ptr<services::Counter> openSession(const std::filesystem::path& dataDir, const char* utc) {
    ensureWx();
    services::ResourcePaths paths{sourceDir() / "forms", sourceDir() / "templates", YWTB_BUILD_LOCALE_DIR};
    auto clock = std::make_unique<core::FixedClock>(*core::CivilDate::parse("2026-09-28"), utc);
    std::vector<core::Error> errors;
    auto session = services::Counter::open(paths, dataDir, std::move(clock), errors);
    INFO((errors.empty() ? std::string() : errors.front().str()));
    REQUIRE(session);
    return session;
}

ShownFrame::ShownFrame(services::Counter& session) {
    app::ViewSettings settings;
    settings.persist = false;
    frame = new app::MainFrame(session, settings);
    frame->Show();
    pump();
}

ShownFrame::~ShownFrame() {
    frame->Hide();
    delete frame;
    pump();
}

GuiCounter::GuiCounter(const char* window, const core::DeviceAddresses& devices) {
    session = openSession(dir / "data");
    REQUIRE(session->signIn("S001", window).ok());
    REQUIRE(session->reserveDemoNumberBlocks().ok());
    const auto problems = session->openDevices(devices);
    INFO((problems.empty() ? std::string() : problems.front().str()));
    REQUIRE(problems.empty());
    app::ViewSettings settings;
    settings.persist = false;
    frame = new app::MainFrame(*session, settings);
    frame->Show();
    pump();
}

GuiCounter::~GuiCounter() {
    if (frame) {
        frame->Hide();
        delete frame;
        pump();
    }
}

std::string caseReadyForPickup(GuiCounter& counter) {
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    click(intake->decisions()->button(core::DecisionKind::Accept));
    auto service = counter.session->intake();
    REQUIRE(service.startReview(number).ok());
    core::Decision approve;
    approve.kind = core::DecisionKind::Approve;
    REQUIRE(service.decide(number, approve).ok());
    REQUIRE(service.markReady(number).ok());
    return number;
}

} // namespace ywtb::testing
