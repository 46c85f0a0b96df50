#pragma once
// A simulated serial device: a pty (PtyDevice) served by a thread that feeds what the client sends to a
// DeviceBehaviour and writes back what it answers, with the faults of the real world on demand.
//
// Script commands every kind understands (one per line; see devices/PROTOCOLS.md "Simulator"):
//   garbage [N]            the next frame is preceded by N (16) bytes of noise
//   bad-checksum           the next frame goes out with a wrong checksum
//   oversize               the next frame is preceded by a header announcing an impossible length
//   stall [MS]             ignore the client for MS ms, or until "resume"
//   resume
//   unplug [MS]            close the pty and remove the link; plug back in after MS ms (300; 0: stay out)
//   unplug-mid-frame [MS]  send half of the next frame, then unplug as above
//   plug                   plug back in now
// "wait MS" and "quit" are handled by whoever reads the script (main.cpp).

#include "core/error.h"
#include "tools/devsim/command_mailbox.h"
#include "tools/devsim/pty_device.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace ywtb::devsim {

using Bytes = std::vector<std::uint8_t>;
using Words = std::vector<std::string>;

/// What one kind of device does; runs on the simulator's thread only.
class DeviceBehaviour {
public:
    virtual ~DeviceBehaviour() = default;
    /// The client sent `bytes`; returns the frames the device answers with (possibly none).
    virtual std::vector<Bytes> received(std::span<const std::uint8_t> bytes) = 0;
    /// A script command of this kind ("present zhang"); frames to send at once, or an error for an unknown
    /// command or argument.
    virtual core::Expected<std::vector<Bytes>> command(const Words& words) = 0;
    /// `frame` with its checksum made wrong.
    virtual Bytes corrupted(Bytes frame) const {
        if (!frame.empty())
            frame.back() ^= 0xFF;
        return frame;
    }
    /// The beginning of a frame whose length field is beyond what the protocol allows.
    virtual Bytes oversizedHeader() const = 0;
    /// Forget any half-received command (after an unplug).
    virtual void reset() {}
    /// How often tick() is called (heartbeats); zero: never.
    virtual std::chrono::milliseconds tickInterval() const { return std::chrono::milliseconds(0); }
    /// Frames sent unasked every tickInterval() while plugged in and not stalled.
    virtual std::vector<Bytes> tick() { return {}; }
};

class DeviceSimulator {
public:
    /// Plugs the device in at `linkPath` and starts serving it.
    static core::Expected<std::unique_ptr<DeviceSimulator>> start(std::unique_ptr<DeviceBehaviour> behaviour,
                                                                  std::string linkPath);
    ~DeviceSimulator();
    DeviceSimulator(const DeviceSimulator&) = delete;
    DeviceSimulator& operator=(const DeviceSimulator&) = delete;

    /// The stable path the client opens.
    const std::string& path() const { return m_pty.linkPath(); }
    /// Runs one script line on the simulator's thread and returns when it has been carried out
    /// (frames it sends are queued for writing by then). Whatever the client wrote before the call has
    /// been handled first, so tests are deterministic.
    core::Expected<core::Done> command(const std::string& line);
    /// True while the pty is plugged in.
    bool pluggedIn() const;

private:
    DeviceSimulator(std::unique_ptr<DeviceBehaviour> behaviour, std::string linkPath);
    void run();
    void receive();
    core::Expected<core::Done> execute(const Words& words);
    void send(std::vector<Bytes> frames);
    void flush();
    void unplugFor(std::chrono::milliseconds ms);

    std::unique_ptr<DeviceBehaviour> m_behaviour;
    PtyDevice m_pty;
    CommandMailbox m_mailbox;
    mutable std::mutex m_mutex; ///< guards m_plugged
    bool m_plugged = false;
    std::thread m_thread;

    // Simulator thread only.
    Bytes m_output;
    std::size_t m_noiseBeforeNext = 0;
    bool m_corruptNext = false;
    bool m_oversizeNext = false;
    bool m_unplugMidNext = false;
    std::chrono::milliseconds m_unplugMidFor{300};
    bool m_stalled = false;
    std::chrono::steady_clock::time_point m_stallUntil = std::chrono::steady_clock::time_point::max();
    std::chrono::steady_clock::time_point m_plugAt = std::chrono::steady_clock::time_point::max();
    std::chrono::steady_clock::time_point m_nextTick = std::chrono::steady_clock::now();
    std::uint32_t m_noiseSeed = 0x2545F491;
};

/// Splits a script line into words; "#" starts a comment. Empty for a blank line.
Words splitWords(const std::string& line);
/// The error for a script command (or argument) a simulator does not know.
core::Error badCommand(const std::string& what);
/// words[index] as a non-negative number, `fallback` when absent; none when it is not a number.
std::optional<long> numberArgument(const Words& words, std::size_t index, long fallback);

} // namespace ywtb::devsim
