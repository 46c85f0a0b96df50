#pragma once
// The real counter frames on a real store in a temp directory, driven by setting control values and firing
// the events the controls would send (wxUIActionSimulator is flaky under Xvfb). wx starts once per test
// process.

#include "app/main_frame.h"
#include "services/counter.h"
#include "support/temp_dir.h"

#include <functional>
#include <memory>
#include <wx/window.h>

class wxButton;
class wxChoice;
class wxTextCtrl;

namespace ywtb::app {
class IntakePanel;
}

namespace ywtb::testing {

/// Starts wx (once) on the display with_display.sh provides.
void ensureWx();
/// Handles pending events and queued CallAfter results.
void pump();
/// Pumps until `done` or `seconds` pass; false on timeout.
bool waitUntil(const std::function<bool()>& done, double seconds = 20);
/// What a click does: the button's wxEVT_BUTTON; REQUIREs the button to be enabled, as a mouse would.
void click(wxButton* button);
/// What typing does: sets the text (wxEVT_TEXT follows, as from the keyboard).
void type(wxTextCtrl* field, const wxString& text);
/// Enter in a field with wxTE_PROCESS_ENTER.
void pressEnter(wxTextCtrl* field);
/// Saves what `window` shows as PNG under the screenshot folder of the build; returns the file.
std::filesystem::path screenshot(wxWindow* window, const std::string& name);

/// Types the food-business applicant (上海某某餐饮有限公司) and finds the food licence item by its pinyin
/// initials.
void fillFoodApplication(app::IntakePanel* intake);
/// Sets every material of the open case as the guide asks, row by row in the checklist.
void setEveryMaterial(app::IntakePanel* intake);
/// Answers the food licence form's required fields the applicant did not fill, in the form panel, and saves
/// it.
void answerFoodForm(app::IntakePanel* intake);
/// Everything an acceptance needs: every material (setEveryMaterial) and the application form
/// (answerFoodForm).
void supplyEveryMaterial(app::IntakePanel* intake);
/// Picks option `index` of a choice and sends the event the clerk's pick sends.
void choose(wxChoice* choice, int index);
/// Opens the food licence case, sets every material and answers the form; the case number.
std::string openFoodCase(app::IntakePanel* intake);

/// A session on the demo centre's files with its store in `dataDir`, on 2026-09-28 at `utc`; not signed in.
std::unique_ptr<services::Counter> openSession(const std::filesystem::path& dataDir,
                                               const char* utc = "2026-09-28T01:00:00Z");

/// The main window of a session made by the test, shown; hidden and deleted at the end of the scope.
struct ShownFrame {
    app::MainFrame* frame = nullptr;
    explicit ShownFrame(services::Counter& session);
    ~ShownFrame();
    ShownFrame(const ShownFrame&) = delete;
    ShownFrame& operator=(const ShownFrame&) = delete;
    app::MainFrame* operator->() const { return frame; }
};

/// The counter at window W01 of the demo centre on 2026-09-28, signed in as S001, with number blocks reserved
/// and the devices at `devices` opened (none by default).
struct GuiCounter {
    TempDir dir;
    std::unique_ptr<services::Counter> session;
    app::MainFrame* frame = nullptr;

    explicit GuiCounter(const char* window = "W01", const core::DeviceAddresses& devices = {});
    ~GuiCounter();
};

/// Takes the food case in at the intake page (every material, the form, Accept) and moves it on to awaiting
/// release as the department's review would (through the service, as the sync does); the case number.
std::string caseReadyForPickup(GuiCounter& counter);

} // namespace ywtb::testing
