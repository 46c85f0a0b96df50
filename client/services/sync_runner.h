#pragma once
// The sync engine on its own thread for as long as the counter runs (the GUI): it drains the outbox, pulls the
// departments' decisions into the cases (IntakeService::applyServerStatus), and backs off while the server is
// away — never giving up, never blocking the window. It opens its own connection to the store: a SQLite
// connection belongs to one thread.

#include "core/centre_config.h"
#include "core/working_calendar.h"
#include "services/actor.h"
#include "sync/sync_engine.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace ywtb::services {

struct SyncSetup {
    std::filesystem::path dataDir;
    const core::CentreConfig* centre = nullptr;    ///< these three outlive the runner
    const core::WorkingCalendar* calendar = nullptr;
    const core::Clock* clock = nullptr;
    Actor actor;                                   ///< whose name the server's decisions are applied in
    sync::SyncOptions options;
    std::chrono::milliseconds idlePoll{2000};      ///< how often an idle engine looks for work and decisions
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
    std::int64_t decisionsApplied() const { return m_applied.load(); }

private:
    void work(std::stop_token stop);

    SyncSetup m_setup;
    mutable std::mutex m_mutex;
    const sync::SyncEngine* m_engine = nullptr; ///< while the thread runs it; guarded by m_mutex
    sync::SyncStatus m_lastStatus;              ///< before the engine exists and after it is gone
    std::atomic<std::int64_t> m_applied{0};
    std::jthread m_thread;                      ///< last: started after everything above is ready
};

} // namespace ywtb::services
