// Resident memory of the counter GUI after a day's work: INTAKES whole intakes through the real MainFrame
// (the applicant typed, the item found, the case opened, every material set in the checklist, the application
// form answered and saved, Accept pressed; each issuing its acceptance notice and rendering its preview with
// pdftoppm), then VmRSS and VmHWM of this process. The widgets are driven as tests/app drives them: control
// values set and the events the controls send fired.
//
// usage (needs a display):  xvfb-run -a ywtb-bench-gui-memory DATA_DIR [INTAKES]
// DATA_DIR is a counter data directory (empty, or made by `ywtb-bench-intake --store-only`); the intakes are
// added to it.

#include "app/app_i18n.h"
#include "app/applicant_panel.h"
#include "app/application_form_panel.h"
#include "app/decision_panel.h"
#include "app/document_preview.h"
#include "app/intake_panel.h"
#include "app/item_search_panel.h"
#include "app/main_frame.h"
#include "app/material_checklist.h"
#include "services/counter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/image.h>
#include <wx/log.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>

using namespace ywtb;
using Clock = std::chrono::steady_clock;

namespace {

/// VmRSS and VmHWM of this process, in MB.
struct Resident {
    double rss = 0, hwm = 0;
};

Resident resident() {
    Resident r;
    std::ifstream status("/proc/self/status");
    std::string key;
    double kb = 0;
    std::string unit;
    while (status >> key) {
        if (key == "VmRSS:" && status >> kb >> unit)
            r.rss = kb / 1024;
        else if (key == "VmHWM:" && status >> kb >> unit)
            r.hwm = kb / 1024;
        else
            status.ignore(1 << 16, '\n');
    }
    return r;
}

void pump() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxTheApp->Yield(true);
    }
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "gui memory bench: %s\n", what.c_str());
    std::exit(1);
}

void click(wxButton* button, const char* what) {
    if (!button->IsEnabled())
        fail(std::string(what) + " is disabled");
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
    pump();
}

void type(wxTextCtrl* field, const wxString& text) {
    field->SetFocus();
    field->SetValue(text); // sends wxEVT_TEXT, as typing does
    pump();
}

/// The food licence's application form answered through its widgets and saved, as tests/app/gui_fixture.cpp's
/// answerFoodForm does (that one uses Catch2, which a benchmark does not link).
void answerFoodForm(app::IntakePanel* intake) {
    auto* form = intake->applicationForm();
    if (!form->hasForm())
        fail("the food licence case has no application form");
    const auto text = [form](const std::string& path, const char* value) {
        auto* field = dynamic_cast<wxTextCtrl*>(form->control(path));
        if (!field)
            fail("no text field " + path);
        type(field, wxString::FromUTF8(value));
    };
    const auto option = [form](const std::string& path, int index) {
        auto* field = dynamic_cast<wxChoice*>(form->control(path));
        if (!field)
            fail("no choice " + path);
        field->SetSelection(index);
        wxCommandEvent event(wxEVT_CHOICE, field->GetId());
        event.SetInt(index);
        event.SetEventObject(field);
        field->ProcessWindowEvent(event);
        pump();
    };
    text("legal_representative", "李四");
    text("legal_representative_id", "11010519491231002X");
    text("residence", "上海市徐汇区漕溪北路1号");
    text("premises_address", "上海市徐汇区漕溪北路1号101室");
    text("premises_area", "120.5");
    option("business_form", 2);
    auto* categories = dynamic_cast<wxCheckListBox*>(form->control("categories"));
    if (!categories)
        fail("no list categories");
    categories->Check(3);
    wxCommandEvent checked(wxEVT_CHECKLISTBOX, categories->GetId());
    checked.SetInt(3);
    checked.SetEventObject(categories);
    categories->ProcessWindowEvent(checked);
    pump();
    option("online_sales", 2);
    text("employees", "8");
    text("safety_officer", "王五");
    text("safety_officer_id", "11010519491231002X");
    click(form->saveButton(), "Save the form");
    if (!form->statusText().empty())
        fail("the form was not saved: " + form->statusText().utf8_string());
}

/// One intake of 食品经营许可 for an organisation, as a clerk does it; the case number.
std::string intakeOnce(app::IntakePanel* intake) {
    intake->newCase();
    pump();
    auto* kind = intake->applicant()->kindChoice();
    kind->SetSelection(1);
    wxCommandEvent chosen(wxEVT_RADIOBOX, kind->GetId());
    chosen.SetInt(1);
    chosen.SetEventObject(kind);
    kind->ProcessWindowEvent(chosen);
    pump();
    type(intake->applicant()->nameField(), wxString::FromUTF8("上海某某餐饮有限公司"));
    type(intake->applicant()->idField(), "91350100M000100Y43");
    type(intake->applicant()->phoneField(), "021-64871234");
    type(intake->itemSearch()->queryField(), "spjy");
    click(intake->openButton(), "Open case");
    if (!intake->currentCase())
        fail("no case opened: " + intake->lastError().utf8_string());
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
        if (!intake->lastError().empty())
            fail(m.id + ": " + intake->lastError().utf8_string());
    }
    answerFoodForm(intake);
    click(intake->decisions()->button(core::DecisionKind::Accept), "Accept");
    // The notice's first page is rendered off the UI thread; the intake is done when it is shown.
    auto* preview = intake->preview();
    const auto end = Clock::now() + std::chrono::seconds(30);
    while (preview->pending() > 0 || !preview->hasImage()) {
        if (Clock::now() > end)
            fail("the preview of the acceptance notice did not come within 30 s");
        pump();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return intake->currentCase()->number;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: xvfb-run -a %s DATA_DIR [INTAKES]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dataDir = argv[1];
    const int intakes = argc > 2 ? std::atoi(argv[2]) : 200;

    const auto atStart = resident();
    int wxArgc = 1;
    char* wxArgv[] = {argv[0], nullptr};
    wxApp::SetInstance(new wxApp);
    if (!wxEntryStart(wxArgc, wxArgv) || !wxTheApp->CallOnInit())
        fail("wx cannot start (no display? run it under xvfb-run)");
    wxInitAllImageHandlers();
    delete wxLog::SetActiveTarget(new wxLogStderr); // a log message must not open a modal dialog
    app::initLanguage(YWTB_BUILD_LOCALE_DIR, "zh_CN");

    {
        const services::ResourcePaths paths{std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "forms",
                                            std::filesystem::path(YWTB_SOURCE_DATA_DIR) / "templates",
                                            YWTB_BUILD_LOCALE_DIR};
        std::vector<core::Error> errors;
        auto session = services::Counter::open(paths, dataDir, std::make_unique<core::SystemClock>(), errors);
        if (!session)
            fail(errors.empty() ? "the session did not open" : errors.front().str());
        if (auto signedIn = session->signIn("S001", "W01"); !signedIn)
            fail(signedIn.error().str());
        if (auto reserved = session->reserveDemoNumberBlocks(); !reserved)
            fail(reserved.error().str());
        app::ViewSettings settings;
        settings.persist = false;
        auto* frame = new app::MainFrame(*session, settings);
        frame->Show();
        pump();
        const auto ready = resident();

        std::vector<double> millis;
        struct Along {
            int intakes;
            Resident resident;
            double medianMillis; ///< of the last 50 intakes
        };
        std::vector<Along> along;
        for (int i = 0; i < intakes; ++i) {
            const auto start = Clock::now();
            intakeOnce(frame->intake());
            millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            if ((i + 1) % 50 == 0) {
                std::vector<double> last(millis.end() - 50, millis.end());
                std::nth_element(last.begin(), last.begin() + 25, last.end());
                along.push_back({i + 1, resident(), last[25]});
            }
        }
        const auto after = resident();
        std::sort(millis.begin(), millis.end());
        std::printf("data dir: %s\n", dataDir.c_str());
        std::printf("resident at start (before wx):          VmRSS %.1f MB\n", atStart.rss);
        std::printf("resident with the frame shown:          VmRSS %.1f MB  VmHWM %.1f MB\n", ready.rss,
                    ready.hwm);
        for (const auto& a : along)
            std::printf("resident after %4d intakes:             VmRSS %.1f MB  VmHWM %.1f MB  (median "
                        "intake of the last 50: %.0f ms)\n",
                        a.intakes, a.resident.rss, a.resident.hwm, a.medianMillis);
        if (!millis.empty())
            std::printf("%d intakes through the GUI (open, %zu materials, the form answered, Accept, notice "
                        "issued and previewed): "
                        "median %.0f ms  max %.0f ms\n",
                        intakes, frame->intake()->currentCase()->item.materials.size(),
                        millis[millis.size() / 2], millis.back());
        std::printf("after %d intakes: VmRSS %.1f MB  VmHWM %.1f MB\n", intakes, after.rss, after.hwm);
        frame->Hide();
        delete frame;
        pump();
    }
    wxEntryCleanup();
    return 0;
}
