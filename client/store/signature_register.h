#pragma once
// Signatures captured on the pad for one document of one case (docs/devices.md): the strokes and the image
// are in the blob store; the row says whose case, which document, and — once the document is issued — the
// SHA-256 of the exact PDF that carries it. A signature is bound once: it cannot be moved onto another
// document.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

struct SignatureRecord {
    std::int64_t id = 0;
    std::string uuid;
    std::string caseNumber;
    std::string documentKind;  ///< pledge, delivery_receipt
    std::string strokesSha256; ///< the pen strokes (JSON); empty for an image given as a file
    std::string pngSha256;
    std::string device; ///< the pad it came from, or "file"
    std::string signedAt;
    std::string staff;
    std::string window;
    std::string documentSha256; ///< empty until bound
    std::int64_t documentId = 0;
};

std::int64_t recordSignature(Transaction& tx, const SignatureRecord& signature);
/// The case's signatures, oldest first.
std::vector<SignatureRecord> signaturesOf(Database& db, const std::string& caseNumber);
/// The newest signature with this image for the case and document kind, bound or not.
std::optional<SignatureRecord> findSignature(Database& db, const std::string& caseNumber,
                                             const std::string& documentKind, const std::string& pngSha256);
/// The newest signature of the case for `documentKind` that no document carries yet.
std::optional<SignatureRecord> unboundSignature(Database& db, const std::string& caseNumber,
                                                const std::string& documentKind);
/// Binds the signature to the issued document; false when it is already bound (to any document).
bool bindSignature(Transaction& tx, std::int64_t signatureId, const std::string& documentSha256,
                   std::int64_t documentId);

/// The signature as the JSON sent to the server.
std::string signatureJson(const SignatureRecord& signature);

} // namespace ywtb::store
