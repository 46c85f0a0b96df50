// The GUI and the CLI are two front ends over one facade (docs/facade.md): the same intake, driven through
// each, must leave the same case, the same decision and the same papers. The GUI is driven through its
// widgets (the fixture's food-licence intake); the CLI is then given the same inputs — the applicant, each
// material's status, the form's answers, the decision — in a data folder of its own, on the same day, at the
// same window, as the same clerk.

#include "app/decision_panel.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "core/case_json.h"
#include "core/centre_config.h"
#include "services/intake_service.h"
#include "store/document_register.h"
#include "store/local_store.h"
#include "support/cli_runner.h"
#include "support/pdf_tools.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <catch2/catch.hpp>
#include <sstream>

using namespace ywtb;

namespace {

std::string text(const Poco::Dynamic::Var& json) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(json, out);
    return out.str();
}

struct Paper {
    std::string kind, number, staff, window, templateSha, text;
    int templateVersion = 0;
};

std::vector<Paper> papersOf(const std::filesystem::path& dataDir, const std::string& number,
                            const testing::TempDir& scratch, const std::string& tag) {
    auto store = store::LocalStore::open(dataDir);
    REQUIRE(store);
    std::vector<Paper> out;
    for (const auto& r : store::issuedDocuments((**store).db(), number)) {
        auto pdf = (**store).blobs().get(r.pdfSha256);
        REQUIRE(pdf);
        const auto file = scratch.write(tag + "-" + r.kind + ".pdf", *pdf);
        out.push_back({r.kind, r.number, r.staff, r.window, r.templateSha256, testing::pdfText(file),
                       r.templateVersion});
    }
    return out;
}

core::Case storedCase(const std::filesystem::path& dataDir, const std::string& number) {
    auto store = store::LocalStore::open(dataDir);
    REQUIRE(store);
    auto c = services::loadStoredCase(**store, number);
    REQUIRE(c);
    return *c;
}

} // namespace

TEST_CASE("the same intake through the GUI and through the CLI leaves the same case, decision and papers",
          "[app][parity]") {
    testing::GuiCounter gui;
    auto* intake = gui.frame->intake();
    const auto number = testing::openFoodCase(intake);
    testing::click(intake->decisions()->button(core::DecisionKind::Accept));
    const auto byGui = storedCase(gui.dir / "data", number);
    REQUIRE(byGui.status == core::CaseStatus::Accepted);

    // The same inputs, through the CLI, in a folder of its own.
    testing::TempDir cli;
    const std::vector<std::string> env{"YWTB_TRAINING_DATE=2026-09-28"};
    const auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(),
                    {"--data-dir", (cli / "data").string(), "--window", "W01", "--staff", "S001"});
        auto result = testing::runCli(YWTB_CLI, args, "en_US.UTF-8", env);
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
        return result;
    };
    // The GUI's fixture reserved blocks 1–5000 of every series for W01 (Counter::reserveDemoNumberBlocks).
    for (const auto& kind : core::numberedDocumentKinds())
        run({"numbers", "reserve", "--kind", kind, "--year", "2026", "--from", "1", "--to", "5000"});
    auto applicant = core::caseToJson(byGui)->getObject("applicant");
    applicant->remove("kind");
    const auto applicantFile = cli.write("applicant.json", text(applicant));
    const auto opened =
        run({"case", "new", "--item", byGui.item.code, "--applicant", applicantFile.string()});
    CHECK(opened.out == number + "\n");
    for (const auto& m : byGui.materials) {
        if (m.status == core::MaterialStatus::Unchecked)
            continue;
        std::vector<std::string> args{"case", "material", number, m.id, "--status", core::toString(m.status)};
        if (!m.licenceNumber.empty())
            args.insert(args.end(), {"--licence", m.licenceNumber});
        if (!m.note.empty())
            args.insert(args.end(), {"--note", m.note});
        run(args);
    }
    REQUIRE(byGui.form);
    run({"case", "form", number, "--file", cli.write("values.json", byGui.form->values).string()});
    const auto decided = run({"case", "decide", number, "accept"});
    CHECK_THAT(decided.out, Catch::Contains("Paper issued"));

    // The case, field by field: every field of the case file (it holds dates, no times or row ids).
    const auto byCli = storedCase(cli / "data", number);
    CHECK(text(core::caseToJson(byCli)) == text(core::caseToJson(byGui)));

    // The papers: the same kinds and numbers, templates, clerk and window, and the same printed text.
    testing::TempDir scratch;
    const auto guiPapers = papersOf(gui.dir / "data", number, scratch, "gui");
    const auto cliPapers = papersOf(cli / "data", number, scratch, "cli");
    REQUIRE(guiPapers.size() == 1);
    REQUIRE(cliPapers.size() == guiPapers.size());
    for (std::size_t i = 0; i < guiPapers.size(); ++i) {
        INFO(guiPapers[i].kind);
        CHECK(cliPapers[i].kind == guiPapers[i].kind);
        CHECK(cliPapers[i].number == guiPapers[i].number);
        CHECK(cliPapers[i].templateVersion == guiPapers[i].templateVersion);
        CHECK(cliPapers[i].templateSha == guiPapers[i].templateSha);
        CHECK(cliPapers[i].staff == guiPapers[i].staff);
        CHECK(cliPapers[i].window == guiPapers[i].window);
        CHECK_FALSE(guiPapers[i].text.empty());
        CHECK(cliPapers[i].text == guiPapers[i].text);
    }
}
