#include "services/document_service.h"

#include "render/document_filler.h"
#include "render/png_image.h"
#include "services/intake_service.h"
#include "services/text_file.h"
#include "store/audit_log.h"
#include "store/blob_store.h"
#include "store/case_repository.h"
#include "store/local_store.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UUIDGenerator.h>
#include <optional>
#include <sstream>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

std::string outboxPayload(const store::IssuedDocumentRecord& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("case", r.caseNumber);
    o->set("kind", r.kind);
    o->set("number", r.number);
    o->set("template_version", r.templateVersion);
    o->set("template_sha256", r.templateSha256);
    o->set("pdf_sha256", r.pdfSha256);
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

} // namespace

DocumentService::DocumentService(store::LocalStore& store, const core::CentreConfig& centre,
                                 std::filesystem::path templatesDir, DocumentAssets assets,
                                 const core::Clock& clock, Actor actor)
    : m_store(store), m_centre(centre), m_templatesDir(std::move(templatesDir)), m_assets(std::move(assets)),
      m_clock(clock), m_actor(std::move(actor)) {}

namespace {

render::TemplateResult parseTemplateFile(const std::filesystem::path& templatesDir, render::DocumentKind kind,
                                         std::string& sha256, std::optional<core::Error>& readError) {
    const auto path = templatesDir / (std::string(render::toString(kind)) + ".json");
    auto text = readTextFile(path);
    if (!text) {
        readError = text.error();
        return {};
    }
    sha256 = store::sha256Hex(*text);
    auto parsed = render::parseDocumentTemplate(*text, path.string());
    if (parsed.ok() && parsed.value.kind != kind)
        parsed.errors.push_back(Error{"template.kind",
                                      Message(N_("the template says it is for \"{declared}\""),
                                              {{"declared", render::toString(parsed.value.kind)}}),
                                      path.string(), Message(N_("name each template file after its kind"))});
    return parsed;
}

} // namespace

std::vector<core::Error> checkTemplates(const std::filesystem::path& templatesDir) {
    std::vector<core::Error> errors;
    for (auto kind : render::allDocumentKinds()) {
        std::string sha;
        std::optional<core::Error> readError;
        auto parsed = parseTemplateFile(templatesDir, kind, sha, readError);
        if (readError)
            errors.push_back(*readError);
        errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
    }
    return errors;
}

core::Expected<render::DocumentTemplate> loadDocumentTemplate(const std::filesystem::path& templatesDir,
                                                              render::DocumentKind kind,
                                                              std::string& sha256) {
    std::optional<core::Error> readError;
    auto parsed = parseTemplateFile(templatesDir, kind, sha256, readError);
    if (readError)
        return *readError;
    if (!parsed.ok())
        return parsed.errors.front();
    return std::move(parsed.value);
}

namespace {

Error boundElsewhere(const std::string& caseNumber, render::DocumentKind kind) {
    return Error{"signature.bound",
                 Message(N_("the signature for the {kind} of case {number} is already on an issued document"),
                         {{"number", caseNumber}, {"kind", render::toString(kind)}}),
                 caseNumber,
                 Message(N_("capture a new signature on the pad for this document, or have the printed copy "
                            "signed by hand"))};
}

} // namespace

core::Expected<std::string> loadSealImage(const std::filesystem::path& formsDir,
                                          const core::CentreConfig& centre) {
    if (centre.sealImage.empty())
        return std::string();
    const auto path = formsDir / centre.sealImage;
    auto png = readTextFile(path);
    if (!png)
        return png.error();
    if (!render::decodablePngSize(*png))
        return Error{"centre.seal_image", Message(N_("the seal image is not a complete PNG file")),
                     path.string(),
                     Message(N_("export the seal again as PNG, or remove seal_image from centre.json to "
                                "print an empty seal box"))};
    return std::move(png).value();
}

core::Expected<std::optional<store::SignatureRecord>>
DocumentService::signatureFor(const std::string& caseNumber, render::DocumentKind kind,
                              const std::string& pngSha256) {
    if (pngSha256.empty())
        return std::optional<store::SignatureRecord>(); // signed on paper
    auto record = store::findSignature(m_store.db(), caseNumber, render::toString(kind), pngSha256);
    if (!record)
        return Error{"signature.wrong_document",
                     Message(N_("the signature on case {number} was not captured for its {kind}: a signature "
                                "is never moved onto another document"),
                             {{"number", caseNumber}, {"kind", render::toString(kind)}}),
                     caseNumber,
                     Message(N_("capture the signature for this document on the pad (sign), or have the "
                                "printed copy signed by hand"))};
    if (!record->documentSha256.empty())
        return boundElsewhere(caseNumber, kind);
    return std::optional<store::SignatureRecord>(std::move(record));
}

core::Expected<IssuedPaper> DocumentService::issue(const std::string& caseNumber, render::DocumentKind kind) {
    auto c = loadStoredCase(m_store, caseNumber);
    if (!c)
        return c.error();
    try {
        store::Transaction tx(m_store.db());
        auto paper = issueWithin(tx, *c, kind);
        if (!paper)
            return paper.error();
        if (paper->newlyIssued)
            tx.commit();
        return paper;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<IssuedPaper> DocumentService::issueWithin(store::Transaction& tx, const core::Case& theCase,
                                                         render::DocumentKind kind) {
    const auto* c = &theCase;
    const auto& caseNumber = theCase.number;
    const core::IssuedDocument* numbered = nullptr;
    for (const auto& series : core::numberSeriesOf(kind))
        for (const auto& d : c->documents)
            if (d.kind == series)
                numbered = &d;
    const bool pledge = kind == render::DocumentKind::Pledge;
    if (pledge ? !c->pledgeSigned : numbered == nullptr)
        return Error{"document.not_issued",
                     Message(N_("case {number} is {status} and has no {kind} to print"),
                             {{"number", caseNumber},
                              {"status", core::toString(c->status)},
                              {"kind", render::toString(kind)}}),
                     caseNumber,
                     Message(N_("a paper is printed for the decision that issued it: see the case's "
                                "documents with case show"))};
    const std::string number = numbered ? numbered->number : std::string();
    try {
        if (auto existing =
                store::findIssuedDocument(m_store.db(), caseNumber, render::toString(kind), number)) {
            auto pdf = m_store.blobs().get(existing->pdfSha256);
            if (!pdf)
                return pdf.error();
            return IssuedPaper{*existing, std::move(pdf).value(), false};
        }
        std::string templateSha;
        auto documentTemplate = loadDocumentTemplate(m_templatesDir, kind, templateSha);
        if (!documentTemplate)
            return documentTemplate.error();
        render::DocumentInputs inputs;
        inputs.c = c;
        inputs.centre = &m_centre;
        inputs.today = m_clock.today();
        inputs.document = numbered;
        inputs.sealPng = m_assets.sealPng;
        // Only the pledge and the delivery receipt are signed, each with the signature captured for it.
        const std::string signatureSha = kind == render::DocumentKind::Pledge ? c->pledgeSignature
                                         : kind == render::DocumentKind::DeliveryReceipt && c->release
                                             ? c->release->signature
                                             : std::string();
        auto signature = signatureFor(caseNumber, kind, signatureSha);
        if (!signature)
            return signature.error();
        if (signature->has_value()) {
            auto image = m_store.blobs().get((*signature)->pngSha256);
            if (!image)
                return image.error();
            (kind == render::DocumentKind::Pledge ? inputs.applicantSignaturePng
                                                  : inputs.receiverSignaturePng) = std::move(image).value();
        }
        auto document = render::fillTemplate(*documentTemplate, inputs);
        if (!document)
            return document.error();
        auto pdf = render::renderPdf(*document, m_assets.fonts);
        if (!pdf)
            return pdf.error();
        // The bytes are durable before the register points at them (DESIGN.md).
        auto name = m_store.blobs().put(*pdf);
        if (!name)
            return name.error();
        store::IssuedDocumentRecord record{
            0,           caseNumber, render::toString(kind), number,         documentTemplate->version,
            templateSha, *name,      m_actor.staff,          m_actor.window, m_clock.nowUtc(),
            0,           0};
        record.id = store::registerDocument(tx, record);
        if (signature->has_value() && !store::bindSignature(tx, (*signature)->id, *name, record.id))
            return boundElsewhere(caseNumber, kind);
        store::appendAudit(tx, {.at = record.issuedAt,
                                .staff = m_actor.staff,
                                .window = m_actor.window,
                                .action = "document.issue",
                                .subject = caseNumber,
                                .detail = record.kind + " " + record.number});
        store::appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
                                 caseNumber, "document.issue", outboxPayload(record), record.issuedAt});
        return IssuedPaper{record, std::move(pdf).value(), true};
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<std::vector<store::IssuedDocumentRecord>>
DocumentService::documents(const std::string& caseNumber) {
    try {
        return store::issuedDocuments(m_store.db(), caseNumber);
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Done> recordDocumentPrint(store::LocalStore& store, std::int64_t documentId, int copies,
                                               const std::string& queue, const core::Clock& clock,
                                               const Actor& actor) {
    try {
        store::Transaction tx(store.db());
        store::countPrint(tx, documentId, copies);
        store::appendAudit(tx, {.at = clock.nowUtc(),
                                .staff = actor.staff,
                                .window = actor.window,
                                .action = "document.print",
                                .subject = std::to_string(documentId),
                                .detail = std::to_string(copies) + " copies on " + queue});
        tx.commit();
        return core::Done{};
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

} // namespace ywtb::services
