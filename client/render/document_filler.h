#pragma once
// Fills a document template for one case: builds the fields of template_fields.h from the case, the
// centre and the document being issued, renders the mustache text, and lays out the blocks.

#include "core/case.h"
#include "core/centre_config.h"
#include "core/error.h"
#include "render/document_layout.h"
#include "render/document_template.h"

#include <string>

namespace ywtb::render {

/// Everything a document says besides its template.
struct DocumentInputs {
    const core::Case* c = nullptr;
    const core::CentreConfig* centre = nullptr;
    core::CivilDate today;
    const core::IssuedDocument* document = nullptr; ///< the number and date it carries; null for the pledge
    std::string applicantSignaturePng;              ///< captured on the signature pad; empty: sign on paper
    std::string receiverSignaturePng;
    std::string sealPng; ///< the centre's seal; empty: an empty seal box
};

/// Writes a date the way notices do: 2026年9月28日.
std::string chineseDate(core::CivilDate date);

/// The template filled for the case, ready for renderPdf().
core::Expected<Document> fillTemplate(const DocumentTemplate& documentTemplate, const DocumentInputs& inputs);

} // namespace ywtb::render
