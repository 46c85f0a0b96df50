#pragma once
// Signatures for the pledge (App. E) and the delivery receipt (App. G), docs/devices.md: captured on the pad
// as strokes (kept as a vector record) and an image (PNG), both in the blob store, recorded for one document
// of one case. The decision or release then carries the image, and issuing the document binds the signature
// to the SHA-256 of that exact PDF (DocumentService): a signature is never moved onto another case or
// document.

#include "core/error.h"
#include "devices/signature/signature_pad.h"
#include "render/document_template.h"
#include "services/actor.h"
#include "store/signature_register.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

/// The pixel size of the stored signature image.
inline constexpr unsigned kSignatureImageWidth = 600;
inline constexpr unsigned kSignatureImageHeight = 200;

/// The strokes as the JSON vector record kept in the blob store ("ywtb-signature-strokes" 1).
std::string strokesJson(const devices::Signature& signature);

class SignatureService {
public:
    SignatureService(store::LocalStore& store, const core::Clock& clock, Actor actor);

    /// Shows the prompt for `kind` of the case on `pad` and keeps what the applicant signs. Refused before
    /// the pad is asked when the document is not one that is signed or the case already has it issued.
    core::Expected<store::SignatureRecord> capture(devices::SignaturePad& pad, const std::string& deviceName,
                                                   const std::string& caseNumber, render::DocumentKind kind,
                                                   std::chrono::milliseconds applicantTimeout);
    /// Keeps a signature image given as a PNG file (a pad of another program), recorded like a capture
    /// without strokes.
    core::Expected<store::SignatureRecord> keepImage(const std::string& caseNumber, render::DocumentKind kind,
                                                     std::string_view png);
    core::Expected<std::vector<store::SignatureRecord>> signatures(const std::string& caseNumber);

private:
    /// Done when `kind` is signed and the case exists without that document issued yet.
    core::Expected<core::Done> signable(const std::string& caseNumber, render::DocumentKind kind);
    core::Expected<store::SignatureRecord> keep(const std::string& caseNumber, render::DocumentKind kind,
                                                std::string_view png, const std::string& strokes,
                                                const std::string& device);

    store::LocalStore& m_store;
    const core::Clock& m_clock;
    Actor m_actor;
};

} // namespace ywtb::services
