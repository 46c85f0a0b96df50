#pragma once
// An item as JSON in the catalogue format of forms/README.md (for --json output, the store and sync).

#include "core/item.h"

#include <Poco/JSON/Object.h>

namespace ywtb::core {

/// The item in catalogue format; parseItemJson() reads it back to an equal item.
Poco::JSON::Object::Ptr itemToJson(const Item& item);

} // namespace ywtb::core
