#pragma once
// Script lines handed from any thread to a simulator's own thread: post() queues a line, wakes the
// simulator's poll() through a pipe and waits for the simulator's answer to that line (DeviceSimulator,
// WebSocketSimulator).

#include "core/error.h"

#include <deque>
#include <future>
#include <mutex>
#include <string>

namespace ywtb::devsim {

class CommandMailbox {
public:
    struct Pending {
        std::string line;
        std::promise<core::Expected<core::Done>> done;
    };

    CommandMailbox();
    /// Lines never taken are answered "stopped".
    ~CommandMailbox();
    CommandMailbox(const CommandMailbox&) = delete;
    CommandMailbox& operator=(const CommandMailbox&) = delete;

    /// What the simulator's poll() watches: readable when there is something to take (or to look at anew).
    int wakeFd() const { return m_wakeRead; }
    /// Makes the simulator's poll() return, e.g. for work it keeps elsewhere.
    void wake();
    /// Any thread: queues `line` and waits for the simulator's answer; "stopped" once stop() was called.
    core::Expected<core::Done> post(const std::string& line);
    /// Any thread: no more lines; the simulator's next take() says so.
    void stop();
    /// The simulator's thread: empties the wake-up pipe, then takes what was posted. False once stopped.
    /// (Emptying first: a line posted after that writes a new byte, so the next poll() wakes for it.)
    bool take(std::deque<Pending>& work);

private:
    int m_wakeRead = -1;
    int m_wakeWrite = -1;
    std::mutex m_mutex; ///< guards m_pending and m_stopping
    std::deque<Pending> m_pending;
    bool m_stopping = false;
};

} // namespace ywtb::devsim
