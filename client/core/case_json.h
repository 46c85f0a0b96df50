#pragma once
// A case as JSON with snake_case keys: what the store keeps, the outbox sends and --json prints.

#include "core/case.h"
#include "core/error.h"

#include <Poco/JSON/Object.h>
#include <string>
#include <string_view>

namespace ywtb::core {

/// The case as JSON (snake_case keys), for the store, the outbox and --json output.
/// Empty strings and unset optional values are left out; `item` is itemToJson()'s object.
Poco::JSON::Object::Ptr caseToJson(const Case& c);

/// Reads caseToJson's output back; an error names `where` and the JSON path.
/// Unknown keys, unknown enum names, malformed dates and an invalid item are refused.
Expected<Case> caseFromJson(std::string_view json, const std::string& where);

} // namespace ywtb::core
