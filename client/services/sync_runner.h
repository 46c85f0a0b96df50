#pragma once
// The sync engine on its own thread for as long as the counter runs (the GUI): it drains the outbox, pulls
// the departments' decisions into the cases (IntakeService::applyServerStatus), and backs off while the
// server is away — never giving up, never blocking the window. It opens its own connection to the store: a
// SQLite connection belongs to one thread.

#include "core/centre_config.h"
#include "core/working_calendar.h"
#include "services/actor.h"
#include "services/intake_service.h"
#include "sync/sync_engine.h"

#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace ywtb::services {

/// A sync engine on `store`'s connection, wired to the services: the store's blobs, the departments'
/// decisions on the server applied to the cases held here (IntakeService::applyServerStatus, counted by
/// outcome), the centre's published reference data installed (installReference). The one session both the
/// GUI's SyncRunner and the CLI's `sync once` / `sync run` use; it lives on the thread that owns `store`'s
/// connection.
class SyncSession {
public:
    SyncSession(store::LocalStore& store, IntakeService intake, const core::Clock& clock, const Actor& actor,
                sync::SyncOptions options);
    SyncSession(const SyncSession&) = delete;
    SyncSession& operator=(const SyncSession&) = delete;

    sync::SyncEngine& engine() { return m_engine; }
    const sync::SyncEngine& engine() const { return m_engine; }
    /// Server decisions handed to the cases since the start, by outcome: safe to call from any thread.
    std::int64_t decisions(ServerStatusOutcome outcome) const {
        return m_outcomes[static_cast<std::size_t>(outcome)].load();
    }

private:
    IntakeService m_intake;
    Actor m_actor;
    sync::SyncEngine m_engine;
    std::array<std::atomic<std::int64_t>, 4> m_outcomes{};
};

struct SyncSetup {
    std::filesystem::path dataDir;
    const core::CentreConfig* centre = nullptr; ///< these three outlive the runner
    const core::WorkingCalendar* calendar = nullptr;
    const core::Clock* clock = nullptr;
    Actor actor; ///< whose name the server's decisions are applied in
    sync::SyncOptions options;
    std::chrono::milliseconds idlePoll{2000}; ///< how often an idle engine looks for work and decisions
};

class SyncRunner {
public:
    /// Starts the thread; problems (the store, the server) show in status(), never as an exception.
    explicit SyncRunner(SyncSetup setup);
    /// Stops the engine (within its current request's timeout) and waits for it.
    ~SyncRunner();
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;

    /// Online or offline, outbox depth, what failed last: safe to call from any thread.
    sync::SyncStatus status() const;
    /// Server decisions applied to cases since the start.
    std::int64_t decisionsApplied() const;

private:
    void work(std::stop_token stop);

    SyncSetup m_setup;
    mutable std::mutex m_mutex;
    const SyncSession* m_session = nullptr; ///< while the thread runs it; guarded by m_mutex
    sync::SyncStatus m_lastStatus;          ///< before the engine exists and after it is gone
    std::int64_t m_applied = 0;             ///< after it is gone; guarded by m_mutex
    std::jthread m_thread;                  ///< last: started after everything above is ready
};

} // namespace ywtb::services
