#pragma once
// The check a central server makes of every case change a counter pushes (docs/api.md section 5): is the case
// the change carries a legal step of the lifecycle (case_lifecycle.h) from the server's copy of the case? The
// counter made the step with the lifecycle's own functions; the server, which cannot replay them (it has
// neither the decision's details nor the counter's "today"), checks where the step left from and where it
// arrived. Pure: no I/O.

#include "core/case.h"
#include "core/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// The case a pushed change carries: its body read as a case (caseFromJson), which must be case `number`, the
/// case the change names. A body that is not a case is refused with caseFromJson's error.
Expected<Case> pushedCase(const std::string& number, const std::string& action, std::string_view body);

/// Whether `after`, sent with `action` (the outbox kind the counter wrote: "case.open", "case.material", a
/// decision's audit action from decisionTable(), "case.review" …), is a legal step from `before`, the
/// server's copy of the case (none when the server does not hold it yet). The steps:
///   case.open                  none → draft (a case the server holds is not opened again)
///   case.material              draft | received | conditional (the supplement), the status unchanged
///   case.form                  draft | received, the status unchanged
///   case.accept                draft | received | conditional → accepted; accepted → accepted for a case
///                              accepted by operation of law (8.1.3), whose notice is issued afterwards
///   case.receive               draft → received
///   case.correction            draft | received → correction
///   case.conditional           draft → conditional
///   case.refuse                draft | received → refused
///   case.approve, case.deny    accepted | under review → approved | denied (the department's decision, which
///   the
///                              counter applies from accepted in one step); from draft only for an item
///                              decided on the spot (8.2.1), as the server's copy gives the item
///   case.review                accepted → under review
///   case.ready                 approved | denied → awaiting release
///   case.release               awaiting release → released
///   case.resubmitted           correction → correction, once: the correction answered by a new intake
///   case.accepted_by_default   received → accepted (8.1.3)
///   case.withdrawn             conditional → withdrawn (8.2.4)
/// A change never moves a case to another number or another item. Any other action is refused. The error
/// names the case, the states before and after, and the action.
Expected<Done> checkTransition(const std::string& action, const std::optional<Case>& before,
                               const Case& after);

/// Every action checkTransition knows, in the order above.
std::vector<std::string> caseActions();

} // namespace ywtb::core
