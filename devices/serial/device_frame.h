#pragma once
// The framing of the two serial protocols designed for this project, the 好差评 rating keypad and the
// signature pad (devices/PROTOCOLS.md), since neither kind has a public frame format:
//   A5 5A | LEN | CMD | payload (LEN - 1 bytes) | CHK
// LEN counts CMD and the payload (1 to 250); CHK is the XOR of LEN, CMD and the payload.

#include "devices/device_status.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ywtb::devices::frame {

inline constexpr std::array<std::uint8_t, 2> start{0xA5, 0x5A};
inline constexpr std::size_t maxLength = 250;

/// A frame's command byte and payload.
struct Frame {
    std::uint8_t command = 0;
    std::vector<std::uint8_t> payload;
};

/// The bytes of a frame; a payload longer than maxLength - 1 is cut there.
std::vector<std::uint8_t> encode(std::uint8_t command, std::span<const std::uint8_t> payload = {});

/// Finds frames in a byte stream; garbage, a length of 0 or above maxLength and a bad checksum are logged
/// (sizes only) and dropped, and the search goes on after the start bytes.
class Decoder {
public:
    explicit Decoder(DeviceLog log = {}) : m_log(std::move(log)) {}
    void feed(std::span<const std::uint8_t> bytes);
    std::optional<Frame> next();
    void reset() { m_buffer.clear(); }
    int droppedFrames() const { return m_droppedFrames; }
    /// Bytes held back waiting for the rest of a frame (less than one whole frame once next() has none).
    std::size_t buffered() const { return m_buffer.size(); }

private:
    DeviceLog m_log;
    std::vector<std::uint8_t> m_buffer;
    int m_droppedFrames = 0;
};

/// Big-endian helpers for payload fields.
void putU16(std::vector<std::uint8_t>& out, unsigned value);
void putU32(std::vector<std::uint8_t>& out, std::uint32_t value);
unsigned getU16(std::span<const std::uint8_t> bytes, std::size_t at);
std::uint32_t getU32(std::span<const std::uint8_t> bytes, std::size_t at);

} // namespace ywtb::devices::frame
