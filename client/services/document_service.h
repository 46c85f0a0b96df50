#pragma once
// Issuing the paper of a decision: fill the template, draw the PDF, keep the exact bytes and register them,
// so that the same paper is shown or reprinted years later (not a new rendering of changed data).

#include "core/centre_config.h"
#include "core/error.h"
#include "render/document_layout.h"
#include "render/document_template.h"
#include "services/actor.h"
#include "store/document_register.h"
#include "store/signature_register.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::store {
class LocalStore;
class Transaction;
} // namespace ywtb::store

namespace ywtb::services {

struct IssuedPaper {
    store::IssuedDocumentRecord record;
    std::string pdf;
    bool newlyIssued = false; ///< false: the stored paper of an earlier issue
};

/// What a paper is drawn with besides its template and case: the fonts and the centre's seal.
struct DocumentAssets {
    render::FontSet fonts;
    std::string sealPng; ///< empty: an empty seal box to stamp by hand
};

/// The centre's seal image named in centre.json (`seal_image`, relative to `formsDir`), checked to be a
/// PNG libharu can draw; empty when none is configured.
core::Expected<std::string> loadSealImage(const std::filesystem::path& formsDir,
                                          const core::CentreConfig& centre);

/// Every template of `templatesDir`, validated as printing would load it; the problems of all of them.
std::vector<core::Error> checkTemplates(const std::filesystem::path& templatesDir);

/// Loads and validates the template of `kind`, giving the SHA-256 of its file for the register.
core::Expected<render::DocumentTemplate> loadDocumentTemplate(const std::filesystem::path& templatesDir,
                                                              render::DocumentKind kind, std::string& sha256);

/// Records that `copies` of a registered document were printed on `queue` (a print after the first counts as
/// a reprint), with an audit entry.
core::Expected<core::Done> recordDocumentPrint(store::LocalStore& store, std::int64_t documentId, int copies,
                                               const std::string& queue, const core::Clock& clock,
                                               const Actor& actor);

class DocumentService {
public:
    DocumentService(store::LocalStore& store, const core::CentreConfig& centre,
                    std::filesystem::path templatesDir, DocumentAssets assets, const core::Clock& clock,
                    Actor actor);

    /// The document of `kind` for the case. The first time it is rendered, stored in the blob store and
    /// registered with an audit and an outbox entry in one transaction; after that the stored PDF is returned
    /// unchanged. The pledge carries the applicant's signature and the delivery receipt the receiver's, when
    /// captured on the pad.
    core::Expected<IssuedPaper> issue(const std::string& caseNumber, render::DocumentKind kind);
    /// As issue, for `c` as it stands inside the caller's transaction `tx` (a decision being made): the paper
    /// is registered in `tx`, so that it commits with the decision or not at all. Its PDF is in the blob
    /// store already.
    core::Expected<IssuedPaper> issueWithin(store::Transaction& tx, const core::Case& c,
                                            render::DocumentKind kind);
    /// The register of a case's documents, in the order they were issued.
    core::Expected<std::vector<store::IssuedDocumentRecord>> documents(const std::string& caseNumber);

private:
    /// The signature captured for the case's document of `kind` whose image is `pngSha256`, not yet on any
    /// issued document; none when `pngSha256` is empty (signed on paper); an error for a signature from
    /// elsewhere.
    core::Expected<std::optional<store::SignatureRecord>>
    signatureFor(const std::string& caseNumber, render::DocumentKind kind, const std::string& pngSha256);

    store::LocalStore& m_store;
    const core::CentreConfig& m_centre;
    std::filesystem::path m_templatesDir;
    DocumentAssets m_assets;
    const core::Clock& m_clock;
    Actor m_actor;
};

} // namespace ywtb::services
