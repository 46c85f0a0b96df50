#include "store/signature_register.h"

#include "store/database.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <sstream>

namespace ywtb::store {
namespace {

constexpr const char* kColumns =
    "id, uuid, case_number, document_kind, strokes_sha256, png_sha256, device, signed_at, staff, window_id, "
    "document_sha256, document_id";

SignatureRecord read(const Statement& s) {
    return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),  s.text(5),
            s.text(6),    s.text(7), s.text(8), s.text(9), s.text(10), s.isNull(11) ? 0 : s.integer(11)};
}

std::optional<SignatureRecord> first(Statement& s) {
    if (!s.step())
        return std::nullopt;
    return read(s);
}

} // namespace

std::int64_t recordSignature(Transaction& tx, const SignatureRecord& r) {
    Statement s(tx.db(), "INSERT INTO signature (uuid, case_number, document_kind, strokes_sha256, "
                         "png_sha256, device, signed_at, staff, "
                         "window_id) VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.uuid).bind(2, r.caseNumber).bind(3, r.documentKind);
    if (r.strokesSha256.empty())
        s.bindNull(4);
    else
        s.bind(4, r.strokesSha256);
    s.bind(5, r.pngSha256).bind(6, r.device).bind(7, r.signedAt).bind(8, r.staff).bind(9, r.window);
    s.run();
    return tx.db().lastInsertRowId();
}

std::vector<SignatureRecord> signaturesOf(Database& db, const std::string& caseNumber) {
    Statement s(db, std::string("SELECT ") + kColumns + " FROM signature WHERE case_number = ? ORDER BY id");
    s.bind(1, caseNumber);
    std::vector<SignatureRecord> out;
    while (s.step())
        out.push_back(read(s));
    return out;
}

std::optional<SignatureRecord> findSignature(Database& db, const std::string& caseNumber,
                                             const std::string& documentKind, const std::string& pngSha256) {
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM signature WHERE case_number = ? AND document_kind = ? AND png_sha256 = ? "
                        "ORDER BY id DESC LIMIT 1");
    s.bind(1, caseNumber).bind(2, documentKind).bind(3, pngSha256);
    return first(s);
}

std::optional<SignatureRecord> unboundSignature(Database& db, const std::string& caseNumber,
                                                const std::string& documentKind) {
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM signature WHERE case_number = ? AND document_kind = ? AND document_sha256 IS "
                        "NULL ORDER BY id DESC LIMIT 1");
    s.bind(1, caseNumber).bind(2, documentKind);
    return first(s);
}

bool bindSignature(Transaction& tx, std::int64_t signatureId, const std::string& documentSha256,
                   std::int64_t documentId) {
    Statement s(
        tx.db(),
        "UPDATE signature SET document_sha256 = ?, document_id = ? WHERE id = ? AND document_sha256 IS NULL");
    s.bind(1, documentSha256).bind(2, documentId).bind(3, signatureId);
    s.run();
    return tx.db().changes() == 1;
}

std::string signatureJson(const SignatureRecord& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("uuid", r.uuid);
    o->set("case_number", r.caseNumber);
    o->set("document_kind", r.documentKind);
    o->set("strokes_sha256", r.strokesSha256);
    o->set("png_sha256", r.pngSha256);
    o->set("device", r.device);
    o->set("signed_at", r.signedAt);
    o->set("staff", r.staff);
    o->set("window", r.window);
    if (!r.documentSha256.empty())
        o->set("document_sha256", r.documentSha256);
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

} // namespace ywtb::store
