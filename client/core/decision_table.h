#pragma once
// The one table of a counter's decisions (DESIGN.md, the table of outcomes; DB31/T 862 8.1–8.2): for each
// kind of decision its word (the CLI's and the wire's), its audit action, the papers it issues with the
// number series of each, the paper the applicant signs before it, and the 好差评 step it completes. Every
// front end, the services and the server read it; adding a kind of decision is one row here. The refusal
// kinds (8.1.5) are a table too.

#include "core/case.h"
#include "core/rating.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// The papers the counter prints, by the name the CLI and the templates use.
enum class DocumentKind {
    Acceptance,
    Receipt,
    Correction,
    Pledge,
    Supplement,
    Refusal,
    Decision,
    DeliveryReceipt
};

const std::vector<DocumentKind>& allDocumentKinds();
/// "acceptance", "receipt", "correction", "pledge", "supplement", "refusal", "decision", "delivery-receipt".
const char* toString(DocumentKind kind);
std::optional<DocumentKind> documentKindFromString(std::string_view text);

enum class DecisionKind { Accept, Receive, Correction, Conditional, Refuse, Approve, Deny };

/// One paper of a decision: what it is and the numbered series its number is drawn from ("" for none: the
/// pledge is the applicant's own paper and carries no number of the centre's).
struct DecisionPaper {
    DocumentKind kind;
    const char* series;
};

struct DecisionRow {
    DecisionKind kind;
    const char* word;                         ///< "accept": the CLI's word, the GUI's test names, the wire's
    const char* auditAction;                  ///< "case.accept"
    std::vector<DecisionPaper> papers;        ///< in the order they are handed to the applicant
    std::optional<DocumentKind> signedBefore; ///< the paper the applicant signs before the decision is taken
    RatingStage rated;                        ///< the 好差评 step the decision completes
    bool onTheSpot;                           ///< 即办 (8.2.1): only for items decided at the counter
};

/// Every kind of decision, in the order of DecisionKind.
const std::vector<DecisionRow>& decisionTable();
const DecisionRow& decisionRow(DecisionKind kind);
/// The row whose word is `word`, or none.
const DecisionRow* decisionByWord(std::string_view word);
/// "accept, receive, correction, conditional, refuse, approve, deny": the words, for a usage text.
std::string decisionWords();

/// The numbered series a decision draws from, in paper order (e.g. {"acceptance_notice"}).
std::vector<std::string> documentsFor(DecisionKind kind);
/// The papers a release issues (App. G): the delivery receipt.
const std::vector<DecisionPaper>& releasePapers();
/// The numbered series a paper of `kind` can carry, from every decision and the release that issue it (the
/// decision paper: approval or denial); empty for the pledge.
std::vector<std::string> numberSeriesOf(DocumentKind kind);

/// A kind of refusal (不予受理, 8.1.5, 行政许可法 art. 32(1)).
struct RefusalRow {
    RefusalKind kind;
    const char* word;  ///< "not_our_power": the CLI's --reason-kind, the case file's
    const char* label; ///< msgid for the screen
    const char* text;  ///< as printed on the refusal notice
    const char* basis; ///< the provision the refusal rests on, printed on the notice
};

/// Every kind of refusal, in the order a clerk is offered them.
const std::vector<RefusalRow>& refusalTable();
const RefusalRow& refusalRow(RefusalKind kind);
const RefusalRow* refusalByWord(std::string_view word);
/// "not_our_power, no_approval_needed, suspended, other", for a usage text.
std::string refusalWords();

} // namespace ywtb::core
