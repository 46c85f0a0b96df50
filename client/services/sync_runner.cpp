#include "services/sync_runner.h"

#include "services/intake_service.h"
#include "services/reference_data.h"
#include "store/local_store.h"

namespace ywtb::services {

SyncSession::SyncSession(store::LocalStore& store, IntakeService intake, const core::Clock& clock,
                         const Actor& actor, sync::SyncOptions options)
    : m_intake(std::move(intake)), m_actor(actor), m_engine(store.db(), std::move(options)) {
    m_engine.setBlobStore(&store.blobs());
    m_engine.setStatusSink([this](const sync::StatusChange& change) -> core::Expected<core::Done> {
        auto outcome = m_intake.applyServerStatus(change.caseNumber, change.status, change.note);
        if (!outcome)
            return outcome.error();
        ++m_outcomes[static_cast<std::size_t>(*outcome)];
        return core::Done{};
    });
    // The centre's published catalogue, calendars, templates and indicator set replace the shipped ones; the
    // counter uses them from its next start.
    m_engine.setReferenceSink(
        [&store, &clock, this](const sync::ReferenceDocument& document) {
            return installReference(store, document.name, document.body, m_actor, clock);
        },
        referenceNames());
}

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
    return m_session ? m_session->engine().status() : m_lastStatus;
}

std::int64_t SyncRunner::decisionsApplied() const {
    std::lock_guard lock(m_mutex);
    return m_session ? m_session->decisions(ServerStatusOutcome::Applied) : m_applied;
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
    SyncSession session(
        store, IntakeService(store, *m_setup.centre, *m_setup.calendar, *m_setup.clock, m_setup.actor),
        *m_setup.clock, m_setup.actor, m_setup.options);
    {
        std::lock_guard lock(m_mutex);
        m_session = &session;
    }
    session.engine().run(stop, m_setup.idlePoll);
    std::lock_guard lock(m_mutex);
    m_lastStatus = session.engine().status();
    m_applied = session.decisions(ServerStatusOutcome::Applied);
    m_session = nullptr;
}

} // namespace ywtb::services
