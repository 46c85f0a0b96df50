#pragma once
// The fields a document template may use ({{applicant.name}}, {{#gaps}}…{{/gaps}}), and the check of a
// template's mustache text against them, so that a typo is refused when the template is loaded rather
// than printed as a blank on the applicant's notice.

#include "core/message.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::render {

enum class FieldKind {
    Text,   ///< printed as is
    Flag,   ///< true or false, for {{#flag}}…{{/flag}} and {{^flag}}…{{/flag}}
    List,   ///< repeated with {{#list}}…{{/list}}; its children are the fields of one entry
    Object, ///< a group of fields reached with a dot: {{case.number}}
};

struct FieldSpec {
    std::string name;
    FieldKind kind = FieldKind::Text;
    const char* description = ""; ///< for templates/README.md
    std::vector<FieldSpec> children;
    /// A group whose children are not known when the template is checked: `form`, whose fields are those of
    /// each item's application form. Any name below it is accepted, as text, list or group.
    bool open = false;

    const FieldSpec* child(std::string_view childName) const;
};

/// The root of the fields every document template can use.
const FieldSpec& documentFields();

/// A field path resolved against the scopes of the enclosing sections.
const FieldSpec* resolveField(const std::vector<const FieldSpec*>& scopes, std::string_view path);

/// A problem in a template's mustache text: what is wrong with which tag.
struct TemplateTextProblem {
    std::string code; ///< template.unknown_field, template.unclosed_section, template.unexpected_close,
                      ///< template.unsupported_tag
    core::Message what;
};

/// Checks `text` for unknown fields, unbalanced sections and unsupported tags (partials, delimiter changes),
/// starting inside `scopes` (the root, or a table row's list entry).
std::vector<TemplateTextProblem> checkTemplateText(std::string_view text,
                                                   std::vector<const FieldSpec*> scopes);

} // namespace ywtb::render
