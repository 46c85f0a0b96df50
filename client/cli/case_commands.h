#pragma once
// The subcommands of "case", split by the counter they serve: intake (cmd_case.cpp), review and pickup
// (cmd_case_pickup.cpp), and looking cases up (cmd_case_query.cpp).

#include "devices/idcard/id_card.h"
#include "render/document_template.h"
#include "services/application_forms.h"
#include "services/counter.h"
#include "services/intake_service.h"

#include <optional>

namespace ywtb::cli {

class Arguments;
class Context;

/// The context's counter with its store, centre and calendar loaded; null after printing why not.
services::Counter* intakeCounter(Context& context);
/// The intake service for the context's store, centre, calendar, clock and actor; null after printing why
/// not.
std::optional<services::IntakeService> makeIntake(Context& context);
/// Keeps the signature image of `file` (a PNG from a pad of another program) for the case's document of
/// `kind` and gives its SHA-256; empty `file`: gives an empty name (a signature captured with `sign`, or
/// paper). Null after printing why the image cannot be used.
std::optional<std::string> keepSignature(Context& context, const std::string& number,
                                         render::DocumentKind kind, const std::string& file);
/// Reads the card on the ID-card reader at `port` (empty: the one of forms/devices.json); null after printing
/// why not.
std::optional<devices::IdCard> readIdCard(Context& context, const std::string& port);
/// Prints the case, or the error, and returns the exit code.
int report(Context& context, const core::Expected<core::Case>& result);
/// Prints the case and the papers its decision or release issued, or the error, and returns the exit code.
int reportOutcome(Context& context, const core::Expected<services::CaseOutcome>& result);

int caseNew(Context& context, Arguments& args);
int caseMaterial(Context& context, Arguments& args);
int caseDecide(Context& context, Arguments& args);
int caseResubmit(Context& context, Arguments& args);
int caseReview(Context& context, Arguments& args);
int caseRelease(Context& context, Arguments& args);
int caseFetch(Context& context, Arguments& args);
int caseShow(Context& context, Arguments& args);
int caseList(Context& context, Arguments& args);
int caseSweep(Context& context, Arguments& args);
/// case form: fill and check the case's application form (cmd_form.cpp).
int caseForm(Context& context, Arguments& args);
/// The application forms of forms/application, read once per run.
const services::ApplicationFormLibrary* applicationForms(Context& context);
/// case pdf: the scanned pages as PDF (cmd_scan_pdf.cpp).
int casePdf(Context& context, Arguments& args);

} // namespace ywtb::cli
