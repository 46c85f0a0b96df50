#include "devices/serial/frame_reader.h"

namespace ywtb::devices {

FrameReader::FrameReader(SerialPort& port, const SerialLink& link)
    : m_port(port), m_link(link), m_decoder([&link](const std::string& line) { link.log(line); }) {}

core::Expected<core::Done> FrameReader::drainStale() {
    std::size_t dropped = 0;
    for (int i = 0; i < 64; ++i) {
        auto stale = m_port.read(4096, std::chrono::milliseconds(0));
        if (!stale.ok())
            return stale.error();
        if (stale->empty())
            break;
        dropped += stale->size();
    }
    if (dropped > 0)
        m_link.log("dropped " + std::to_string(dropped) + " bytes received before a command");
    m_decoder.reset();
    return core::Done{};
}

core::Expected<core::Done> FrameReader::send(std::uint8_t command, std::span<const std::uint8_t> payload,
                                             std::chrono::milliseconds timeout) {
    return m_port.write(frame::encode(command, payload), timeout);
}

core::Expected<std::optional<frame::Frame>> FrameReader::waitFor(const Match& wanted, Deadline deadline,
                                                                 const Other& other) {
    for (;;) {
        while (auto f = m_decoder.next()) {
            if (wanted(*f))
                return std::optional<frame::Frame>(std::move(*f));
            if (other)
                other(*f);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return std::optional<frame::Frame>();
        auto bytes = m_port.read(4096, left);
        if (!bytes.ok())
            return bytes.error();
        m_decoder.feed(*bytes);
    }
}

core::Expected<std::optional<frame::Frame>>
FrameReader::request(std::uint8_t command, std::span<const std::uint8_t> payload, const Match& answer,
                     std::chrono::milliseconds timeout, int retries, const Other& other) {
    for (int attempt = 0;; ++attempt) {
        if (auto sent = send(command, payload, timeout); !sent.ok())
            return sent.error();
        const int droppedBefore = m_decoder.droppedFrames();
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        // Wait in slices so that a damaged frame makes us ask again at once rather than at the deadline.
        for (;;) {
            const auto slice =
                std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(20));
            auto got = waitFor(answer, slice, other);
            if (!got.ok() || got->has_value())
                return got;
            if (m_decoder.droppedFrames() > droppedBefore && attempt < retries) {
                m_link.log("sending command " + std::to_string(command) + " again after a damaged answer");
                break;
            }
            if (std::chrono::steady_clock::now() >= deadline)
                return std::optional<frame::Frame>();
        }
    }
}

} // namespace ywtb::devices
