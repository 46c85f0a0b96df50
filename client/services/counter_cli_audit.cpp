// Counter: the audit trail and the local credit list (the CLI's `audit verify|recent` and `credit flag`).

#include "core/masking.h"
#include "services/counter.h"
#include "services/counter_cli.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"

namespace ywtb::services {

core::Expected<store::LocalStore*> storeOf(Counter& counter) {
    std::vector<core::Error> errors;
    if (auto* opened = counter.needStore(errors))
        return opened;
    if (!errors.empty())
        return errors.front();
    return core::Error{"store.unavailable", core::Message(N_("the local store could not be opened")),
                       counter.dataDir().string(),
                       core::Message(N_("see the error shown when it was first opened"))};
}

core::Expected<AuditVerification> Counter::verifyAudit() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return store::verifyAudit((*opened)->db());
}

core::Expected<std::vector<AuditEntry>> Counter::recentAudit(int count) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return store::recentAudit((*opened)->db(), count);
}

core::Expected<core::Done> Counter::flagCredit(const std::string& applicantKey, const std::string& reason) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    store::Transaction tx((*opened)->db());
    const auto now = m_clock->nowUtc();
    store::flagCredit(tx, applicantKey, reason, now);
    // The audit trail names the applicant only masked.
    store::appendAudit(tx, {.at = now,
                            .staff = m_actor.staff,
                            .window = m_actor.window,
                            .action = "credit.flag",
                            .subject = core::maskIdNumber(applicantKey),
                            .detail = reason});
    tx.commit();
    return core::Done{};
}

} // namespace ywtb::services
