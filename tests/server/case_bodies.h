#pragma once
// Case bodies as a counter pushes them (core::caseToJson of a case the lifecycle made), for tests of the
// server, which checks every case change against its copy with the same lifecycle rules
// (core/case_transition.h).

#include "core/case.h"

#include <string>

namespace ywtb::testing {

/// Case `number` for a food licence (SCJG-XK-001), opened with core::openCase on 2026-09-28, its materials
/// recorded and taken to `status` by the lifecycle's own steps: draft (just opened, materials unchecked),
/// received, accepted, under_review, approved, denied (accepted → under review → decided), awaiting_release
/// (approved → ready), released. Every other status is not made here.
core::Case caseAt(const std::string& number, core::CaseStatus status);

/// The case as a change's body: caseToJson, condensed.
std::string caseBody(const core::Case& c);
/// caseBody(caseAt(number, status)).
std::string caseBody(const std::string& number, core::CaseStatus status);

} // namespace ywtb::testing
