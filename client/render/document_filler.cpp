#include "render/document_filler.h"

#include "core/application_form_values.h"
#include "core/decision_table.h"

#include <algorithm>
#include <mstch/mstch.hpp>
#include <optional>

namespace ywtb::render {
namespace {

// Documents are always in Chinese (they are legal papers of a Shanghai centre), so these words are data,
// not interface text for gettext.
const char* statusText(core::MaterialStatus s) {
    switch (s) {
    case core::MaterialStatus::Unchecked:
        return "未核验";
    case core::MaterialStatus::Original:
        return "已提供（原件）";
    case core::MaterialStatus::Copy:
        return "已提供（复印件）";
    case core::MaterialStatus::Exempt:
        return "免交（电子证照）";
    case core::MaterialStatus::Missing:
        return "缺失";
    case core::MaterialStatus::NonConforming:
        return "不符合要求";
    case core::MaterialStatus::NotApplicable:
        return "不适用";
    }
    return "";
}

const char* formText(core::MaterialForm f) {
    switch (f) {
    case core::MaterialForm::Original:
        return "原件";
    case core::MaterialForm::Copy:
        return "复印件";
    case core::MaterialForm::OriginalAndCopy:
        return "原件及复印件";
    }
    return "";
}

const char* caseStatusText(core::CaseStatus s) {
    switch (s) {
    case core::CaseStatus::Draft:
        return "受理中";
    case core::CaseStatus::Received:
        return "已收件";
    case core::CaseStatus::Accepted:
        return "已受理";
    case core::CaseStatus::Correction:
        return "待补正";
    case core::CaseStatus::Conditional:
        return "容缺受理";
    case core::CaseStatus::Refused:
        return "不予受理";
    case core::CaseStatus::UnderReview:
        return "审查中";
    case core::CaseStatus::Approved:
        return "准予许可";
    case core::CaseStatus::Denied:
        return "不予许可";
    case core::CaseStatus::AwaitingRelease:
        return "待领取";
    case core::CaseStatus::Released:
        return "已办结";
    case core::CaseStatus::Withdrawn:
        return "退办";
    }
    return "";
}

const char* itemTypeText(core::ItemType t) {
    switch (t) {
    case core::ItemType::Licence:
        return "行政许可";
    case core::ItemType::Confirmation:
        return "行政确认";
    case core::ItemType::Payment:
        return "行政给付";
    case core::ItemType::Award:
        return "行政奖励";
    case core::ItemType::Adjudication:
        return "行政裁决";
    case core::ItemType::OtherPower:
        return "其他行政权力";
    case core::ItemType::PublicService:
        return "公共服务";
    }
    return "";
}

const char* deliveryText(core::Delivery d) {
    switch (d) {
    case core::Delivery::Window:
        return "窗口领取";
    case core::Delivery::Mail:
        return "邮寄送达";
    case core::Delivery::Locker:
        return "智能文件柜自取";
    case core::Delivery::Electronic:
        return "电子证照";
    }
    return "";
}

const char* documentTitle(const std::string& kind) {
    if (kind == "acceptance_notice")
        return "受理通知书";
    if (kind == "receipt")
        return "收件凭证";
    if (kind == "correction_notice")
        return "补正材料通知书";
    if (kind == "supplement_notice")
        return "容缺候补通知书";
    if (kind == "refusal_notice")
        return "不予受理通知书";
    // DB31/T 862 8.2.1 names them for every kind of item, not only licences.
    if (kind == "approval_decision")
        return "批准决定书";
    if (kind == "denial_decision")
        return "不予批准决定书";
    if (kind == "delivery_receipt")
        return "送达回执";
    return "";
}

// The table trick below separates rows with this character; it never belongs in a printed field.
constexpr char kRowSeparator = '\x1e';   // between the rows of a table column
constexpr char kPieceSeparator = '\x1f'; // between the texts of a document, rendered together

std::string clean(std::string text) {
    text.erase(std::remove_if(text.begin(), text.end(),
                              [](char ch) { return ch == kRowSeparator || ch == kPieceSeparator; }),
               text.end());
    return text;
}

std::string dateOr(const std::optional<core::CivilDate>& date) {
    return date ? chineseDate(*date) : std::string();
}

// Printed after a date counted before its year's holiday notice was in the data (docs/intake.md).
std::string provisionalNote(const core::Case& c, const char* field) {
    return c.isProvisional(field) ? "（按法定节假日暂计）" : "";
}

// A list for mustache, each row told whether it is the first or the last, so a template can write
// separators: {{#gaps}}{{name}}{{^last}}、{{/last}}{{/gaps}}.
mstch::array listOf(std::vector<mstch::map> rows) {
    mstch::array out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i]["first"] = i == 0;
        rows[i]["last"] = i + 1 == rows.size();
        out.push_back(std::move(rows[i]));
    }
    return out;
}

mstch::map materialRow(const core::Case& c, const core::CaseMaterial& m, std::size_t index) {
    const auto* guide = c.item.material(m.id);
    const bool missing = m.status == core::MaterialStatus::Missing;
    return mstch::map{
        {"index", std::to_string(index)},
        {"id", m.id},
        {"name", clean(guide ? guide->name : m.id)},
        {"form", std::string(guide ? formText(guide->form) : "")},
        {"copies", std::to_string(guide ? guide->copies : 1)},
        {"requirement",
         std::string(guide && guide->requirement == core::MaterialRequirement::Secondary ? "容缺" : "必要")},
        {"secondary", guide && guide->requirement == core::MaterialRequirement::Secondary},
        {"status", std::string(statusText(m.status))},
        {"standard", clean(guide ? guide->standard : "")},
        {"problem", missing ? std::string("未提交") : clean(m.note)},
        {"note", clean(m.note)},
        {"licence_number", clean(m.licenceNumber)}};
}

// The application form's answers as printed: {{form.<id>}} for each, a group as a list of rows, and the key
// answers (on_notice; every answer when none is marked) as label/value rows for a generic table.
void addFormFields(mstch::map& context, const core::Case& c) {
    mstch::map form;
    std::vector<mstch::map> rows;
    std::string title;
    if (c.form && c.form->definition) {
        title = c.form->definition->title;
        const auto fields = core::displayForm(*c.form->definition, c.form->values);
        const bool anyMarked =
            std::any_of(fields.begin(), fields.end(), [](const auto& f) { return f.onNotice; });
        for (const auto& f : fields) {
            if (f.type == core::FieldType::Group) {
                std::vector<mstch::map> groupRows;
                for (std::size_t i = 0; i < f.rows.size(); ++i) {
                    mstch::map row{{"index", std::to_string(i + 1)}};
                    for (const auto& cell : f.rows[i])
                        row[cell.id] = clean(cell.text);
                    groupRows.push_back(std::move(row));
                }
                form[f.id] = listOf(std::move(groupRows));
            } else {
                form[f.id] = clean(f.text);
            }
            if (f.onNotice || !anyMarked)
                rows.push_back(mstch::map{{"label", clean(f.label)}, {"value", clean(f.text)}});
        }
    }
    context["has_form"] = !rows.empty();
    context["form_title"] = clean(title);
    context["form"] = std::move(form);
    context["form_rows"] = listOf(std::move(rows));
}

mstch::map buildContext(const DocumentInputs& in) {
    const auto& c = *in.c;
    const auto& centre = *in.centre;
    const auto* window = centre.window(c.window);

    std::vector<mstch::map> materials, gaps;
    std::size_t gapIndex = 0;
    for (std::size_t i = 0; i < c.materials.size(); ++i) {
        materials.push_back(materialRow(c, c.materials[i], i + 1));
        const auto listed = std::find(c.correctionGaps.begin(), c.correctionGaps.end(), c.materials[i].id) !=
                            c.correctionGaps.end();
        const bool isGap = c.correctionGaps.empty()
                               ? (c.materials[i].status == core::MaterialStatus::Missing ||
                                  c.materials[i].status == core::MaterialStatus::NonConforming)
                               : listed;
        if (isGap)
            gaps.push_back(materialRow(c, c.materials[i], ++gapIndex));
    }
    std::vector<mstch::map> legalBasis, conditions, fees, steps, documents;
    for (const auto& b : c.item.legalBasis)
        legalBasis.push_back(mstch::map{{"text", clean(b)}});
    for (const auto& b : c.item.conditions)
        conditions.push_back(mstch::map{{"text", clean(b)}});
    for (const auto& f : c.item.fee.items)
        fees.push_back(mstch::map{{"name", clean(f.name)},
                                  {"amount", f.amount},
                                  {"unit", clean(f.unit)},
                                  {"basis", clean(f.basis)}});
    for (const auto& s : c.item.specialSteps)
        steps.push_back(mstch::map{{"name", clean(s.name)},
                                   {"counts_in_limit", s.countsInLimit},
                                   {"max_days", s.maxDays ? std::to_string(*s.maxDays) : std::string()},
                                   {"basis", clean(s.basis)}});
    for (std::size_t i = 0; i < c.documents.size(); ++i)
        documents.push_back(mstch::map{{"index", std::to_string(i + 1)},
                                       {"title", std::string(documentTitle(c.documents[i].kind))},
                                       {"number", c.documents[i].number},
                                       {"date", chineseDate(c.documents[i].on)}});
    std::string delivery;
    if (c.item.result)
        for (auto d : c.item.result->delivery)
            delivery += (delivery.empty() ? "" : "、") + std::string(deliveryText(d));

    const bool organisation = c.applicant.kind == core::ApplicantKind::Organisation;
    const bool decided = c.status == core::CaseStatus::Approved || c.status == core::CaseStatus::Denied ||
                         c.status == core::CaseStatus::AwaitingRelease ||
                         c.status == core::CaseStatus::Released;
    const std::string progressUrl = core::progressUrlOf(centre, c.number);
    const std::string lookup = "请凭办件编号 " + c.number +
                               (progressUrl.empty() ? " 在“一网通办”" : " 扫描二维码、在“一网通办”") +
                               "或拨打 " + centre.phone + " 查询办理进度";
    mstch::map release;
    if (c.release) {
        const auto& r = *c.release;
        release = mstch::map{
            {"method", std::string(r.method == core::ReleaseMethod::Window ? "当场领取"
                                   : r.method == core::ReleaseMethod::Mail ? "邮寄送达"
                                                                           : "智能文件柜自取")},
            {"receiver", clean(r.receiverName)},
            // 8.3.2: the applicant, the agent on the case, or a proxy whose ID was checked.
            {"receiver_role", std::string(r.byProxy ? "受申请人委托的代领人"
                                          : c.agent && c.agent->name == r.receiverName ? "申请人的代理人"
                                                                                       : "申请人本人")},
            {"by_proxy", r.byProxy},
            {"by_mail", r.method == core::ReleaseMethod::Mail},
            {"in_person", r.method != core::ReleaseMethod::Mail},
            // What was delivered: the licence when approved, the decision paper when denied.
            {"content", c.decisionReason.empty()
                            ? (c.item.result ? clean(c.item.result->document) : std::string())
                            : std::string("不予行政许可决定书")},
            {"proxy_id_number", r.proxyIdNumber},
            {"tracking_number", clean(r.trackingNumber)},
            {"locker_code", clean(r.lockerCode)},
            {"staff", clean(r.staff)},
            {"date", chineseDate(r.on)}};
    }
    return mstch::map{
        {"today", chineseDate(in.today)},
        {"centre", mstch::map{{"name", clean(centre.name)},
                              {"short_name", clean(centre.shortName)},
                              {"phone", clean(centre.phone)},
                              {"address", clean(centre.address)},
                              {"window", clean(window ? window->name : c.window)},
                              {"window_id", c.window}}},
        {"document", mstch::map{{"number", in.document ? in.document->number : std::string()},
                                {"date", in.document ? chineseDate(in.document->on) : chineseDate(in.today)},
                                {"title", std::string(in.document ? documentTitle(in.document->kind) : "")}}},
        {"case",
         mstch::map{{"number", c.number},
                    {"status", std::string(caseStatusText(c.status))},
                    {"created_date", chineseDate(c.createdOn)},
                    {"received_date", dateOr(c.receivedOn)},
                    {"accepted_date", dateOr(c.acceptedOn)},
                    {"correction_deadline", dateOr(c.correctionDeadline)},
                    {"due_promised", dateOr(c.duePromised)},
                    {"due_statutory", dateOr(c.dueStatutory)},
                    // docs/intake.md, "The year boundary": a date counted on the statutory holidays only
                    {"correction_deadline_note", provisionalNote(c, "correction_deadline")},
                    {"due_promised_note", provisionalNote(c, "due_promised")},
                    {"due_statutory_note", provisionalNote(c, "due_statutory")},
                    {"supplement_by", dateOr(c.supplementBy)},
                    {"decided_date", dateOr(c.decidedOn)},
                    {"accepted_by_default", c.acceptedByDefault},
                    {"resubmission_of", c.resubmissionOf},
                    {"staff", clean(c.staff)},
                    {"lookup", lookup},
                    {"progress_url", progressUrl},
                    {"qr", progressUrl.empty() ? c.number : progressUrl}}},
        {"applicant",
         mstch::map{{"name", clean(c.applicant.name)},
                    {"is_person", !organisation},
                    {"is_organisation", organisation},
                    {"id_number", c.applicant.idNumber},
                    {"credit_code", c.applicant.creditCode},
                    {"identity_label", std::string(organisation ? "统一社会信用代码" : "身份证号码")},
                    {"identity", organisation ? c.applicant.creditCode : c.applicant.idNumber},
                    {"legal_representative", clean(c.applicant.legalRepresentative)},
                    {"phone", c.applicant.phone},
                    {"address", clean(c.applicant.address)}}},
        {"has_agent", c.agent.has_value()},
        {"agent", c.agent ? mstch::map{{"name", clean(c.agent->name)},
                                       {"id_number", c.agent->idNumber},
                                       {"phone", c.agent->phone},
                                       {"authorisation", clean(c.agent->authorisation)}}
                          : mstch::map{}},
        {"item",
         mstch::map{{"code", c.item.code},
                    {"name", clean(c.item.name)},
                    {"department", clean(c.item.department)},
                    {"type", std::string(itemTypeText(c.item.type))},
                    {"statutory_days", std::to_string(c.item.limits.statutory)},
                    {"promised_days", std::to_string(c.item.limits.promised)},
                    {"on_the_spot", c.item.onTheSpot},
                    {"visits", std::to_string(c.item.visits)},
                    {"legal_basis", listOf(legalBasis)},
                    {"conditions", listOf(conditions)},
                    {"free", c.item.fee.free},
                    {"fee_basis", clean(c.item.fee.basis)},
                    {"fees", listOf(fees)},
                    {"special_steps", listOf(steps)},
                    {"has_special_steps", std::any_of(c.item.specialSteps.begin(), c.item.specialSteps.end(),
                                                      [](const auto& s) { return !s.countsInLimit; })},
                    {"result_document", c.item.result ? clean(c.item.result->document) : std::string()},
                    {"delivery", delivery}}},
        {"has_gaps", !gaps.empty()},
        {"materials", listOf(std::move(materials))},
        {"gaps", listOf(std::move(gaps))},
        {"refusal",
         c.refusal ? mstch::map{{"kind", std::string(core::refusalRow(c.refusal->kind).text)},
                                {"legal_basis", c.refusal->basis.empty()
                                                    ? std::string(core::refusalRow(c.refusal->kind).basis)
                                                    : clean(c.refusal->basis)},
                                {"reason", clean(c.refusal->text)},
                                {"apply_to", clean(c.refusal->applyTo)},
                                {"has_apply_to", !c.refusal->applyTo.empty()},
                                {"reconsideration_days", std::string("60")},
                                {"litigation_months", std::string("6")}}
                   : mstch::map{{"reconsideration_days", std::string("60")},
                                {"litigation_months", std::string("6")}}},
        // A denial always carries its reason (the lifecycle insists), so the reason tells the two apart once
        // decided.
        {"decision", mstch::map{{"approved", decided && c.decisionReason.empty()},
                                {"denied", decided && !c.decisionReason.empty()},
                                {"on_the_spot", c.decidedOnTheSpot},
                                {"after_review", !c.decidedOnTheSpot},
                                {"reason", clean(c.decisionReason)}}},
        {"release", release},
        {"documents", listOf(std::move(documents))},
    };
}

// Every text of a document is rendered in one mstch call: mstch copies the whole context (every list of the
// case) into each render, which cost more than all the rest of filling when each label and cell was its own
// call. The document is built twice over the same code: the first pass records each text to fill, the second
// takes the filled texts in the same order.
class Texts {
public:
    /// First pass: records `text`, gives back nothing. Second pass: the filled text, in recording order.
    std::string operator()(const std::string& text) {
        if (!m_filled) {
            m_pieces.push_back(text);
            return {};
        }
        return m_next < m_filled->size() ? (*m_filled)[m_next++] : std::string();
    }
    /// Whether `field` is set (a flag that is true, a text or list that is not empty).
    bool isTrue(const std::string& field) {
        return !field.empty() && !(*this)("{{#" + field + "}}1{{/" + field + "}}").empty();
    }
    /// Every cell of a column at once: the list section repeats the cell template, rows split by a separator.
    std::vector<std::string> columnCells(const std::string& list, const std::string& cell) {
        const auto joined =
            (*this)("{{#" + list + "}}" + cell + std::string(1, kRowSeparator) + "{{/" + list + "}}");
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (auto at = joined.find(kRowSeparator); at != std::string::npos;
             at = joined.find(kRowSeparator, start)) {
            cells.push_back(joined.substr(start, at - start));
            start = at + 1;
        }
        return cells;
    }
    /// Renders every recorded text against `context` and switches to the second pass.
    void fillAll(const mstch::map& context) {
        std::string joined;
        for (const auto& piece : m_pieces)
            joined += piece + kPieceSeparator;
        const auto rendered = mstch::render(joined, context);
        std::vector<std::string> filled;
        std::size_t start = 0;
        for (auto at = rendered.find(kPieceSeparator); at != std::string::npos;
             at = rendered.find(kPieceSeparator, start)) {
            filled.push_back(rendered.substr(start, at - start));
            start = at + 1;
        }
        m_filled = std::move(filled);
    }

private:
    std::vector<std::string> m_pieces;
    std::optional<std::vector<std::string>> m_filled;
    std::size_t m_next = 0;
};

Document buildDocument(const DocumentTemplate& t, const DocumentInputs& in, Texts& fill) {
    Document doc;
    doc.title = fill(t.title);
    doc.number = in.document ? in.document->number : std::string();
    doc.copyLabels = t.copies;
    for (const auto& b : t.blocks) {
        // Both passes visit every block, so that the texts line up; a block whose condition fails is dropped
        // after.
        const bool shown = b.when.empty() || fill.isTrue(b.when);
        Block out;
        switch (b.type) {
        case TemplateBlockType::Heading:
        case TemplateBlockType::Paragraph:
            out.kind = b.type == TemplateBlockType::Heading ? BlockKind::Heading : BlockKind::Paragraph;
            out.text = fill(b.text);
            break;
        case TemplateBlockType::Fields:
            out.kind = BlockKind::Fields;
            for (const auto& [label, value] : b.fields) {
                auto filledLabel = fill(label);
                out.fields.push_back({std::move(filledLabel), fill(value)});
            }
            break;
        case TemplateBlockType::Table: {
            out.kind = BlockKind::Table;
            std::vector<std::vector<std::string>> columns;
            for (const auto& column : b.columns) {
                out.table.headers.push_back(fill(column.header));
                out.table.widths.push_back(column.width);
                columns.push_back(fill.columnCells(b.rows, column.cell));
            }
            const auto rowCount = columns.empty() ? 0 : columns.front().size();
            for (std::size_t r = 0; r < rowCount; ++r) {
                std::vector<std::string> row;
                for (const auto& column : columns)
                    row.push_back(r < column.size() ? column[r] : std::string());
                out.table.rows.push_back(std::move(row));
            }
            break;
        }
        case TemplateBlockType::Signatures:
            out.kind = BlockKind::Signatures;
            for (const auto& s : b.signatures) {
                auto label = fill(s.label);
                out.signatures.push_back({std::move(label),
                                          s.image == "applicant_signature"  ? in.applicantSignaturePng
                                          : s.image == "receiver_signature" ? in.receiverSignaturePng
                                                                            : std::string(),
                                          fill(s.date)});
            }
            break;
        case TemplateBlockType::Seal: {
            out.kind = BlockKind::Seal;
            auto issuer = fill(b.issuer);
            out.seal = {std::move(issuer), in.sealPng, fill(b.date)};
            break;
        }
        case TemplateBlockType::Qr:
            out.kind = BlockKind::QrCode;
            out.qrPayload = fill(b.payload);
            out.text = fill(b.text);
            break;
        case TemplateBlockType::Space:
            out.kind = BlockKind::Spacer;
            out.spaceMm = b.mm;
            break;
        }
        if (shown)
            doc.blocks.push_back(std::move(out));
    }
    return doc;
}

} // namespace

std::string chineseDate(core::CivilDate date) {
    return std::to_string(date.year()) + "年" + std::to_string(date.month()) + "月" +
           std::to_string(date.day()) + "日";
}

core::Expected<Document> fillTemplate(const DocumentTemplate& t, const DocumentInputs& in) {
    // Notices are text, not HTML: print "&" as "&".
    mstch::config::escape = [](const std::string& text) { return text; };
    auto context = buildContext(in);
    addFormFields(context, *in.c);
    Texts texts;
    buildDocument(t, in, texts);
    texts.fillAll(context);
    return buildDocument(t, in, texts);
}

} // namespace ywtb::render
