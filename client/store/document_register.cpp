#include "store/document_register.h"

#include "store/database.h"

namespace ywtb::store {
namespace {

constexpr const char* kColumns =
    "id, case_number, kind, number, template_version, template_sha256, pdf_sha256, staff, window_id, "
    "issued_at, copies_printed, reprints";

IssuedDocumentRecord read(const Statement& s) {
    return {s.integer(0),
            s.text(1),
            s.text(2),
            s.text(3),
            static_cast<int>(s.integer(4)),
            s.text(5),
            s.text(6),
            s.text(7),
            s.text(8),
            s.text(9),
            static_cast<int>(s.integer(10)),
            static_cast<int>(s.integer(11))};
}

} // namespace

std::int64_t registerDocument(Transaction& tx, const IssuedDocumentRecord& r) {
    Statement s(tx.db(), "INSERT INTO issued_document (case_number, kind, number, template_version, "
                         "template_sha256, pdf_sha256, "
                         "staff, window_id, issued_at) VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.caseNumber)
        .bind(2, r.kind)
        .bind(3, r.number)
        .bind(4, static_cast<std::int64_t>(r.templateVersion));
    s.bind(5, r.templateSha256).bind(6, r.pdfSha256).bind(7, r.staff).bind(8, r.window).bind(9, r.issuedAt);
    s.run();
    return tx.db().lastInsertRowId();
}

std::optional<IssuedDocumentRecord> findIssuedDocument(Database& db, const std::string& caseNumber,
                                                       const std::string& kind, const std::string& number) {
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM issued_document WHERE case_number = ? AND kind = ? AND number = ?");
    s.bind(1, caseNumber).bind(2, kind).bind(3, number);
    if (!s.step())
        return std::nullopt;
    return read(s);
}

std::vector<IssuedDocumentRecord> issuedDocuments(Database& db, const std::string& caseNumber) {
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM issued_document WHERE case_number = ? ORDER BY id");
    s.bind(1, caseNumber);
    std::vector<IssuedDocumentRecord> out;
    while (s.step())
        out.push_back(read(s));
    return out;
}

std::optional<IssuedDocumentRecord> findIssuedDocumentByPdf(Database& db, const std::string& pdfSha256) {
    Statement s(db, std::string("SELECT ") + kColumns +
                        " FROM issued_document WHERE pdf_sha256 = ? ORDER BY id LIMIT 1");
    s.bind(1, pdfSha256);
    if (!s.step())
        return std::nullopt;
    return read(s);
}

void countPrint(Transaction& tx, std::int64_t id, int copies) {
    Statement s(tx.db(), "UPDATE issued_document SET reprints = reprints + (copies_printed > 0), "
                         "copies_printed = copies_printed + ? "
                         "WHERE id = ?");
    s.bind(1, static_cast<std::int64_t>(copies)).bind(2, id);
    s.run();
}

} // namespace ywtb::store
