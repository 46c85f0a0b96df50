#include "devices/idcard/sam_frame.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace ywtb::devices::sam {
namespace {

std::string hexByte(std::uint8_t b) {
    char text[3];
    std::snprintf(text, sizeof text, "%02X", b);
    return text;
}

} // namespace

std::uint8_t xorOf(std::span<const std::uint8_t> bytes) {
    std::uint8_t x = 0;
    for (auto b : bytes)
        x = static_cast<std::uint8_t>(x ^ b);
    return x;
}

std::vector<std::uint8_t> encodeFrame(std::span<const std::uint8_t> body) {
    std::vector<std::uint8_t> out(preamble.begin(), preamble.end());
    const std::size_t length = body.size() + 1;
    out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length & 0xFF));
    out.insert(out.end(), body.begin(), body.end());
    out.push_back(xorOf(std::span(out).subspan(preamble.size())));
    return out;
}

std::vector<std::uint8_t> encodeCommand(Command command, std::span<const std::uint8_t> data) {
    std::vector<std::uint8_t> body{command.cmd, command.para};
    body.insert(body.end(), data.begin(), data.end());
    return encodeFrame(body);
}

std::vector<std::uint8_t> encodeAnswer(std::uint8_t sw3, std::span<const std::uint8_t> data) {
    std::vector<std::uint8_t> body{0x00, 0x00, sw3};
    body.insert(body.end(), data.begin(), data.end());
    return encodeFrame(body);
}

void FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

void FrameDecoder::drop(const std::string& why) {
    if (m_log)
        m_log(why);
}

std::optional<std::vector<std::uint8_t>> FrameDecoder::next() {
    constexpr std::size_t header = preamble.size() + 2;
    for (;;) {
        const auto start = std::search(m_buffer.begin(), m_buffer.end(), preamble.begin(), preamble.end());
        auto skipped = static_cast<std::size_t>(start - m_buffer.begin());
        if (start == m_buffer.end()) {
            // Keep a tail that may be the beginning of a preamble.
            skipped = m_buffer.size() > preamble.size() - 1 ? m_buffer.size() - (preamble.size() - 1) : 0;
            while (skipped < m_buffer.size() && m_buffer[skipped] != preamble[0])
                ++skipped;
        }
        if (skipped > 0) {
            drop("dropped " + std::to_string(skipped) + " bytes outside any frame");
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(skipped));
        }
        if (m_buffer.size() < header)
            return std::nullopt;
        const std::size_t length = std::size_t{m_buffer[5]} << 8 | m_buffer[6];
        if (length < 3 || length > m_maxLength) {
            ++m_droppedFrames;
            drop("dropped a frame with length " + std::to_string(length) + " (allowed 3 to " +
                 std::to_string(m_maxLength) + ")");
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(preamble.size()));
            continue;
        }
        if (m_buffer.size() < header + length)
            return std::nullopt;
        const std::uint8_t expected = xorOf(std::span(m_buffer).subspan(preamble.size(), 2 + length - 1));
        const std::uint8_t actual = m_buffer[header + length - 1];
        if (expected != actual) {
            ++m_droppedFrames;
            drop("dropped a frame of length " + std::to_string(length) + " with checksum " + hexByte(actual) +
                 ", expected " + hexByte(expected));
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(preamble.size()));
            continue;
        }
        std::vector<std::uint8_t> body(m_buffer.begin() + static_cast<std::ptrdiff_t>(header),
                                       m_buffer.begin() + static_cast<std::ptrdiff_t>(header + length - 1));
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(header + length));
        return body;
    }
}

} // namespace ywtb::devices::sam
