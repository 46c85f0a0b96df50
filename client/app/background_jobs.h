#pragma once
// Work that must not block the window (rendering a preview, waiting for the printer) runs on a worker thread;
// its result comes back on the UI thread, and is dropped if the owner has gone meanwhile.

#include "core/message.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>
#include <wx/app.h>

namespace ywtb::app {

class BackgroundJobs {
public:
    BackgroundJobs() : m_alive(std::make_shared<std::atomic<int>>(0)) {}
    /// Waits for running work; results not yet delivered are dropped.
    ~BackgroundJobs() {
        std::lock_guard lock(m_mutex);
        for (auto& t : m_threads)
            t.join();
    }
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    /// Runs `work` on a worker thread, then `done` with its result on the UI thread.
    template <typename Result> void run(std::function<Result()> work, std::function<void(Result)> done) {
        std::weak_ptr<std::atomic<int>> alive = m_alive;
        ++*m_alive;
        std::lock_guard lock(m_mutex);
        m_threads.emplace_back([alive, work = std::move(work), done = std::move(done)] {
            auto result = std::make_shared<Result>(work());
            wxTheApp->CallAfter([alive, done, result] {
                if (auto pending = alive.lock()) {
                    done(std::move(*result));
                    --*pending;
                }
            });
        });
    }

    /// For work under way to tell the window how far it has got: what it is given runs on the UI thread,
    /// unless the owner has gone meanwhile. Callable from any thread.
    std::function<void(std::function<void()>)> progress() const {
        std::weak_ptr<std::atomic<int>> alive = m_alive;
        return [alive](std::function<void()> step) {
            wxTheApp->CallAfter([alive, step = std::move(step)] {
                if (alive.lock())
                    step();
            });
        };
    }

    /// Work started and not yet delivered.
    int pending() const { return m_alive->load(); }

private:
    std::shared_ptr<std::atomic<int>> m_alive;
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
};

} // namespace ywtb::app
