// Printing to a real CUPS queue that writes PDF (tests/printing/start_cups_pdf_queue.sh sets it up).

#include "devices/printer/printer.h"
#include "services/document_service.h"
#include "services/intake_fixture.h"
#include "services/print_service.h"
#include "support/pdf_tools.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <pwd.h>
#include <thread>
#include <unistd.h>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

constexpr const char* kQueue = "ywtb-test-pdf";

// cups-pdf writes into the job owner's ~/PDF, naming the file after the job title.
std::filesystem::path outputDir() {
    return std::filesystem::path(getpwuid(getuid())->pw_dir) / "PDF";
}

std::optional<std::filesystem::path> printedFile(const std::string& titlePart) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(outputDir(), ec))
            if (entry.path().filename().string().find(titlePart) != std::string::npos)
                return entry.path();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return std::nullopt;
}

std::string uniqueName(const char* stem) {
    return std::string(stem) + "-" + std::to_string(getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000000) + ".pdf";
}

} // namespace

TEST_CASE("printing: the CUPS queues are listed", "[printing]") {
    auto queues = devices::systemPrinter()->queues();
    REQUIRE(queues.ok());
    bool found = false;
    for (const auto& q : *queues)
        found = found || (q.name == kQueue && q.accepting);
    CHECK(found);
}

TEST_CASE(
    "printing: a registered notice printed on the PDF queue comes out as a file, and its prints are counted",
    "[printing]") {
    Counter counter;
    auto intake = counter.at();
    auto accepted = intake.decide(completeFoodCase(intake, counter.item("SCJG-XK-001")).number,
                                  decision(core::DecisionKind::Accept));
    REQUIRE(accepted.ok());
    services::DocumentService documents(*counter.store, counter.config, sourceDir() / "templates", {},
                                        counter.clock, {"S001", "W01"});
    auto paper = documents.issue(accepted->number, render::DocumentKind::Acceptance);
    REQUIRE(paper.ok());
    const auto name = uniqueName("acceptance");
    const auto path = counter.dir / name;
    std::ofstream(path, std::ios::binary) << paper->pdf;

    auto printer = devices::systemPrinter();
    services::PrintService service(*counter.store, *printer, counter.clock, {"S001", "W01"});
    auto outcome = service.printFile(path, kQueue, 2);
    INFO((outcome.ok() ? std::string() : outcome.error().str()));
    REQUIRE(outcome.ok());
    CHECK(outcome->finished);
    CHECK(outcome->job.state == devices::JobState::Completed);
    CHECK(outcome->documentId == paper->record.id);

    const auto printed = printedFile(name.substr(0, name.size() - 4));
    REQUIRE(printed.has_value());
    // cups-pdf distils the job again with Ghostscript: the same pages come out as a valid PDF.
    CHECK(pdfPageCount(*printed) == pdfPageCount(path));
    CHECK(runCommand("qpdf --check " + shellQuoted(printed->string())).exitCode == 0);
    std::filesystem::remove(*printed);

    auto again = service.printFile(path, kQueue, 1);
    REQUIRE(again.ok());
    auto registered = documents.documents(accepted->number)->at(0);
    CHECK(registered.copiesPrinted == 3);
    CHECK(registered.reprints == 1);
    if (auto second = printedFile(name.substr(0, name.size() - 4)))
        std::filesystem::remove(*second);
}

TEST_CASE("printing: a queue that does not exist and a file that is not a PDF are clear errors",
          "[printing]") {
    Counter counter;
    auto printer = devices::systemPrinter();
    services::PrintService service(*counter.store, *printer, counter.clock, {"S001", "W01"});
    const auto pdf = counter.dir.write("blank.pdf", "%PDF-1.4\n%%EOF\n");
    auto missing = service.printFile(pdf, "ywtb-no-such-printer", 1);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "printer.missing");
    CHECK_THAT(missing.error().str(), Catch::Contains("ywtb-no-such-printer"));
    auto notPdf = service.printFile(counter.dir.write("notes.txt", "hello"), kQueue, 1);
    CHECK(notPdf.error().code == "print.not_pdf");
    CHECK(service.printFile(pdf, kQueue, 0).error().code == "print.copies");
}

TEST_CASE("printing: a job on a stopped printer is reported with the printer's reason and cancelled",
          "[printing]") {
    Counter counter;
    const std::string stoppedQueue =
        std::string(kQueue) + "-stopped"; // disabled by the fixture: "paper jam (test)"
    const auto path = counter.dir / uniqueName("stopped");
    {
        auto intake = counter.at();
        auto accepted = intake.decide(completeFoodCase(intake, counter.item("SCJG-XK-001")).number,
                                      decision(core::DecisionKind::Accept));
        REQUIRE(accepted.ok());
        services::DocumentService documents(*counter.store, counter.config, sourceDir() / "templates", {},
                                            counter.clock, {"S001", "W01"});
        std::ofstream(path, std::ios::binary)
            << documents.issue(accepted->number, render::DocumentKind::Acceptance)->pdf;
    }
    auto printer = devices::systemPrinter();
    services::PrintService service(*counter.store, *printer, counter.clock, {"S001", "W01"});
    const auto start = std::chrono::steady_clock::now();
    auto outcome = service.printFile(path, stoppedQueue, 1, std::chrono::seconds(20));
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().code == "print.stopped");
    CHECK_THAT(outcome.error().str(), Catch::Contains("paper jam (test)") && Catch::Contains("cancelled"));
    CHECK(std::chrono::steady_clock::now() - start <
          std::chrono::seconds(10)); // told at once, not after the whole wait
    CHECK(runCommand("lpstat -o " + shellQuoted(stoppedQueue)).output.empty()); // nothing left to print later
}
