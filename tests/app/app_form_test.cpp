// The application form (申请表) at the GUI counter: the food licence case taken through it end to end,
// through the real widgets, on a real store.

#include "app/application_form_panel.h"
#include "app/decision_panel.h"
#include "app/document_preview.h"
#include "app/gui_fixture.h"
#include "app/intake_panel.h"
#include "core/application_form_values.h"
#include "render/document_template.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

using namespace ywtb;

namespace {

wxTextCtrl* textField(app::ApplicationFormPanel* form, const std::string& path) {
    auto* field = dynamic_cast<wxTextCtrl*>(form->control(path));
    INFO(path);
    REQUIRE(field);
    return field;
}

std::string storedValues(testing::GuiCounter& counter, const std::string& number) {
    auto stored = counter.session->intake().find(number);
    REQUIRE(stored.ok());
    REQUIRE(stored->form);
    return stored->form->values;
}

/// What the accelerator does: the Case menu's item `label`, which must carry `keys`.
void sendMenu(testing::GuiCounter& counter, const wxString& label, const char* keys) {
    auto* menus = counter.frame->GetMenuBar();
    REQUIRE(menus);
    const int id = menus->FindMenuItem(_("&Case"), label);
    REQUIRE(id != wxNOT_FOUND);
    std::unique_ptr<wxAcceleratorEntry> accel(menus->FindItem(id)->GetAccel());
    REQUIRE(accel);
    CHECK(accel->ToString() == keys);
    wxCommandEvent event(wxEVT_MENU, id);
    counter.frame->ProcessWindowEvent(event);
    testing::pump();
}

} // namespace

TEST_CASE(
    "the application form: fields from the definition with the applicant's answers, errors beside the field, "
    "required answers before Accept, the notice issued",
    "[app][form]") {
    testing::GuiCounter counter;
    auto* intake = counter.frame->intake();
    auto* form = intake->applicationForm();
    CHECK_FALSE(form->hasForm()); // no case yet

    testing::fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto number = intake->currentCase()->number;
    REQUIRE(intake->currentCase()->form);

    // The fields of forms/application/SCJG-XK-001.json, in its order, labelled as the paper form.
    REQUIRE(form->hasForm());
    // Ctrl+E (Case > Application form) shows its page, the focus on the first field.
    CHECK_FALSE(form->IsShown()); // the materials' page comes first
    sendMenu(counter, _("Application &form"), "Ctrl+E");
    CHECK(form->IsShown());
    CHECK(wxWindow::FindFocus() == form->control("business_name"));
    const auto paths = form->fieldPaths();
    REQUIRE(paths.size() == intake->currentCase()->form->definition->fields.size());
    CHECK(paths.front() == "business_name");
    CHECK(paths.back() == "contact_phone");
    CHECK(dynamic_cast<wxChoice*>(form->control("business_form")));
    CHECK(dynamic_cast<wxCheckListBox*>(form->control("categories")));
    CHECK(dynamic_cast<wxChoice*>(form->control("online_sales")));
    // Filled from the applicant when the case opened.
    CHECK(textField(form, "business_name")->GetValue() == wxString::FromUTF8("上海某某餐饮有限公司"));
    CHECK(textField(form, "credit_code")->GetValue() == "91350100M000100Y43");
    CHECK(textField(form, "contact_phone")->GetValue().Contains("64871234"));
    CHECK(form->missingText().utf8_string().find("经营场所") != std::string::npos);

    // A field asked only for a unit canteen is asked once the business form says so (core's condition).
    CHECK_FALSE(form->fieldShown("canteen_kind"));
    testing::choose(dynamic_cast<wxChoice*>(form->control("business_form")), 3); // 单位食堂
    CHECK(form->fieldShown("canteen_kind"));
    CHECK(form->control("canteen_kind")->IsEnabled());
    testing::choose(dynamic_cast<wxChoice*>(form->control("business_form")), 0);
    CHECK_FALSE(form->fieldShown("canteen_kind"));

    // Materials complete but the form is not: Accept stays disabled and says why.
    testing::setEveryMaterial(intake);
    auto* accept = intake->decisions()->button(core::DecisionKind::Accept);
    CHECK_FALSE(accept->IsEnabled());
    wxString why;
    CHECK_FALSE(intake->decisions()->allowed(core::DecisionKind::Accept, &why));
    CHECK(why.utf8_string().find("食品经营许可申请书") != std::string::npos);

    // Wrong answers: each beside its field, nothing stored.
    const auto before = storedValues(counter, number);
    testing::type(textField(form, "premises_area"), "-3");
    testing::type(textField(form, "legal_representative_id"), "110105194912310021");
    testing::click(form->saveButton());
    CHECK_FALSE(form->fieldError("premises_area").empty());
    CHECK_FALSE(form->fieldError("legal_representative_id").empty());
    CHECK(form->fieldError("business_name").empty());
    CHECK_FALSE(form->statusText().empty());
    CHECK(storedValues(counter, number) == before);
    CHECK(textField(form, "premises_area")->GetValue() ==
          "-3"); // what the clerk typed stays, to be corrected
    testing::screenshot(counter.frame, "application-form-errors");

    // The required answers, then Save: stored, the errors gone, nothing missing, Accept open.
    testing::answerFoodForm(intake);
    CHECK(form->fieldError("premises_area").empty());
    CHECK(form->fieldError("legal_representative_id").empty());
    const auto saved = storedValues(counter, number);
    CHECK(saved.find("\"premises_area\"") != std::string::npos);
    CHECK(saved.find("catering") != std::string::npos);
    CHECK(saved.find("hot_food") != std::string::npos);
    CHECK(saved.find("11010519491231002X") != std::string::npos);
    CHECK(form->missingText() == _("Every required answer is given"));
    testing::screenshot(counter.frame, "application-form-complete");

    // Accept: the case is accepted with its form, the acceptance notice issued and previewed.
    INFO(accept->GetToolTipText().utf8_string());
    REQUIRE(accept->IsEnabled());
    testing::click(accept);
    auto stored = counter.session->intake().find(number);
    REQUIRE(stored.ok());
    CHECK(stored->status == core::CaseStatus::Accepted);
    REQUIRE(stored->form);
    CHECK(core::checkFormValues(*stored->form->definition, stored->form->values,
                                counter.session->clock().today())
              .complete());
    auto documents = counter.session->documents();
    REQUIRE(documents.ok());
    auto issued = documents.value().documents(number);
    REQUIRE(issued.ok());
    bool hasNotice = false;
    for (const auto& record : *issued)
        hasNotice = hasNotice || record.kind == render::toString(render::DocumentKind::Acceptance);
    CHECK(hasNotice);
    REQUIRE(intake->preview()->papers().size() == 1);
    // The notice carries the form's key answers ("on_notice"): the premises and the business form.
    const auto pdf = counter.dir / "acceptance.pdf";
    std::ofstream(pdf, std::ios::binary) << intake->preview()->papers().front().pdf;
    const auto text = testing::pdfText(pdf);
    CHECK_THAT(text, Catch::Contains("漕溪北路1号101室"));
    CHECK_THAT(text, Catch::Contains("餐饮服务经营者"));
    // An accepted case's form is kept as it was: the panel shows it, Save is closed and says why.
    CHECK_FALSE(form->saveButton()->IsEnabled());
    CHECK_FALSE(form->saveButton()->GetToolTipText().empty());
    CHECK_FALSE(form->control("premises_address")->IsEnabled());
    REQUIRE(testing::waitUntil([&] { return intake->preview()->pending() == 0; }));
    testing::screenshot(counter.frame, "application-form-accepted");
}

TEST_CASE("Ctrl+S saves the application form from anywhere in the intake page", "[app][form]") {
    testing::GuiCounter counter;
    auto* intake = counter.frame->intake();
    testing::fillFoodApplication(intake);
    testing::click(intake->openButton());
    REQUIRE(intake->currentCase());
    const auto number = intake->currentCase()->number;
    auto* form = intake->applicationForm();
    testing::type(textField(form, "premises_address"), wxString::FromUTF8("上海市徐汇区漕溪北路1号101室"));
    sendMenu(counter, _("Sa&ve the application form"), "Ctrl+S");
    CHECK(storedValues(counter, number).find("漕溪北路1号101室") != std::string::npos);
}

TEST_CASE("a repeating group: rows added and removed, each row's fields asked on the row's own answers, "
          "saved as a list",
          "[app][form]") {
    testing::GuiCounter counter;
    const auto definition =
        counter.session->applicationForms().find("MZJ-JF-001"); // 最低生活保障申请书: 家庭成员
    REQUIRE(definition);
    core::Case c;
    c.number = "TEST-1";
    c.status = core::CaseStatus::Draft;
    c.form = core::CaseForm{definition, R"({"members": [{"name": "吴红", "disabled": false}]})"};
    std::optional<core::FormInput> given;
    auto* window = new wxFrame(nullptr, wxID_ANY, "form", wxDefaultPosition, wxSize(1000, 700));
    auto* panel = new app::ApplicationFormPanel(
        window,
        [&given](const core::FormInput& input) {
            given = input;
            return services::FormSave{};
        },
        [](const core::Case&) {});
    panel->show(c, counter.session->clock().today());
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(panel, 1, wxEXPAND | wxALL, 6);
    window->SetSizer(sizer);
    window->Show();
    testing::pump();
    CHECK(textField(panel, "members[1].name")->GetValue() == wxString::FromUTF8("吴红"));
    CHECK_FALSE(panel->control("members[2].name"));
    // 残疾人证号 is asked only in a row whose 是否残疾 is yes.
    CHECK_FALSE(panel->fieldShown("members[1].disability_card_number"));
    testing::choose(dynamic_cast<wxChoice*>(panel->control("members[1].disabled")), 1);
    CHECK(panel->fieldShown("members[1].disability_card_number"));

    panel->addRow("members");
    REQUIRE(panel->control("members[2].name"));
    CHECK(textField(panel, "members[1].name")->GetValue() ==
          wxString::FromUTF8("吴红")); // kept across the rebuild
    CHECK(panel->fieldShown("members[1].disability_card_number"));
    CHECK_FALSE(panel->fieldShown("members[2].disability_card_number"));
    testing::type(textField(panel, "members[2].name"), wxString::FromUTF8("吴小军"));
    testing::click(panel->saveButton());
    REQUIRE(given);
    REQUIRE(given->merge);
    auto members = given->merge->getArray("members");
    REQUIRE(members);
    REQUIRE(members->size() == 2);
    CHECK(members->getObject(0)->getValue<std::string>("name") == "吴红");
    CHECK(members->getObject(0)->getValue<bool>("disabled"));
    CHECK(members->getObject(1)->getValue<std::string>("name") == "吴小军");
    CHECK(given->merge->isNull("applicant_name")); // an empty field removes its answer
    testing::screenshot(window, "application-form-group");
    window->Destroy();
    testing::pump();
}

TEST_CASE("a broken application form file is named at the start and keeps only its item from taking cases",
          "[app][form]") {
    testing::ensureWx();
    testing::TempDir dir;
    std::filesystem::copy(testing::sourceDir() / "forms", dir / "forms",
                          std::filesystem::copy_options::recursive);
    std::ofstream(dir / "forms" / "application" / "SCJG-XK-001.json", std::ios::trunc)
        << R"({"format": "ywtb-application-form", )";
    services::ResourcePaths paths{dir / "forms", testing::sourceDir() / "templates", YWTB_BUILD_LOCALE_DIR};
    auto clock =
        std::make_unique<core::FixedClock>(*core::CivilDate::parse("2026-09-28"), "2026-09-28T01:00:00Z");
    std::vector<core::Error> errors;
    auto session = services::Counter::open(paths, dir / "data", std::move(clock), errors);
    REQUIRE(session); // the counter works on: one broken file does not close every window of the centre
    const auto problems = session->applicationForms().errors();
    REQUIRE_FALSE(problems.empty());
    bool named = false;
    for (const auto& e : problems)
        named = named || e.str().find("SCJG-XK-001") != std::string::npos;
    CHECK(named);

    REQUIRE(session->signIn("S001", "W01").ok());
    core::Applicant applicant;
    applicant.kind = core::ApplicantKind::Organisation;
    applicant.name = "上海某某餐饮有限公司";
    applicant.creditCode = "91350100M000100Y43";
    auto intake = session->intake();
    auto refused = intake.open(*session->catalogue().find("SCJG-XK-001"), applicant, std::nullopt);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().str().find("SCJG-XK-001") != std::string::npos);
    // An item whose form is sound still takes cases.
    auto opened = intake.open(*session->catalogue().find("SCJG-XK-002"), applicant, std::nullopt);
    INFO((opened ? std::string() : opened.error().str()));
    CHECK(opened.ok());
}
