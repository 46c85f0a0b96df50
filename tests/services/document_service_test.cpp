// Every outcome's paper, issued from a real case, checked with the real PDF tools.

#include "services/document_service.h"
#include "services/intake_fixture.h"
#include "services/signature_service.h"
#include "store/audit_log.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

services::DocumentService documents(Counter& counter, std::string sealPng = {}) {
    return services::DocumentService(*counter.store, counter.config, sourceDir() / "templates",
                                     {render::FontSet{}, std::move(sealPng)}, counter.clock, {"S001", "W01"});
}

// The images a PDF draws as pdfimages lists them: "width height" per image and page, in page order;
// `embedded` counts the distinct image objects behind them.
std::vector<std::string> imagesIn(const std::filesystem::path& pdf, std::size_t* embedded = nullptr) {
    std::vector<std::string> sizes;
    std::set<std::string> objects;
    const auto lines = linesOf(runCommand("pdfimages -list " + shellQuoted(pdf.string())).output);
    for (std::size_t i = 2; i < lines.size(); ++i) { // two header lines
        std::istringstream row(lines[i]);
        std::string page, num, type, width, height, color, comp, bpc, enc, interp, object;
        if (row >> page >> num >> type >> width >> height >> color >> comp >> bpc >> enc >> interp >>
                object &&
            type == "image") {
            sizes.push_back(width + " " + height);
            objects.insert(object);
        }
    }
    if (embedded)
        *embedded = objects.size();
    return sizes;
}

// A signature-like image: dark strokes on white.
std::string signaturePng(unsigned width, unsigned height) {
    return greyPng(width, height, [](unsigned x, unsigned y) { return (x + 2 * y) % 23 < 3 ? 20 : 255; });
}

std::filesystem::path writePdf(const TempDir& dir, const std::string& name, const std::string& bytes) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

const core::Material& secondaryOf(const core::Item& item) {
    for (const auto& m : item.materials)
        if (m.requirement == core::MaterialRequirement::Secondary)
            return m;
    FAIL("the item has no secondary material");
    return item.materials.front();
}

// What every paper must carry (issue: applicant, case number, document number, due date where there is one).
void checkPaper(Counter& counter, const core::Case& c, render::DocumentKind kind,
                const std::vector<std::string>& mustContain) {
    auto paper = documents(counter).issue(c.number, kind);
    INFO(render::toString(kind) << ": " << (paper.ok() ? std::string() : paper.error().str()));
    REQUIRE(paper.ok());
    const auto pdf = writePdf(counter.dir, std::string(render::toString(kind)) + ".pdf", paper->pdf);
    const auto text = pdfText(pdf);
    CHECK_THAT(text, Catch::Contains("上海某某餐饮有限公司"));
    CHECK_THAT(text, Catch::Contains(c.number));
    if (!paper->record.number.empty())
        CHECK_THAT(text, Catch::Contains(paper->record.number));
    for (const auto& expected : mustContain)
        CHECK_THAT(text, Catch::Contains(expected));
    const auto fonts = runCommand("pdffonts " + shellQuoted(pdf.string())).output;
    CHECK_THAT(fonts, Catch::Contains("yes yes yes") || Catch::Contains("emb yes"));
    CHECK_THAT(fonts, !Catch::Contains(" no  "));
    CHECK(runCommand("qpdf --check " + shellQuoted(pdf.string())).exitCode == 0);
}

} // namespace

TEST_CASE("every shipped template is valid", "[documents]") {
    const auto errors = services::checkTemplates(sourceDir() / "templates");
    for (const auto& e : errors)
        UNSCOPED_INFO(e.str());
    CHECK(errors.empty());
}

TEST_CASE("the acceptance notice and the receipt carry the case, the number, the limits and the due date",
          "[documents]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto accepted =
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Accept));
    REQUIRE(accepted.ok());
    checkPaper(counter, *accepted, render::DocumentKind::Acceptance,
               {"受理通知书", "2026年10月10日", "2026年10月16日", item.name});
    auto received =
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Receive));
    checkPaper(counter, *received, render::DocumentKind::Receipt, {"收件凭证", "2026年10月10日"});
}

TEST_CASE("the correction notice lists every gap with what is wrong and the standard to meet",
          "[documents]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    const auto& first = item.materials.front();
    const auto& secondary = secondaryOf(item);
    REQUIRE(
        intake.recordMaterial(c.number, first.id, core::MaterialStatus::NonConforming, "", "缺法定代表人签字")
            .ok());
    REQUIRE(intake.recordMaterial(c.number, secondary.id, core::MaterialStatus::Missing, "", "").ok());
    auto corrected = intake.decide(c.number, decision(core::DecisionKind::Correction));
    REQUIRE(corrected.ok());
    checkPaper(counter, *corrected, render::DocumentKind::Correction,
               {"补正材料通知书", first.name, "缺法定代表人签字", secondary.name, "未提交"});
}

TEST_CASE(
    "conditional acceptance: the pledge and the supplement notice name the missing material and the deadline",
    "[documents]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    const auto& secondary = secondaryOf(item);
    REQUIRE(intake.recordMaterial(c.number, secondary.id, core::MaterialStatus::Missing, "", "").ok());
    auto d = decision(core::DecisionKind::Conditional);
    d.pledgeSigned = true;
    d.supplementBy = core::CivilDate::parse("2026-10-09").value();
    auto conditional = intake.decide(c.number, d);
    REQUIRE(conditional.ok());
    checkPaper(counter, *conditional, render::DocumentKind::Pledge,
               {"承诺书", secondary.name, "2026年10月9日"});
    checkPaper(counter, *conditional, render::DocumentKind::Supplement,
               {"容缺候补通知书", secondary.name, "2026年10月9日", "退办"});
}

TEST_CASE("the refusal names the reason, where to apply, and the rights of appeal", "[documents]") {
    Counter counter;
    auto intake = counter.at();
    auto d = decision(core::DecisionKind::Refuse);
    d.refusalKind = core::RefusalKind::NotOurPower;
    d.reason = "该事项由市级部门实施";
    d.applyTo = "上海市市场监督管理局";
    auto refused =
        intake.decide(intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt)->number, d);
    REQUIRE(refused.ok());
    checkPaper(counter, *refused, render::DocumentKind::Refusal,
               {"不予受理通知书", "该事项由市级部门实施", "上海市市场监督管理局", "行政复议"});
}

TEST_CASE("the decision and the delivery receipt of an approved case released to a proxy", "[documents]") {
    Counter counter;
    auto intake = counter.at();
    auto c = completeFoodCase(intake, counter.item("SCJG-XK-001"));
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());
    REQUIRE(intake.startReview(c.number).ok());
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Approve)).ok());
    REQUIRE(intake.markReady(c.number).ok());
    auto released = intake.release(
        c.number,
        core::Release{
            core::ReleaseMethod::Window, "李四", true, "11010519491231002X", "", "", "", "", "", {}});
    REQUIRE(released.ok());
    checkPaper(counter, *released, render::DocumentKind::Decision, {"批准决定书"});
    CHECK(released->release->staff == "S001");
    checkPaper(counter, *released, render::DocumentKind::DeliveryReceipt,
               {"送达回执", "李四", "11010519491231002X", "送达人（工号 S001）"});
}

TEST_CASE("an issued paper is registered once and handed back byte for byte later", "[documents]") {
    Counter counter;
    auto intake = counter.at();
    auto accepted = intake.decide(completeFoodCase(intake, counter.item("SCJG-XK-001")).number,
                                  decision(core::DecisionKind::Accept));
    auto service = documents(counter);
    auto first = service.issue(accepted->number, render::DocumentKind::Acceptance);
    REQUIRE(first.ok());
    CHECK(first->newlyIssued);
    CHECK(store::recentAudit(counter.store->db(), 1).at(0).action == "document.issue");
    counter.setToday("2027-03-01"); // years later, the same paper
    auto again = documents(counter).issue(accepted->number, render::DocumentKind::Acceptance);
    REQUIRE(again.ok());
    CHECK_FALSE(again->newlyIssued);
    CHECK(again->pdf == first->pdf);
    auto list = service.documents(accepted->number);
    REQUIRE(list->size() == 1);
    CHECK(list->at(0).templateVersion ==
          4); // v2 form answers; v3 deemed acceptance, pickup line; v4 limit unit
    CHECK(list->at(0).pdfSha256 == store::sha256Hex(first->pdf));
    REQUIRE(services::recordDocumentPrint(*counter.store, list->at(0).id, 2, "W01-printer", counter.clock,
                                          {"S001", "W01"})
                .ok());
    REQUIRE(services::recordDocumentPrint(*counter.store, list->at(0).id, 1, "W01-printer", counter.clock,
                                          {"S001", "W01"})
                .ok());
    auto printed = service.documents(accepted->number)->at(0);
    CHECK(printed.copiesPrinted == 3);
    CHECK(printed.reprints == 1);
}

TEST_CASE("a paper the case never got is refused, naming the case's state", "[documents]") {
    Counter counter;
    auto intake = counter.at();
    auto draft = intake.open(counter.item("SCJG-XK-001"), company(), std::nullopt);
    auto refused = documents(counter).issue(draft->number, render::DocumentKind::Acceptance);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "document.not_issued");
    CHECK_THAT(refused.error().str(), Catch::Contains("draft"));
    CHECK(documents(counter).issue(draft->number, render::DocumentKind::Pledge).error().code ==
          "document.not_issued");
}

TEST_CASE("an applicant name no installed font can print is refused before printing, naming the character",
          "[documents]") {
    Counter counter;
    auto intake = counter.at();
    auto applicant = company();
    applicant.name = "吉\U00020BB7餐饮有限公司";
    auto c = intake.open(counter.item("SCJG-XK-001"), applicant, std::nullopt);
    auto d = decision(core::DecisionKind::Refuse);
    d.refusalKind = core::RefusalKind::Other;
    d.reason = "测试";
    d.basis = "《上海市某某条例》第十条";
    REQUIRE(intake.decide(c->number, d).ok());
    auto paper = documents(counter).issue(c->number, render::DocumentKind::Refusal);
    REQUIRE_FALSE(paper.ok());
    CHECK(paper.error().code == "render.unprintable");
    CHECK_THAT(paper.error().str(), Catch::Contains("U+20BB7"));
    CHECK(documents(counter).documents(c->number)->empty());
}

TEST_CASE("the pledge carries the applicant's signature image and the delivery receipt the receiver's, "
          "beside the seal",
          "[documents]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    REQUIRE(
        intake.recordMaterial(c.number, secondaryOf(item).id, core::MaterialStatus::Missing, "", "").ok());
    auto d = decision(core::DecisionKind::Conditional);
    d.pledgeSigned = true;
    d.supplementBy = core::CivilDate::parse("2026-10-09").value();
    services::SignatureService signatures(*counter.store, counter.clock, {"S007", "W01"});
    auto kept = signatures.keepImage(c.number, render::DocumentKind::Pledge, signaturePng(300, 100));
    REQUIRE(kept.ok());
    d.pledgeSignature = kept->pngSha256;
    auto conditional = intake.decide(c.number, d);
    REQUIRE(conditional.ok());
    CHECK(conditional->pledgeSignature == kept->pngSha256);
    const std::string seal = greyPng(120, 120, [](unsigned x, unsigned y) {
        return (x - 60) * (x - 60) + (y - 60) * (y - 60) < 3000 ? 60 : 255;
    });

    auto pledge = documents(counter, seal).issue(c.number, render::DocumentKind::Pledge);
    REQUIRE(pledge.ok());
    std::size_t embedded = 0;
    // Two copies (申请人联, 存档联), each signed; the image is embedded once.
    CHECK(imagesIn(writePdf(counter.dir, "pledge.pdf", pledge->pdf), &embedded) ==
          std::vector<std::string>{"300 100", "300 100"});
    CHECK(embedded == 1);
    auto supplement = documents(counter, seal).issue(c.number, render::DocumentKind::Supplement);
    REQUIRE(supplement.ok());
    CHECK(imagesIn(writePdf(counter.dir, "supplement.pdf", supplement->pdf)) ==
          std::vector<std::string>{"120 120", "120 120"});

    auto approved = completeFoodCase(intake, item);
    REQUIRE(intake.decide(approved.number, decision(core::DecisionKind::Accept)).ok());
    REQUIRE(intake.startReview(approved.number).ok());
    REQUIRE(intake.decide(approved.number, decision(core::DecisionKind::Approve)).ok());
    REQUIRE(intake.markReady(approved.number).ok());
    core::Release release{
        core::ReleaseMethod::Window, "上海某某餐饮有限公司", false, "", "", "", "", "", "", {}};
    release.signature =
        signatures.keepImage(approved.number, render::DocumentKind::DeliveryReceipt, signaturePng(240, 80))
            ->pngSha256;
    REQUIRE(intake.release(approved.number, release).ok());
    auto receipt = documents(counter, seal).issue(approved.number, render::DocumentKind::DeliveryReceipt);
    REQUIRE(receipt.ok());
    auto images = imagesIn(writePdf(counter.dir, "delivery.pdf", receipt->pdf));
    std::sort(images.begin(), images.end());
    CHECK(images == std::vector<std::string>{"120 120", "240 80"});
    // Without a configured seal the box stays empty for a stamp by hand, and nothing else is drawn.
    auto plain = documents(counter).issue(
        intake.decide(completeFoodCase(intake, item).number, decision(core::DecisionKind::Accept))->number,
        render::DocumentKind::Acceptance);
    REQUIRE(plain.ok());
    CHECK(imagesIn(writePdf(counter.dir, "plain.pdf", plain->pdf)).empty());
}

TEST_CASE("a signature that is not a PNG, or that is not kept, is refused and nothing is decided",
          "[documents]") {
    Counter counter;
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    auto c = completeFoodCase(intake, item);
    services::SignatureService signatures(*counter.store, counter.clock, {"S007", "W01"});
    auto bad = signatures.keepImage(c.number, render::DocumentKind::Pledge, "GIF89a not a png");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "signature.image");
    REQUIRE(
        intake.recordMaterial(c.number, secondaryOf(item).id, core::MaterialStatus::Missing, "", "").ok());
    auto d = decision(core::DecisionKind::Conditional);
    d.pledgeSigned = true;
    d.supplementBy = core::CivilDate::parse("2026-10-09").value();
    d.pledgeSignature = std::string(64, 'a');
    auto refused = intake.decide(c.number, d);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "signature.missing");
    CHECK(intake.find(c.number)->status == core::CaseStatus::Draft);

    // A signature captured for another case, or for another document of this one, is not moved onto this
    // pledge.
    auto other = completeFoodCase(intake, item);
    auto othersPledge =
        signatures.keepImage(other.number, render::DocumentKind::Pledge, signaturePng(120, 40));
    REQUIRE(othersPledge.ok());
    d.pledgeSignature = othersPledge->pngSha256;
    auto moved = intake.decide(c.number, d);
    REQUIRE_FALSE(moved.ok());
    CHECK(moved.error().code == "signature.missing");
    auto receipt =
        signatures.keepImage(c.number, render::DocumentKind::DeliveryReceipt, signaturePng(121, 40));
    REQUIRE(receipt.ok());
    d.pledgeSignature = receipt->pngSha256;
    CHECK(intake.decide(c.number, d).error().code == "signature.missing");
    CHECK(intake.find(c.number)->status == core::CaseStatus::Draft);
    CHECK(signatures.keepImage(c.number, render::DocumentKind::Acceptance, signaturePng(122, 40))
              .error()
              .code == "signature.document");
}

TEST_CASE("the seal image named in centre.json is loaded, and a missing or broken one is named with the fix",
          "[documents]") {
    TempDir dir;
    core::CentreConfig centre;
    CHECK(services::loadSealImage(dir.path(), centre).value().empty());
    centre.sealImage = "seal.png";
    auto missing = services::loadSealImage(dir.path(), centre);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().str(), Catch::Contains("seal.png"));
    std::ofstream(dir / "seal.png", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << "truncated";
    auto broken = services::loadSealImage(dir.path(), centre);
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().code == "centre.seal_image");
    const auto seal = greyPng(40, 40, [](unsigned, unsigned) { return 0; });
    std::ofstream(dir / "seal.png", std::ios::binary | std::ios::trunc) << seal;
    CHECK(services::loadSealImage(dir.path(), centre).value() == seal);
}
