#pragma once
// A supervisor's decision on outbox entries the server refused for good (docs/sync.md, "poisoned entries"):
// put one back in the queue (the server's data was fixed) or give up on it (it will never be sent; the rest
// of its case goes on). Both are written to the audit log with who decided. The CLI (sync poisoned | retry |
// discard) and the GUI's set-aside list share this.

#include "core/error.h"
#include "services/actor.h"
#include "store/sync_state.h"

#include <string>
#include <vector>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

/// The entries set aside, oldest first.
core::Expected<std::vector<store::PoisonedEntry>> setAsideEntries(store::LocalStore& store);
/// Puts the set-aside entry `seqOrUuid` back in the queue; it goes out with the next sync.
core::Expected<store::OutboxEntry> retrySetAside(store::LocalStore& store, const std::string& seqOrUuid,
                                                 const Actor& actor, const core::Clock& clock);
/// Gives up on the set-aside entry `seqOrUuid`: never sent; the later entries of its case may go.
core::Expected<store::OutboxEntry> discardSetAside(store::LocalStore& store, const std::string& seqOrUuid,
                                                   const Actor& actor, const core::Clock& clock);

} // namespace ywtb::services
