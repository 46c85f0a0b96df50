#pragma once
// Request and answer over the A5 5A framing (device_frame.h) on an open port: the shared part of the
// rating keypad and signature pad drivers. Every wait has a deadline; damaged frames are logged, dropped,
// and make the request go out again.

#include "core/error.h"
#include "devices/serial/device_frame.h"
#include "devices/serial/serial_link.h"

#include <chrono>
#include <functional>
#include <optional>

namespace ywtb::devices {

class FrameReader {
public:
    using Deadline = std::chrono::steady_clock::time_point;
    using Match = std::function<bool(const frame::Frame&)>;
    using Other = std::function<void(const frame::Frame&)>;

    FrameReader(SerialPort& port, const SerialLink& link);

    /// Throws away what arrived before this exchange (logged as a count).
    core::Expected<core::Done> drainStale();
    core::Expected<core::Done> send(std::uint8_t command, std::span<const std::uint8_t> payload,
                                    std::chrono::milliseconds timeout);
    /// The first frame `wanted` accepts before `deadline`; none when the deadline passes. Other frames go
    /// to `other` (heartbeats, events).
    core::Expected<std::optional<frame::Frame>> waitFor(const Match& wanted, Deadline deadline,
                                                        const Other& other = {});
    /// Sends a command and waits `timeout` for its answer, sending it again (up to `retries` times) when a
    /// damaged frame arrives instead.
    core::Expected<std::optional<frame::Frame>>
    request(std::uint8_t command, std::span<const std::uint8_t> payload, const Match& answer,
            std::chrono::milliseconds timeout, int retries, const Other& other = {});

private:
    SerialPort& m_port;
    const SerialLink& m_link;
    frame::Decoder m_decoder;
};

} // namespace ywtb::devices
