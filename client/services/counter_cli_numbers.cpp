// Counter: document-number blocks (the CLI's `numbers reserve|pull|list`): reserved here, or reserved by the
// central server for this window (docs/api.md section 8) and recorded as a reserved one is.

#include "services/counter.h"
#include "services/counter_cli.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/sync_state.h"
#include "sync/sync_engine.h"

#include <algorithm>

namespace ywtb::services {

core::Expected<core::Done> recordNumberBlock(store::Transaction& tx, const store::DocumentBlock& block,
                                             const store::AuditRecord& audit) {
    auto reserved = store::reserveDocumentBlock(tx, block);
    if (!reserved)
        return reserved.error();
    store::appendAudit(tx, audit);
    return core::Done{};
}

core::Expected<DocumentBlock> Counter::reserveNumberBlock(const std::string& kind, int year,
                                                          std::int64_t first, std::int64_t last) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    const DocumentBlock block{kind, year, m_actor.window, first, last, first};
    store::Transaction tx((*opened)->db());
    auto recorded = recordNumberBlock(tx, block,
                                      {.at = m_clock->nowUtc(),
                                       .staff = m_actor.staff,
                                       .window = m_actor.window,
                                       .action = "numbers.reserve",
                                       .subject = kind + " " + std::to_string(year),
                                       .detail = std::to_string(first) + "-" + std::to_string(last)});
    if (!recorded)
        return recorded.error();
    tx.commit();
    return block;
}

core::Expected<DocumentBlock> Counter::pullNumberBlock(const SyncOptions& server, const std::string& kind,
                                                       int year, std::int64_t count) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    auto& db = (*opened)->db();
    const auto window = m_actor.window;
    std::string requestId;
    {
        store::Transaction tx(db);
        requestId = store::numberBlockRequestId(tx, window, kind, year, count);
        tx.commit();
    }
    sync::SyncEngine engine(db, server);
    auto pulled = engine.reserveNumberBlock({requestId, kind, year, count});
    if (!pulled) {
        forgetRefusedSession(server, pulled.error().code);
        return pulled.error();
    }
    const DocumentBlock block{kind, year, window, pulled->first, pulled->last, pulled->first};
    store::Transaction tx(db);
    // A retry after a lost answer gets the same block: it is recorded (and audited) once.
    const auto held = store::documentBlocks(db, window);
    const bool recorded = std::any_of(held.begin(), held.end(), [&](const store::DocumentBlock& b) {
        return b.kind == kind && b.year == year && b.first == block.first && b.last == block.last;
    });
    if (!recorded) {
        auto kept =
            recordNumberBlock(tx, block,
                              {.at = m_clock->nowUtc(),
                               .staff = server.staff,
                               .window = window,
                               .action = "numbers.pull",
                               .subject = kind + " " + std::to_string(year),
                               .detail = std::to_string(block.first) + "-" + std::to_string(block.last)});
        if (!kept)
            return kept.error();
    }
    store::clearNumberBlockRequest(tx, window, kind, year, count);
    tx.commit();
    return block;
}

core::Expected<std::vector<DocumentBlock>> Counter::numberBlocks() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return store::documentBlocks((*opened)->db(), m_actor.window);
}

} // namespace ywtb::services
