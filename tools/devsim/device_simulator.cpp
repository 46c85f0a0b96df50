#include "tools/devsim/device_simulator.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <sstream>
#include <unistd.h>

namespace ywtb::devsim {
namespace {

using Clock = std::chrono::steady_clock;

} // namespace

core::Error badCommand(const std::string& what) {
    return core::Error{
        "devsim.command",
        core::Message(N_("unknown or malformed simulator command: {command}"), {{"command", what}}),
        {},
        core::Message(N_("see devices/PROTOCOLS.md, section \"Simulator\", for the commands"))};
}

std::optional<long> numberArgument(const Words& words, std::size_t index, long fallback) {
    if (words.size() <= index)
        return fallback;
    long value = 0;
    const auto& w = words[index];
    const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
    if (ec != std::errc{} || end != w.data() + w.size() || value < 0)
        return std::nullopt;
    return value;
}

Words splitWords(const std::string& line) {
    std::istringstream in(line.substr(0, line.find('#')));
    Words words;
    for (std::string w; in >> w;)
        words.push_back(w);
    return words;
}

core::Expected<std::unique_ptr<DeviceSimulator>>
DeviceSimulator::start(std::unique_ptr<DeviceBehaviour> behaviour, std::string linkPath) {
    std::unique_ptr<DeviceSimulator> simulator(
        new DeviceSimulator(std::move(behaviour), std::move(linkPath)));
    if (auto plugged = simulator->m_pty.plugIn(); !plugged.ok())
        return plugged.error();
    simulator->m_plugged = true;
    simulator->m_thread = std::thread([s = simulator.get()] { s->run(); });
    return simulator;
}

DeviceSimulator::DeviceSimulator(std::unique_ptr<DeviceBehaviour> behaviour, std::string linkPath)
    : m_behaviour(std::move(behaviour)), m_pty(std::move(linkPath)) {}

DeviceSimulator::~DeviceSimulator() {
    m_mailbox.stop();
    if (m_thread.joinable())
        m_thread.join();
    m_pty.unplug();
}

core::Expected<core::Done> DeviceSimulator::command(const std::string& line) {
    return m_mailbox.post(line);
}

bool DeviceSimulator::pluggedIn() const {
    std::lock_guard lock(m_mutex);
    return m_plugged;
}

void DeviceSimulator::run() {
    for (;;) {
        const auto now = Clock::now();
        auto next = Clock::time_point::max();
        if (!m_pty.pluggedIn())
            next = std::min(next, m_plugAt);
        if (m_stalled)
            next = std::min(next, m_stallUntil);
        if (m_behaviour->tickInterval().count() > 0 && m_pty.pluggedIn() && !m_stalled)
            next = std::min(next, m_nextTick);
        int timeout = -1;
        if (next != Clock::time_point::max())
            timeout = static_cast<int>(std::max<long long>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1));
        pollfd fds[2] = {{m_mailbox.wakeFd(), POLLIN, 0}, {m_pty.masterFd(), 0, 0}};
        nfds_t count = 1;
        if (m_pty.pluggedIn()) {
            fds[1].events = static_cast<short>(POLLIN | (m_output.empty() ? 0 : POLLOUT));
            count = 2;
        }
        if (::poll(fds, count, timeout) < 0 && errno != EINTR)
            return;

        std::deque<CommandMailbox::Pending> work;
        if (!m_mailbox.take(work))
            return;
        // Everything the client wrote before a command was posted is handled before the command: read
        // whether or not poll() said so, since its answer may predate the client's last write.
        receive();
        for (auto& p : work)
            p.done.set_value(execute(splitWords(p.line)));

        const auto later = Clock::now();
        if (!m_pty.pluggedIn() && later >= m_plugAt) {
            m_plugAt = Clock::time_point::max();
            if (m_pty.plugIn().ok()) {
                std::lock_guard lock(m_mutex);
                m_plugged = true;
            }
        }
        if (m_stalled && later >= m_stallUntil)
            m_stalled = false;
        if (const auto interval = m_behaviour->tickInterval(); interval.count() > 0 && later >= m_nextTick) {
            m_nextTick = later + interval;
            // A stalled device is silent, heartbeats included.
            if (!m_stalled)
                send(m_behaviour->tick());
        }

        flush();
    }
}

void DeviceSimulator::receive() {
    while (m_pty.pluggedIn()) {
        std::uint8_t buffer[4096];
        const ssize_t n = ::read(m_pty.masterFd(), buffer, sizeof buffer);
        if (n <= 0)
            return;
        // A stalled device hears nothing: what arrives meanwhile is lost, as on a hung reader.
        if (!m_stalled)
            send(m_behaviour->received(std::span(buffer, static_cast<std::size_t>(n))));
    }
}

core::Expected<core::Done> DeviceSimulator::execute(const Words& words) {
    if (words.empty())
        return core::Done{};
    const auto& verb = words[0];
    if (verb == "garbage") {
        const auto n = numberArgument(words, 1, 16);
        if (!n)
            return badCommand(verb);
        m_noiseBeforeNext = static_cast<std::size_t>(*n);
    } else if (verb == "bad-checksum") {
        m_corruptNext = true;
    } else if (verb == "oversize") {
        m_oversizeNext = true;
    } else if (verb == "stall") {
        const auto ms = numberArgument(words, 1, 0);
        if (!ms)
            return badCommand(verb);
        m_stalled = true;
        m_stallUntil = *ms > 0 ? Clock::now() + std::chrono::milliseconds(*ms) : Clock::time_point::max();
    } else if (verb == "resume") {
        m_stalled = false;
    } else if (verb == "unplug" || verb == "unplug-mid-frame") {
        const auto ms = numberArgument(words, 1, 300);
        if (!ms)
            return badCommand(verb);
        if (verb == "unplug")
            unplugFor(std::chrono::milliseconds(*ms));
        else {
            m_unplugMidNext = true;
            m_unplugMidFor = std::chrono::milliseconds(*ms);
        }
    } else if (verb == "plug") {
        m_plugAt = Clock::now();
        if (!m_pty.pluggedIn()) {
            if (auto plugged = m_pty.plugIn(); !plugged.ok())
                return plugged.error();
            std::lock_guard lock(m_mutex);
            m_plugged = true;
        }
        m_plugAt = Clock::time_point::max();
    } else {
        auto frames = m_behaviour->command(words);
        if (!frames.ok())
            return frames.error();
        send(std::move(frames).value());
    }
    flush();
    return core::Done{};
}

void DeviceSimulator::send(std::vector<Bytes> frames) {
    for (auto& frame : frames) {
        if (!m_pty.pluggedIn())
            return;
        for (; m_noiseBeforeNext > 0; --m_noiseBeforeNext) {
            m_noiseSeed ^= m_noiseSeed << 13;
            m_noiseSeed ^= m_noiseSeed >> 17;
            m_noiseSeed ^= m_noiseSeed << 5;
            // Below 0x80: noise never holds a frame's start byte by chance.
            m_output.push_back(static_cast<std::uint8_t>(m_noiseSeed & 0x7F));
        }
        if (m_oversizeNext) {
            const auto header = m_behaviour->oversizedHeader();
            m_output.insert(m_output.end(), header.begin(), header.end());
            m_oversizeNext = false;
        }
        if (m_corruptNext) {
            frame = m_behaviour->corrupted(std::move(frame));
            m_corruptNext = false;
        }
        if (m_unplugMidNext) {
            m_unplugMidNext = false;
            m_output.insert(m_output.end(), frame.begin(),
                            frame.begin() + static_cast<std::ptrdiff_t>(frame.size() / 2));
            flush();
            // Give the client time to take in the first half, so the hang-up really comes mid-frame.
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            unplugFor(m_unplugMidFor);
            return;
        }
        m_output.insert(m_output.end(), frame.begin(), frame.end());
    }
}

void DeviceSimulator::flush() {
    while (m_pty.pluggedIn() && !m_output.empty()) {
        const ssize_t n = ::write(m_pty.masterFd(), m_output.data(), m_output.size());
        if (n <= 0)
            return; // full (EAGAIN): poll() says when to go on
        m_output.erase(m_output.begin(), m_output.begin() + n);
    }
}

void DeviceSimulator::unplugFor(std::chrono::milliseconds ms) {
    m_pty.unplug();
    m_behaviour->reset();
    m_output.clear();
    m_plugAt = ms.count() > 0 ? Clock::now() + ms : Clock::time_point::max();
    std::lock_guard lock(m_mutex);
    m_plugged = false;
}

} // namespace ywtb::devsim
