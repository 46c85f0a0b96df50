#include "render/template_fields.h"

namespace ywtb::render {
namespace {

FieldSpec text(std::string name, const char* description) {
    return {std::move(name), FieldKind::Text, description, {}};
}
FieldSpec flag(std::string name, const char* description) {
    return {std::move(name), FieldKind::Flag, description, {}};
}
FieldSpec object(std::string name, const char* description, std::vector<FieldSpec> children) {
    return {std::move(name), FieldKind::Object, description, std::move(children)};
}
// Every row of a list also carries `first` and `last`, for separators between entries.
FieldSpec list(std::string name, const char* description, std::vector<FieldSpec> children) {
    children.push_back(flag("first", "the first entry of the list"));
    children.push_back(flag("last", "the last entry of the list: write separators as {{^last}}、{{/last}}"));
    return {std::move(name), FieldKind::List, description, std::move(children)};
}

std::vector<FieldSpec> materialRow() {
    return {text("index", "序号 1, 2, 3 …"),
            text("id", "material id of the guide, e.g. M01"),
            text("name", "材料名称"),
            text("form", "原件 / 复印件 / 原件及复印件"),
            text("copies", "份数"),
            text("requirement", "必要 / 容缺"),
            text("status", "已提供（原件）/ 复印件 / 免交 / 缺失 / 不符合要求 / 不适用"),
            text("standard", "the standard the material must meet"),
            text("problem", "what is wrong: 未提交, or the clerk's note on a non-conforming material"),
            text("note", "the clerk's note"),
            text("licence_number", "the e-licence number of an exempt material"),
            flag("secondary", "a secondary material (容缺)")};
}

FieldSpec buildRoot() {
    return object(
        "", "",
        {
            text("today", "today, written 2026年9月28日"),
            object("centre", "the service centre (forms/centre.json)",
                   {text("name", "中心名称"), text("short_name", "简称"), text("phone", "咨询电话"),
                    text("address", "地址"), text("window", "窗口名称"), text("window_id", "窗口编号")}),
            object("document", "this document",
                   {text("number", "文书编号, e.g. 沪徐汇受〔2026〕000123号"),
                    text("date", "issue date, 2026年9月28日"), text("title", "the template's title")}),
            object(
                "case", "the case",
                {text("number", "办件编号"), text("status", "状态"), text("created_date", "申请日期"),
                 text("received_date", "收件日期"), text("accepted_date", "受理日期"),
                 text("correction_deadline", "last day for a correction notice after receipt"),
                 text("due_promised", "承诺办结日期"), text("due_statutory", "法定办结日期"),
                 text("correction_deadline_note",
                      "（按法定节假日暂计） when counted on a provisional calendar"),
                 text("due_promised_note", "（按法定节假日暂计） when counted on a provisional calendar"),
                 text("due_statutory_note", "（按法定节假日暂计） when counted on a provisional calendar"),
                 text("supplement_by", "容缺材料补齐期限"), text("decided_date", "决定日期"),
                 flag("accepted_by_default",
                      "accepted because no correction notice came within 5 working days"),
                 text("resubmission_of", "the correction case this one answers"),
                 text("staff", "受理人员编号"), text("lookup", "the sentence telling how to follow progress"),
                 text("progress_url",
                      "the progress-lookup address of this case (centre.json progress_url); empty when none"),
                 text("qr", "what the QR code holds: the progress-lookup address, or the case number when "
                            "there is none")}),
            object("applicant", "the applicant",
                   {text("name", "申请人名称"), flag("is_person", "a natural person"),
                    flag("is_organisation", "an organisation"), text("id_number", "身份证号码 (person)"),
                    text("credit_code", "统一社会信用代码 (organisation)"),
                    text("identity_label", "身份证号码 or 统一社会信用代码"),
                    text("identity", "the ID number or the credit code"),
                    text("legal_representative", "法定代表人"), text("phone", "联系电话"),
                    text("address", "地址")}),
            flag("has_agent", "an agent applies on the applicant's behalf"),
            object("agent", "the agent (代理人)",
                   {text("name", "姓名"), text("id_number", "身份证号码"), text("phone", "联系电话"),
                    text("authorisation", "委托材料")}),
            object("item", "the item and its guide",
                   {text("code", "事项编码"), text("name", "事项名称"), text("department", "实施部门"),
                    text("type", "事项类型"), text("statutory_days", "法定时限（工作日）"),
                    text("promised_days", "承诺时限（工作日）"),
                    flag("on_the_spot", "decided on the spot (即办)"), text("visits", "最多跑动次数"),
                    list("legal_basis", "设定依据", {text("text", "one legal basis")}),
                    list("conditions", "受理条件", {text("text", "one condition")}), flag("free", "no fee"),
                    text("fee_basis", "basis of a free item"),
                    list("fees", "收费项目",
                         {text("name", "名称"), text("amount", "金额（元）"), text("unit", "单位"),
                          text("basis", "收费依据")}),
                    list("special_steps", "特别程序",
                         {text("name", "名称"), flag("counts_in_limit", "counted in the limit"),
                          text("max_days", "最长工作日"), text("basis", "依据")}),
                    flag("has_special_steps",
                         "the guide lists special steps whose time is not counted in the limit"),
                    text("result_document", "办理结果"), text("delivery", "送达方式")}),
            list("materials", "every material of the checklist", materialRow()),
            list("gaps", "the missing or non-conforming materials (one-time notice)", materialRow()),
            flag("has_gaps", "the checklist has gaps"),
            object("refusal", "不予受理",
                   {text("kind", "reason category"),
                    text("legal_basis", "the provision it rests on: 行政许可法 "
                                        "第三十二条第一款第（一）/（二）项, or the paragraph"),
                    text("reason", "written reason"), text("apply_to", "where to apply instead"),
                    flag("has_apply_to", "names where to apply"), text("reconsideration_days", "60"),
                    text("litigation_months", "6")}),
            object("decision", "准予 / 不予批准",
                   {flag("approved", "approved"), flag("denied", "denied"),
                    flag("on_the_spot", "decided on the spot at the counter (行政许可法 art. 34(2))"),
                    flag("after_review", "decided by the department after review (art. 34(1), 37)"),
                    text("reason", "the reason of a denial")}),
            object("release", "出件",
                   {text("method", "当场领取 / 邮寄 / 智能文件柜"), text("receiver", "签收人"),
                    text("receiver_role", "申请人本人 / 申请人的代理人 / 受申请人委托的代领人"),
                    flag("by_proxy", "collected by a proxy"), flag("by_mail", "sent by mail"),
                    flag("in_person", "handed over at the window or the locker"),
                    text("content", "送达内容: the result document, or the denial decision of a denied case"),
                    text("proxy_id_number", "代领人身份证号码"), text("tracking_number", "邮件单号"),
                    text("locker_code", "柜号"),
                    text("staff", "送达人: the staff number of the clerk who handed the result over"),
                    text("date", "签收日期")}),
            flag("has_form", "the case has an application form with at least one answer"),
            text("form_title", "the application form's title, e.g. 食品经营许可申请书"),
            FieldSpec{"form",
                      FieldKind::Object,
                      "the answers of the application form by field id: {{form.business_name}}; a repeating "
                      "group is a list",
                      {},
                      true},
            list("form_rows",
                 "the form's key answers (fields marked on_notice, else every answer), for a table",
                 {text("label", "the field's label"), text("value", "the answer as printed")}),
            list("documents", "the documents this case has produced",
                 {text("index", "序号"), text("title", "文书名称"), text("number", "文书编号"),
                  text("date", "日期")}),
        });
}

} // namespace

const FieldSpec* FieldSpec::child(std::string_view childName) const {
    for (const auto& c : children)
        if (c.name == childName)
            return &c;
    if (open) {
        static const FieldSpec anyField{"", FieldKind::Object, "", {}, true};
        return &anyField;
    }
    return nullptr;
}

const FieldSpec& documentFields() {
    static const FieldSpec root = buildRoot();
    return root;
}

const FieldSpec* resolveField(const std::vector<const FieldSpec*>& scopes, std::string_view path) {
    const auto dot = path.find('.');
    const auto first = path.substr(0, dot);
    // Mustache looks a name up in the innermost section first, then outwards.
    for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
        const FieldSpec* field = (*scope)->child(first);
        if (!field)
            continue;
        for (auto rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
             !rest.empty();) {
            const auto next = rest.find('.');
            field = field->kind == FieldKind::Object ? field->child(rest.substr(0, next)) : nullptr;
            if (!field)
                return nullptr;
            rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
        }
        return field;
    }
    return nullptr;
}

std::vector<TemplateTextProblem> checkTemplateText(std::string_view text,
                                                   std::vector<const FieldSpec*> scopes) {
    std::vector<TemplateTextProblem> problems;
    std::vector<std::string> open;
    const auto trimmed = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ')
            s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ')
            s.remove_suffix(1);
        return std::string(s);
    };
    for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at)) {
        const bool triple = text.substr(at, 3) == "{{{";
        const auto close = text.find(triple ? "}}}" : "}}", at);
        if (close == std::string_view::npos) {
            problems.push_back(
                {"template.unclosed_tag", core::Message(N_("a \"{{\" is not closed by \"}}\""))});
            break;
        }
        std::string_view tag = text.substr(at + (triple ? 3 : 2), close - at - (triple ? 3 : 2));
        at = close + (triple ? 3 : 2);
        const char sigil = tag.empty() ? '\0' : tag.front();
        if (sigil == '!')
            continue;
        if (sigil == '>' || sigil == '=') {
            problems.push_back(
                {"template.unsupported_tag",
                 core::Message(N_("\"{{{tag}}}\": partials and delimiter changes are not supported"),
                               {{"tag", std::string(tag)}})});
            continue;
        }
        const bool section = sigil == '#' || sigil == '^';
        const bool closing = sigil == '/';
        const std::string name = trimmed(section || closing || sigil == '&' ? tag.substr(1) : tag);
        if (closing) {
            if (open.empty() || open.back() != name) {
                problems.push_back(
                    {"template.unexpected_close",
                     core::Message(N_("\"{{/{name}}}\" closes a section that is not open here"),
                                   {{"name", name}})});
                continue;
            }
            open.pop_back();
            scopes.pop_back();
            continue;
        }
        const FieldSpec* field = name == "." ? scopes.back() : resolveField(scopes, name);
        if (!field) {
            problems.push_back(
                {"template.unknown_field", core::Message(N_("unknown field \"{name}\""), {{"name", name}})});
            if (section) { // keep the structure balanced so that one typo gives one message
                open.push_back(name);
                scopes.push_back(scopes.back());
            }
            continue;
        }
        if (section) {
            open.push_back(name);
            scopes.push_back(
                field->kind == FieldKind::List || field->kind == FieldKind::Object ? field : scopes.back());
        } else if ((field->kind == FieldKind::List || field->kind == FieldKind::Object) && !field->open) {
            problems.push_back(
                {"template.not_text",
                 core::Message(
                     N_("\"{name}\" is a list or a group; print its fields inside {{#{name}}}…{{/{name}}}"),
                     {{"name", name}})});
        }
    }
    for (const auto& name : open)
        problems.push_back(
            {"template.unclosed_section",
             core::Message(N_("the section \"{{#{name}}}\" is not closed"), {{"name", name}})});
    return problems;
}

} // namespace ywtb::render
