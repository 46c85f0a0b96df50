#pragma once
// How the CLI shows a case: a clerk's summary in text, the whole case in JSON.

#include "core/case.h"

#include <optional>

namespace ywtb::cli {

class Context;

/// The case as --json prints it, or the summary a clerk reads.
void printCase(Context& context, const core::Case& c);
/// One line per case, or a JSON list.
void printCaseList(Context& context, const std::vector<core::Case>& cases);

/// Parses a status word of the CLI (provided, copy, exempt, missing, nonconforming, not_applicable).
std::optional<core::MaterialStatus> materialStatusFromWord(const std::string& word);
std::optional<core::CaseStatus> caseStatusFromWord(const std::string& word);

} // namespace ywtb::cli
