// Printing from the counter window on a real CUPS queue (the PDF queue tests/printing/start_cups_pdf_queue.sh
// sets up): the progress bar while it runs, no second print from a second press, the outcome in the status
// bar.

#include "app/decision_panel.h"
#include "app/document_preview.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <wx/button.h>
#include <wx/gauge.h>

using namespace ywtb;
using ywtb::testing::GuiCounter;

TEST_CASE("Print shows a progress bar while the printer works, a second press prints nothing more, and the "
          "outcome is reported",
          "[app][printing]") {
    // CUPS takes the default destination from PRINTER (cupsGetDefault2), as a centre's PC takes its own
    // default queue.
    ::setenv("PRINTER", "ywtb-test-pdf", 1);
    GuiCounter counter;
    auto* intake = counter.frame->intake();
    testing::openFoodCase(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    auto* preview = intake->preview();
    REQUIRE(testing::waitUntil([&] { return preview->pending() == 0; }));
    REQUIRE(preview->canPrint());
    CHECK_FALSE(preview->printProgress()->IsShown());

    preview->print();
    CHECK(preview->printing());
    CHECK(preview->printProgress()->IsShown());
    CHECK(preview->printProgress()->GetRange() == 1);
    CHECK_FALSE(preview->canPrint());
    preview->print(); // the clerk presses again while the first runs: nothing more is sent
    CHECK(preview->pending() == 1);
    testing::screenshot(counter.frame, "printing");

    REQUIRE(testing::waitUntil([&] { return preview->pending() == 0; }, 60));
    CHECK_FALSE(preview->printing());
    CHECK_FALSE(preview->printProgress()->IsShown());
    CHECK(preview->canPrint());
    const auto outcome = counter.frame->statusText(app::MainFrame::kMessageField).utf8_string();
    INFO(outcome);
    CHECK(outcome.find("ywtb-test-pdf") != std::string::npos);
    ::unsetenv("PRINTER");
}
