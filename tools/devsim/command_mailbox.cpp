#include "tools/devsim/command_mailbox.h"

#include "tools/devsim/device_simulator.h"

#include <fcntl.h>
#include <unistd.h>

namespace ywtb::devsim {

CommandMailbox::CommandMailbox() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
        m_wakeRead = fds[0];
        m_wakeWrite = fds[1];
    }
}

CommandMailbox::~CommandMailbox() {
    for (auto& p : m_pending)
        p.done.set_value(badCommand("stopped"));
    ::close(m_wakeRead);
    ::close(m_wakeWrite);
}

void CommandMailbox::wake() {
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(m_wakeWrite, &byte, 1);
}

core::Expected<core::Done> CommandMailbox::post(const std::string& line) {
    std::future<core::Expected<core::Done>> result;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return badCommand("stopped");
        m_pending.push_back(Pending{line, {}});
        result = m_pending.back().done.get_future();
    }
    wake();
    return result.get();
}

void CommandMailbox::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    wake();
}

bool CommandMailbox::take(std::deque<Pending>& work) {
    char sink[64];
    while (::read(m_wakeRead, sink, sizeof sink) > 0) {
    }
    std::lock_guard lock(m_mutex);
    if (m_stopping)
        return false;
    work.swap(m_pending);
    return true;
}

} // namespace ywtb::devsim
