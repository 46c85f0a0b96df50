#include "devices/serial/device_frame.h"

#include <algorithm>
#include <string>

namespace ywtb::devices::frame {

std::vector<std::uint8_t> encode(std::uint8_t command, std::span<const std::uint8_t> payload) {
    payload = payload.first(std::min(payload.size(), maxLength - 1));
    std::vector<std::uint8_t> out(start.begin(), start.end());
    out.push_back(static_cast<std::uint8_t>(payload.size() + 1));
    out.push_back(command);
    out.insert(out.end(), payload.begin(), payload.end());
    std::uint8_t x = 0;
    for (std::size_t i = start.size(); i < out.size(); ++i)
        x = static_cast<std::uint8_t>(x ^ out[i]);
    out.push_back(x);
    return out;
}

void Decoder::feed(std::span<const std::uint8_t> bytes) {
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

std::optional<Frame> Decoder::next() {
    auto log = [&](const std::string& line) {
        if (m_log)
            m_log(line);
    };
    for (;;) {
        auto found = std::search(m_buffer.begin(), m_buffer.end(), start.begin(), start.end());
        std::size_t skipped = static_cast<std::size_t>(found - m_buffer.begin());
        if (found == m_buffer.end() && !m_buffer.empty() && m_buffer.back() == start[0])
            --skipped; // keep a lone A5 at the end: it may be the start of a frame
        if (skipped > 0) {
            log("dropped " + std::to_string(skipped) + " bytes outside any frame");
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(skipped));
        }
        if (m_buffer.size() < 3)
            return std::nullopt;
        const std::size_t length = m_buffer[2];
        if (length == 0 || length > maxLength) {
            ++m_droppedFrames;
            log("dropped a frame with length " + std::to_string(length) + " (allowed 1 to " +
                std::to_string(maxLength) + ")");
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + 2);
            continue;
        }
        if (m_buffer.size() < 3 + length + 1)
            return std::nullopt;
        std::uint8_t x = 0;
        for (std::size_t i = 2; i < 3 + length; ++i)
            x = static_cast<std::uint8_t>(x ^ m_buffer[i]);
        if (x != m_buffer[3 + length]) {
            ++m_droppedFrames;
            log("dropped a frame of length " + std::to_string(length) + " with a bad checksum");
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + 2);
            continue;
        }
        Frame frame{m_buffer[3],
                    std::vector<std::uint8_t>(m_buffer.begin() + 4,
                                              m_buffer.begin() + static_cast<std::ptrdiff_t>(3 + length))};
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(4 + length));
        return frame;
    }
}

void putU16(std::vector<std::uint8_t>& out, unsigned value) {
    out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    putU16(out, value >> 16);
    putU16(out, value & 0xFFFF);
}

unsigned getU16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return at + 2 <= bytes.size() ? (unsigned{bytes[at]} << 8 | bytes[at + 1]) : 0;
}

std::uint32_t getU32(std::span<const std::uint8_t> bytes, std::size_t at) {
    return std::uint32_t{getU16(bytes, at)} << 16 | getU16(bytes, at + 2);
}

} // namespace ywtb::devices::frame
