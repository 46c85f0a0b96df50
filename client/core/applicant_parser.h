#pragma once
// Reads an applicant or an agent from JSON (a file at the CLI, the ID-card reader's fields later),
// checking ID numbers, credit codes and phones with the Foundation's validators.

#include "core/case.h"
#include "core/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// {"name", "id_number" | "credit_code", "phone", "address"?, "legal_representative"?}. A person has an
/// id_number, an organisation a credit_code, never both. Every problem is returned, each with its JSON path.
Expected<Applicant> parseApplicant(std::string_view json, const std::string& where, CivilDate today,
                                   std::vector<Error>* allProblems = nullptr);

/// {"name", "id_number", "phone", "authorisation"}: the authorisation the agent showed, e.g. "授权委托书".
Expected<Agent> parseAgent(std::string_view json, const std::string& where, CivilDate today,
                           std::vector<Error>* allProblems = nullptr);

} // namespace ywtb::core
