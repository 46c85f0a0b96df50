#include "core/decision_table.h"

#include "core/message.h"

#include <algorithm>
#include <cstdlib>

namespace ywtb::core {

namespace {

constexpr std::pair<DocumentKind, const char*> kDocumentKinds[] = {
    {DocumentKind::Acceptance, "acceptance"}, {DocumentKind::Receipt, "receipt"},
    {DocumentKind::Correction, "correction"}, {DocumentKind::Pledge, "pledge"},
    {DocumentKind::Supplement, "supplement"}, {DocumentKind::Refusal, "refusal"},
    {DocumentKind::Decision, "decision"},     {DocumentKind::DeliveryReceipt, "delivery-receipt"}};

using K = DocumentKind;

// The table of outcomes. The conditional acceptance hands over the supplement notice (App. F) and the pledge
// the applicant signed before it (App. E); a decision on the spot gives the approval or denial decision
// (8.2.1). Function-local tables: other translation units read them while they initialise their own statics.
const std::vector<DecisionRow>& decisions() {
    static const std::vector<DecisionRow> rows{
        {DecisionKind::Accept,
         "accept",
         "case.accept",
         {{K::Acceptance, "acceptance_notice"}},
         {},
         RatingStage::Accept,
         false},
        {DecisionKind::Receive,
         "receive",
         "case.receive",
         {{K::Receipt, "receipt"}},
         {},
         RatingStage::Receive,
         false},
        {DecisionKind::Correction,
         "correction",
         "case.correction",
         {{K::Correction, "correction_notice"}},
         {},
         RatingStage::Accept,
         false},
        {DecisionKind::Conditional,
         "conditional",
         "case.conditional",
         {{K::Supplement, "supplement_notice"}, {K::Pledge, ""}},
         K::Pledge,
         RatingStage::Accept,
         false},
        {DecisionKind::Refuse,
         "refuse",
         "case.refuse",
         {{K::Refusal, "refusal_notice"}},
         {},
         RatingStage::Accept,
         false},
        {DecisionKind::Approve,
         "approve",
         "case.approve",
         {{K::Decision, "approval_decision"}},
         {},
         RatingStage::Accept,
         true},
        {DecisionKind::Deny,
         "deny",
         "case.deny",
         {{K::Decision, "denial_decision"}},
         {},
         RatingStage::Accept,
         true},
    };
    return rows;
}

const std::vector<DecisionPaper>& deliveryPapers() {
    static const std::vector<DecisionPaper> papers{{K::DeliveryReceipt, "delivery_receipt"}};
    return papers;
}

// 行政许可法 art. 32(1): item (1) for an item that needs no licence, item (2) for one outside the body's
// power; the paragraph as a whole otherwise.
const std::vector<RefusalRow>& refusals() {
    static const std::vector<RefusalRow> rows{
        {RefusalKind::NotOurPower, "not_our_power", N_("not within our power"),
         "申请事项不属于本机关职权范围", "《中华人民共和国行政许可法》第三十二条第一款第（二）项"},
        {RefusalKind::NoApprovalNeeded, "no_approval_needed", N_("no approval needed"),
         "申请事项依法不需要取得行政许可", "《中华人民共和国行政许可法》第三十二条第一款第（一）项"},
        {RefusalKind::Suspended, "suspended", N_("suspended"), "因数量限制、政策变动等原因停止受理",
         "《中华人民共和国行政许可法》第三十二条第一款"},
        {RefusalKind::Other, "other", N_("other reason"), "其他",
         "《中华人民共和国行政许可法》第三十二条第一款"},
    };
    return rows;
}

template <typename Row> std::string wordList(const std::vector<Row>& rows) {
    std::string out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += rows[i].word;
    }
    return out;
}

} // namespace

const std::vector<DocumentKind>& allDocumentKinds() {
    static const std::vector<DocumentKind> kinds = [] {
        std::vector<DocumentKind> out;
        for (const auto& [kind, name] : kDocumentKinds)
            out.push_back(kind);
        return out;
    }();
    return kinds;
}

const char* toString(DocumentKind kind) {
    for (const auto& [k, name] : kDocumentKinds)
        if (k == kind)
            return name;
    return "";
}

std::optional<DocumentKind> documentKindFromString(std::string_view text) {
    for (const auto& [kind, name] : kDocumentKinds)
        if (text == name)
            return kind;
    return std::nullopt;
}

const std::vector<DecisionRow>& decisionTable() {
    return decisions();
}

const DecisionRow& decisionRow(DecisionKind kind) {
    for (const auto& row : decisions())
        if (row.kind == kind)
            return row;
    std::abort(); // every DecisionKind has its row (tests/core/decision_table_test.cpp)
}

const DecisionRow* decisionByWord(std::string_view word) {
    for (const auto& row : decisions())
        if (word == row.word)
            return &row;
    return nullptr;
}

std::string decisionWords() {
    return wordList(decisions());
}

std::vector<std::string> documentsFor(DecisionKind kind) {
    std::vector<std::string> out;
    for (const auto& paper : decisionRow(kind).papers)
        if (*paper.series)
            out.emplace_back(paper.series);
    return out;
}

const std::vector<DecisionPaper>& releasePapers() {
    return deliveryPapers();
}

std::vector<std::string> numberSeriesOf(DocumentKind kind) {
    std::vector<std::string> out;
    auto take = [&](const std::vector<DecisionPaper>& papers) {
        for (const auto& paper : papers)
            if (paper.kind == kind && *paper.series &&
                std::find(out.begin(), out.end(), paper.series) == out.end())
                out.emplace_back(paper.series);
    };
    for (const auto& row : decisions())
        take(row.papers);
    take(deliveryPapers());
    return out;
}

const std::vector<RefusalRow>& refusalTable() {
    return refusals();
}

const RefusalRow& refusalRow(RefusalKind kind) {
    for (const auto& row : refusals())
        if (row.kind == kind)
            return row;
    std::abort(); // every RefusalKind has its row (tests/core/decision_table_test.cpp)
}

const RefusalRow* refusalByWord(std::string_view word) {
    for (const auto& row : refusals())
        if (word == row.word)
            return &row;
    return nullptr;
}

std::string refusalWords() {
    return wordList(refusals());
}

} // namespace ywtb::core
