#include "render/document_template.h"

#include "core/json_reader.h"
#include "render/template_fields.h"

namespace ywtb::render {
namespace {

using core::JsonObjectReader;
using core::Message;
using core::Presence;

const std::vector<std::string_view> kBlockTypes{"heading",    "paragraph", "fields", "table",
                                                "signatures", "seal",      "qr",     "space"};

// Checks one mustache text at `key` of `r`, inside `scopes`.
std::string checkedText(JsonObjectReader& r, const std::string& key,
                        const std::vector<const FieldSpec*>& scopes, Presence presence = Presence::Required) {
    auto value = r.text(key, presence);
    for (const auto& p : checkTemplateText(value, scopes))
        r.problem(key, p.code.c_str(), p.what,
                  Message(N_("templates/README.md lists every field a template can use")));
    return value;
}

std::string checkedFieldName(JsonObjectReader& r, const std::string& key, Presence presence,
                             bool mustBeList) {
    auto name = r.text(key, presence);
    if (name.empty())
        return name;
    const auto* field = resolveField({&documentFields()}, name);
    if (!field)
        r.problem(key, "template.unknown_field", Message(N_("unknown field \"{name}\""), {{"name", name}}),
                  Message(N_("templates/README.md lists every field a template can use")));
    else if (mustBeList && field->kind != FieldKind::List)
        r.problem(key, "template.not_list",
                  Message(N_("\"{name}\" is not a list, so a table cannot repeat it"), {{"name", name}}),
                  Message(N_("use a list such as materials, gaps or documents")));
    return name;
}

TemplateBlock readBlock(JsonObjectReader& r) {
    TemplateBlock b;
    const std::vector<const FieldSpec*> root{&documentFields()};
    const auto type = r.choice("type", kBlockTypes);
    b.when = checkedFieldName(r, "when", Presence::Optional, false);
    if (type == "heading" || type == "paragraph") {
        b.type = type == "heading" ? TemplateBlockType::Heading : TemplateBlockType::Paragraph;
        b.text = checkedText(r, "text", root);
    } else if (type == "fields") {
        b.type = TemplateBlockType::Fields;
        for (auto& row : r.objects("rows", Presence::Required, 1)) {
            auto label = checkedText(row, "label", root);
            auto value = checkedText(row, "value", root);
            row.finish();
            b.fields.emplace_back(std::move(label), std::move(value));
        }
    } else if (type == "table") {
        b.type = TemplateBlockType::Table;
        b.rows = checkedFieldName(r, "rows", Presence::Required, true);
        const auto* list = b.rows.empty() ? nullptr : resolveField(root, b.rows);
        std::vector<const FieldSpec*> rowScopes = root;
        if (list && list->kind == FieldKind::List)
            rowScopes.push_back(list);
        for (auto& column : r.objects("columns", Presence::Required, 1)) {
            TemplateColumn c;
            c.header = checkedText(column, "header", root);
            c.width = static_cast<double>(column.integer("width", 1, 100, Presence::Optional).value_or(1));
            c.cell = checkedText(column, "cell", rowScopes);
            column.finish();
            b.columns.push_back(std::move(c));
        }
    } else if (type == "signatures") {
        b.type = TemplateBlockType::Signatures;
        for (auto& area : r.objects("areas", Presence::Required, 1)) {
            TemplateSignature s;
            s.label = checkedText(area, "label", root);
            s.image = area.choice("image", {"applicant_signature", "receiver_signature"}, Presence::Optional);
            s.date = checkedText(area, "date", root, Presence::Optional);
            area.finish();
            b.signatures.push_back(std::move(s));
        }
        if (b.signatures.size() > 2)
            r.problem("areas", "template.too_many",
                      Message(N_("a signature block holds at most two areas side by side")),
                      Message(N_("use a second signature block")));
    } else if (type == "seal") {
        b.type = TemplateBlockType::Seal;
        b.issuer = checkedText(r, "issuer", root);
        b.date = checkedText(r, "date", root);
    } else if (type == "qr") {
        b.type = TemplateBlockType::Qr;
        b.payload = checkedText(r, "payload", root);
        b.text = checkedText(r, "caption", root, Presence::Optional);
    } else if (type == "space") {
        b.type = TemplateBlockType::Space;
        b.mm = static_cast<double>(r.integer("mm", 1, 200).value_or(5));
    }
    r.finish();
    return b;
}

} // namespace

TemplateResult parseDocumentTemplate(std::string_view text, const std::string& file) {
    TemplateResult result;
    core::JsonProblems problems(file);
    auto opened =
        core::openDataFile(text, problems, {"ywtb-template", 1, "template", N_("a document template")});
    if (!opened) {
        result.errors = problems.errors();
        return result;
    }
    auto& top = *opened;
    std::vector<std::string_view> kindNames;
    for (const auto kind : allDocumentKinds())
        kindNames.push_back(toString(kind));
    if (auto kind = documentKindFromString(top.choice("kind", kindNames)))
        result.value.kind = *kind;
    result.value.version = static_cast<int>(top.integer("version", 1, 1000000).value_or(1));
    result.value.title = checkedText(top, "title", {&documentFields()});
    result.value.copies = top.texts("copies", Presence::Optional, 0);
    for (auto& block : top.objects("blocks", Presence::Required, 1))
        result.value.blocks.push_back(readBlock(block));
    top.finish();
    result.errors = problems.errors();
    return result;
}

} // namespace ywtb::render
