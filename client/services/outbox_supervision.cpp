#include "services/outbox_supervision.h"

#include "store/audit_log.h"
#include "store/database.h"
#include "store/local_store.h"

namespace ywtb::services {

namespace {

core::Expected<store::OutboxEntry> decide(store::LocalStore& store, const std::string& seqOrUuid, bool retry,
                                          const Actor& actor, const core::Clock& clock) {
    try {
        const auto entry = store::findOutboxEntry(store.db(), seqOrUuid);
        store::Transaction tx(store.db());
        const auto now = clock.nowUtc();
        const bool done = entry && (retry ? store::retryPoisoned(tx, entry->seq)
                                          : store::discardPoisoned(tx, entry->seq, now));
        if (!done)
            return core::Error{"sync.not_poisoned",
                               core::Message(N_("no set-aside outbox entry has this id")), seqOrUuid,
                               core::Message(N_("list them with: ywtb-counter-cli sync poisoned"))};
        store::appendAudit(tx, {.at = now,
                                .staff = actor.staff,
                                .window = actor.window,
                                .action = retry ? "outbox.retry" : "outbox.discard",
                                .subject = entry->caseNumber,
                                .detail = entry->uuid + " " + entry->kind});
        tx.commit();
        return *entry;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

} // namespace

core::Expected<std::vector<store::PoisonedEntry>> setAsideEntries(store::LocalStore& store) {
    try {
        return store::poisonedOutbox(store.db());
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<store::OutboxEntry> retrySetAside(store::LocalStore& store, const std::string& seqOrUuid,
                                                 const Actor& actor, const core::Clock& clock) {
    return decide(store, seqOrUuid, true, actor, clock);
}

core::Expected<store::OutboxEntry> discardSetAside(store::LocalStore& store, const std::string& seqOrUuid,
                                                   const Actor& actor, const core::Clock& clock) {
    return decide(store, seqOrUuid, false, actor, clock);
}

} // namespace ywtb::services
