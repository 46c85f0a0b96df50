#pragma once
// A document template (templates/KIND.json): the layout of a notice as data, its text in mustache.
// Validated when loaded: every problem names the template, the line and the field.

#include "core/decision_table.h"
#include "core/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::render {

/// The papers the counter prints: core's decision table names them and says which decision issues which.
using core::allDocumentKinds;
using core::DocumentKind;
using core::documentKindFromString;
using core::toString;

struct TemplateColumn {
    std::string header;
    double width = 1;
    std::string cell; ///< mustache, in the scope of one entry of the table's list
};

struct TemplateSignature {
    std::string label;
    std::string image; ///< "applicant_signature" or "receiver_signature"; empty: sign on paper
    std::string date;  ///< mustache
};

enum class TemplateBlockType { Heading, Paragraph, Fields, Table, Signatures, Seal, Qr, Space };

struct TemplateBlock {
    TemplateBlockType type = TemplateBlockType::Paragraph;
    std::string
        when; ///< a field: the block is drawn only when it is true, non-empty text or a non-empty list
    std::string text;                                        ///< Heading, Paragraph; Qr: the caption
    std::vector<std::pair<std::string, std::string>> fields; ///< Fields: label, value
    std::string rows;                                        ///< Table: the list field it repeats
    std::vector<TemplateColumn> columns;                     ///< Table
    std::vector<TemplateSignature> signatures;               ///< Signatures
    std::string issuer, date;                                ///< Seal
    std::string payload;                                     ///< Qr
    double mm = 0;                                           ///< Space
};

struct DocumentTemplate {
    DocumentKind kind = DocumentKind::Acceptance;
    int version = 1; ///< the centre's own version of the template, recorded with every document issued
    std::string title;
    std::vector<std::string> copies;
    std::vector<TemplateBlock> blocks;
};

struct TemplateResult {
    DocumentTemplate value;
    std::vector<core::Error> errors;
    bool ok() const { return errors.empty(); }
};

/// Parses and validates a template ("ywtb-template", format_version 1).
TemplateResult parseDocumentTemplate(std::string_view text, const std::string& file);

} // namespace ywtb::render
