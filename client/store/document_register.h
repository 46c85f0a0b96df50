#pragma once
// The register of issued documents: which PDF a case's applicant was given, so it can be shown or reprinted.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

struct IssuedDocumentRecord {
    std::int64_t id = 0;
    std::string caseNumber;
    std::string kind;   ///< template kind: acceptance, correction …
    std::string number; ///< document number; empty for the pledge
    int templateVersion = 0;
    std::string templateSha256;
    std::string pdfSha256; ///< the PDF in the blob store
    std::string staff;
    std::string window;
    std::string issuedAt;
    int copiesPrinted = 0;
    int reprints = 0;
};

/// Records a document; its PDF must already be durable in the blob store.
std::int64_t registerDocument(Transaction& tx, const IssuedDocumentRecord& record);
/// The document of `kind` issued for the case under `number`, if any.
std::optional<IssuedDocumentRecord> findIssuedDocument(Database& db, const std::string& caseNumber,
                                                       const std::string& kind, const std::string& number);
std::vector<IssuedDocumentRecord> issuedDocuments(Database& db, const std::string& caseNumber);
/// The registered document whose PDF has this SHA-256, if any.
std::optional<IssuedDocumentRecord> findIssuedDocumentByPdf(Database& db, const std::string& pdfSha256);
/// Counts printed copies; a print after the first is a reprint.
void countPrint(Transaction& tx, std::int64_t id, int copies);

} // namespace ywtb::store
