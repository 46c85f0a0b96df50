// Scanning materials in the intake page: SANE's own `test` backend through a private SANE_CONFIG_DIR (its
// dll.conf names only `test`), the real ScanService on a worker thread, the pages in the real store; the
// thumbnails moved, turned and deleted through the panel's buttons.

#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "app/material_checklist.h"
#include "app/material_pages_panel.h"
#include "app/start_options.h"
#include "store/local_store.h"
#include "store/page_repository.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/gauge.h>
#include <wx/image.h>
#include <wx/listctrl.h>
#include <wx/mstream.h>
#include <wx/spinctrl.h>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

/// SANE reads SANE_CONFIG_DIR once per process, at the first sane_init: one private folder for the whole run,
/// with only the test backend, drawing its grid (a page with ink, so nothing looks blank).
void useSaneTestScanner() {
    static TempDir config;
    static const bool written = [] {
        std::ofstream(config / "dll.conf") << "test\n";
        std::ofstream(config / "test.conf") << "number_of_devices 2\ntest-picture \"Grid\"\n";
        setenv("SANE_CONFIG_DIR", config.path().c_str(), 1);
        return true;
    }();
    (void)written;
}

core::DeviceAddresses withTestScanner() {
    core::DeviceAddresses devices;
    devices.scanner = "test:0";
    return devices;
}

/// What a click on a row of the checklist does.
void selectMaterialRow(app::IntakePanel* intake, unsigned row) {
    auto* grid = intake->checklist()->grid();
    grid->SelectRow(row);
    wxDataViewEvent event(wxEVT_DATAVIEW_SELECTION_CHANGED, grid, grid->RowToItem(static_cast<int>(row)));
    grid->ProcessWindowEvent(event);
    pump();
}

std::vector<std::int64_t> idsOf(const std::vector<store::PageRecord>& pages) {
    std::vector<std::int64_t> ids;
    for (const auto& p : pages)
        ids.push_back(p.id);
    return ids;
}

/// Through the panel's buttons: the first page one place later, the last a quarter turn, the first deleted
/// once confirmed (and nothing when declined). `before` is the material's three page ids in order.
void editThreePagesThroughButtons(GuiCounter& counter, const std::string& number, const std::string& material,
                                  const std::vector<std::int64_t>& before, const std::string& shot) {
    auto* intake = counter.frame->intake();
    auto* pages = intake->materialPages();
    REQUIRE(before.size() == 3);

    pages->selectPage(0);
    CHECK_FALSE(pages->moveLeftButton()->IsEnabled());
    click(pages->moveRightButton());
    CHECK(idsOf(*counter.session->pages(number, material)) ==
          std::vector<std::int64_t>{before[1], before[0], before[2]});
    CHECK(pages->selectedPage() == 1);

    // Stored as a rotation, the others untouched.
    pages->selectPage(2);
    click(pages->rotateButton());
    auto turned = counter.session->pages(number, material);
    REQUIRE(turned.ok());
    CHECK((*turned)[2].id == before[2]);
    CHECK((*turned)[2].rotation == 90);
    CHECK((*turned)[0].rotation == 0);

    // The gap closes and the row counts two.
    bool asked = false;
    pages->setConfirm([&](const wxString&) { return asked = true; });
    pages->selectPage(0);
    click(pages->deleteButton());
    CHECK(asked);
    auto left = counter.session->pages(number, material);
    REQUIRE(left.ok());
    CHECK(idsOf(*left) == std::vector<std::int64_t>{before[0], before[2]});
    CHECK((*left)[0].position == 1);
    CHECK((*left)[1].position == 2);
    CHECK(pages->thumbnails()->GetItemCount() == 2);
    CHECK(intake->checklist()->pagesShown(1) == "2");
    screenshot(counter.frame, shot);

    pages->setConfirm([](const wxString&) { return false; });
    pages->selectPage(0);
    click(pages->deleteButton());
    CHECK(counter.session->pages(number, material)->size() == 2);
}

} // namespace

/// A JPEG of `width` × `height`, one grey, as wx writes it.
static std::string jpegOf(int width, int height, int level) {
    const auto grey = static_cast<unsigned char>(level);
    wxImage image(width, height);
    image.SetRGB(wxRect(0, 0, width, height), grey, grey, grey);
    wxMemoryOutputStream out;
    REQUIRE(image.SaveFile(out, wxBITMAP_TYPE_JPEG));
    std::string bytes(out.GetSize(), '\0');
    out.CopyTo(bytes.data(), bytes.size());
    return bytes;
}

TEST_CASE("the pages of a material in the window: thumbnails in order, moved, turned and deleted through the "
          "buttons",
          "[app][scan]") {
    // The pages are put in the store as a scan would (blobs, then the page rows), so this runs without a
    // scanner.
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    const auto material = intake->currentCase()->item.materials[1].id;
    auto& store = counter.session->store();
    store::PageRepository repository(store);
    for (int grey : {40, 120, 200}) {
        store::NewPage page;
        page.caseNumber = number;
        page.materialId = material;
        page.sha256 = store.blobs().put(jpegOf(210, 297, grey)).value();
        page.thumbnailSha256 = store.blobs().put(jpegOf(42, 59, grey)).value();
        page.width = 210;
        page.height = 297;
        page.dpi = 25;
        page.mode = "gray";
        REQUIRE(repository.add(page, {"S001", "W01", "2026-09-28T01:00:00Z"}).ok());
    }
    auto* pages = intake->materialPages();
    selectMaterialRow(intake, 1);
    REQUIRE(pages->materialId() == material);
    REQUIRE(pages->shownPages().size() == 3);
    CHECK(pages->thumbnails()->GetItemCount() == 3);
    editThreePagesThroughButtons(counter, number, material, idsOf(pages->shownPages()), "pages-edited");
}

// Pages from SANE's test backend, scanned by its own helper process (docs/scanning.md, "SANE in its own
// process"): in-process, this run hung one time in three in the GUI test process.
TEST_CASE("scan three pages onto a material, see their thumbnails and count, then move, turn and delete one",
          "[app][scan]") {
    useSaneTestScanner();
    GuiCounter counter("W01", withTestScanner());
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    auto* pages = intake->materialPages();
    selectMaterialRow(intake, 1);
    const auto material = intake->currentCase()->item.materials[1].id;
    REQUIRE(pages->materialId() == material);
    CHECK(pages->shownPages().empty());
    CHECK(intake->checklist()->pagesShown(1) == "0");
    REQUIRE(pages->scanButton()->IsEnabled());

    pages->sheetsField()->SetValue(3);
    click(pages->scanButton());
    CHECK_FALSE(pages->scanButton()->IsEnabled()); // one scan at a time; the window goes on meanwhile
    REQUIRE(waitUntil([&] { return !pages->scanning(); }, 90));
    INFO(pages->statusLine().utf8_string());

    auto stored = counter.session->pages(number, material);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 3);
    CHECK(pages->shownPages().size() == 3);
    CHECK(pages->thumbnails()->GetItemCount() == 3);
    CHECK(intake->checklist()->pagesShown(1) == "3");
    CHECK(intake->checklist()->pagesShown(0) == "0");
    CHECK(pages->gauge()->GetValue() == pages->gauge()->GetRange());
    CHECK(pages->statusLine().Contains("3"));
    CHECK(pages->scanButton()->IsEnabled());
    CHECK_FALSE(pages->cancelButton()->IsEnabled());
    screenshot(counter.frame, "scan-three-pages");
    editThreePagesThroughButtons(counter, number, material, idsOf(*stored), "scan-pages-edited");
}

TEST_CASE("Cancel stops the scanner mid-feeder and keeps the pages already stored", "[app][scan]") {
    useSaneTestScanner();
    GuiCounter counter("W01", withTestScanner());
    auto* intake = counter.frame->intake();
    const auto number = openFoodCase(intake);
    auto* pages = intake->materialPages();
    const auto material = pages->materialId(); // the first material, shown with the case
    REQUIRE(!material.empty());

    // The whole feeder (the test backend holds 10 sheets), cancelled as soon as it starts: the test backend
    // reads a sheet in milliseconds, so waiting for a page first would race the end of the feeder.
    pages->sheetsField()->SetValue(0);
    click(pages->scanButton());
    REQUIRE(pages->scanning());
    click(pages->cancelButton());
    REQUIRE(waitUntil([&] { return !pages->scanning(); }, 60));
    INFO(pages->statusLine().utf8_string());

    auto stored = counter.session->pages(number, material);
    REQUIRE(stored.ok());
    CHECK(stored->size() < 10);
    CHECK(pages->shownPages().size() == stored->size());
    CHECK(intake->checklist()->pagesShown(0) == wxString::Format("%zu", stored->size()));
    CHECK(pages->gauge()->GetValue() == 0);
    CHECK_FALSE(pages->cancelButton()->IsEnabled());
    screenshot(counter.frame, "scan-cancelled");

    // The scanner is free again: the next run adds after the pages kept.
    pages->sheetsField()->SetValue(2);
    click(pages->scanButton());
    REQUIRE(waitUntil([&] { return !pages->scanning(); }, 60));
    auto after = counter.session->pages(number, material);
    REQUIRE(after.ok());
    CHECK(after->size() == stored->size() + 2);
    CHECK(after->back().position == static_cast<int>(after->size()));
    CHECK(intake->checklist()->pagesShown(0) == wxString::Format("%zu", after->size()));
}

TEST_CASE("without a scanner Scan is disabled and says how to configure one", "[app][scan]") {
    const auto options = app::parseStartOptions({"--scanner", "test:0", "--idcard", "/dev/ttyUSB0"});
    REQUIRE(options.problem.empty());
    CHECK(options.devices.scanner == "test:0");
    CHECK(app::parseStartOptions({"--scanner"}).problem == "--scanner needs a value");

    GuiCounter counter;
    auto* intake = counter.frame->intake();
    openFoodCase(intake);
    auto* pages = intake->materialPages();
    CHECK_FALSE(pages->scanButton()->IsEnabled());
    CHECK(pages->scanButton()->GetToolTipText().Contains("--scanner"));
    pages->scan(); // F4 anyway: nothing starts
    CHECK_FALSE(pages->scanning());
}
