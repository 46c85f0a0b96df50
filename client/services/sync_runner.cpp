#include "services/sync_runner.h"

#include "services/intake_service.h"
#include "services/reference_data.h"
#include "store/local_store.h"

namespace ywtb::services {

SyncRunner::SyncRunner(SyncSetup setup) : m_setup(std::move(setup)) {
    m_thread = std::jthread([this](std::stop_token stop) { work(stop); });
}

SyncRunner::~SyncRunner() {
    m_thread.request_stop();
    if (m_thread.joinable())
        m_thread.join();
}

sync::SyncStatus SyncRunner::status() const {
    std::lock_guard lock(m_mutex);
    return m_engine ? m_engine->status() : m_lastStatus;
}

void SyncRunner::work(std::stop_token stop) {
    auto opened = store::LocalStore::open(m_setup.dataDir);
    if (!opened) {
        std::lock_guard lock(m_mutex);
        m_lastStatus.state = sync::Reachability::Offline;
        m_lastStatus.lastError = opened.error().str();
        m_lastStatus.lastErrorCode = opened.error().code;
        return;
    }
    auto& store = *opened.value();
    IntakeService intake(store, *m_setup.centre, *m_setup.calendar, *m_setup.clock, m_setup.actor);
    sync::SyncEngine engine(store.db(), m_setup.options);
    engine.setBlobStore(&store.blobs());
    engine.setStatusSink([&](const sync::StatusChange& change) -> core::Expected<core::Done> {
        auto outcome = intake.applyServerStatus(change.caseNumber, change.status, change.note);
        if (!outcome)
            return outcome.error();
        if (*outcome == ServerStatusOutcome::Applied)
            ++m_applied;
        return core::Done{};
    });
    // The centre's published reference data, taken in the background; the counter uses it from its next start.
    engine.setReferenceSink(
        [&](const sync::ReferenceDocument& document) {
            return installReference(store, document.name, document.body, m_setup.actor, *m_setup.clock);
        },
        referenceNames());
    {
        std::lock_guard lock(m_mutex);
        m_engine = &engine;
    }
    engine.run(stop, m_setup.idlePoll);
    std::lock_guard lock(m_mutex);
    m_lastStatus = engine.status();
    m_engine = nullptr;
}

} // namespace ywtb::services
