#include "services/signature_service.h"

#include "core/message.h"
#include "render/png_image.h"
#include "services/intake_service.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/document_register.h"
#include "store/local_store.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UUIDGenerator.h>
#include <sstream>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

constexpr std::size_t kMaxSignatureBytes = 4 * 1024 * 1024;

/// What the pad shows the applicant: always Chinese, whatever language the clerk's screen is in.
std::string promptFor(render::DocumentKind kind, const std::string& caseNumber) {
    const char* title = kind == render::DocumentKind::Pledge ? "容缺受理承诺书" : "送达回执";
    return std::string("请在《") + title + "》上签名，签好后按“确认”。办件编号 " + caseNumber;
}

} // namespace

std::string strokesJson(const devices::Signature& signature) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("format", "ywtb-signature-strokes");
    o->set("format_version", 1);
    o->set("pad_width", signature.padWidth);
    o->set("pad_height", signature.padHeight);
    o->set("max_pressure", signature.maxPressure);
    Poco::JSON::Array::Ptr strokes = new Poco::JSON::Array;
    for (const auto& stroke : signature.strokes) {
        Poco::JSON::Array::Ptr points = new Poco::JSON::Array;
        for (const auto& p : stroke.points) {
            Poco::JSON::Array::Ptr point = new Poco::JSON::Array;
            point->add(p.x);
            point->add(p.y);
            point->add(p.pressure);
            point->add(p.timeMs);
            points->add(point);
        }
        strokes->add(points);
    }
    o->set("strokes", strokes); // each stroke: [x, y, pressure, ms since the prompt] from pen down to pen up
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

SignatureService::SignatureService(store::LocalStore& store, const core::Clock& clock, Actor actor)
    : m_store(store), m_clock(clock), m_actor(std::move(actor)) {}

core::Expected<core::Done> SignatureService::signable(const std::string& caseNumber,
                                                      render::DocumentKind kind) {
    if (kind != render::DocumentKind::Pledge && kind != render::DocumentKind::DeliveryReceipt)
        return Error{
            "signature.document",
            Message(N_("the {kind} is not signed by the applicant"), {{"kind", render::toString(kind)}}),
            caseNumber, Message(N_("signatures go on the pledge and on the delivery receipt"))};
    auto c = loadStoredCase(m_store, caseNumber);
    if (!c)
        return c.error();
    try {
        for (const auto& d : store::issuedDocuments(m_store.db(), caseNumber))
            if (d.kind == render::toString(kind))
                return Error{"signature.issued",
                             Message(N_("the {kind} of case {number} is already issued: a signature cannot "
                                        "be added to it"),
                                     {{"kind", d.kind}, {"number", caseNumber}}),
                             caseNumber, Message(N_("have the printed copy signed by hand"))};
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return core::Done{};
}

core::Expected<store::SignatureRecord> SignatureService::capture(devices::SignaturePad& pad,
                                                                 const std::string& deviceName,
                                                                 const std::string& caseNumber,
                                                                 render::DocumentKind kind,
                                                                 std::chrono::milliseconds applicantTimeout) {
    if (auto ok = signable(caseNumber, kind); !ok)
        return ok.error();
    auto signature = pad.capture(promptFor(kind, caseNumber), applicantTimeout);
    if (!signature)
        return signature.error();
    auto png = devices::renderSignaturePng(*signature, kSignatureImageWidth, kSignatureImageHeight);
    if (!png)
        return png.error();
    return keep(caseNumber, kind, *png, strokesJson(*signature), deviceName);
}

core::Expected<store::SignatureRecord>
SignatureService::keepImage(const std::string& caseNumber, render::DocumentKind kind, std::string_view png) {
    if (png.size() > kMaxSignatureBytes || !render::decodablePngSize(png))
        return Error{"signature.image",
                     Message(N_("the signature is not a PNG image of at most 4 MB ({bytes} bytes received)"),
                             {{"bytes", std::to_string(png.size())}}),
                     {},
                     Message(N_("capture the signature on the pad again, or sign on paper"))};
    if (auto ok = signable(caseNumber, kind); !ok)
        return ok.error();
    return keep(caseNumber, kind, png, {}, "file");
}

core::Expected<store::SignatureRecord> SignatureService::keep(const std::string& caseNumber,
                                                              render::DocumentKind kind, std::string_view png,
                                                              const std::string& strokes,
                                                              const std::string& device) {
    // The bytes are durable before the row points at them (DESIGN.md).
    store::SignatureRecord r;
    if (!strokes.empty()) {
        auto name = m_store.blobs().put(strokes);
        if (!name)
            return name.error();
        r.strokesSha256 = *name;
    }
    auto name = m_store.blobs().put(png);
    if (!name)
        return name.error();
    r.pngSha256 = *name;
    r.uuid = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    r.caseNumber = caseNumber;
    r.documentKind = render::toString(kind);
    r.device = device;
    r.signedAt = m_clock.nowUtc();
    r.staff = m_actor.staff;
    r.window = m_actor.window;
    try {
        store::Transaction tx(m_store.db());
        r.id = store::recordSignature(tx, r);
        store::appendAudit(tx, {.at = r.signedAt,
                                .staff = r.staff,
                                .window = r.window,
                                .action = "signature.capture",
                                .subject = caseNumber,
                                .detail = r.documentKind + " " + device});
        store::appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
                                 caseNumber, "signature.capture", store::signatureJson(r), r.signedAt});
        tx.commit();
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return r;
}

core::Expected<std::vector<store::SignatureRecord>>
SignatureService::signatures(const std::string& caseNumber) {
    try {
        return store::signaturesOf(m_store.db(), caseNumber);
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

} // namespace ywtb::services
