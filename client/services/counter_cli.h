#pragma once
// What the Counter's files share inside client/services (not for the front ends): the store a CLI workflow
// needs, and recording a document-number block with its audit entry (reserved here, pulled from the server,
// or the demo's).

#include "core/error.h"
#include "store/audit_log.h"
#include "store/case_repository.h"

namespace ywtb::store {
class LocalStore;
class Transaction;
} // namespace ywtb::store

namespace ywtb::services {

class Counter;

/// The counter's store, loaded when it is not yet; the error when it cannot be.
core::Expected<store::LocalStore*> storeOf(Counter& counter);
/// Records `block` for its window and `audit` with it, inside `tx`; an overlap with another block is refused.
core::Expected<core::Done> recordNumberBlock(store::Transaction& tx, const store::DocumentBlock& block,
                                             const store::AuditRecord& audit);

} // namespace ywtb::services
