#pragma once
// Frames of the public SAM protocol spoken by second-generation ID-card readers (devices/PROTOCOLS.md):
//   AA AA AA 96 69 | length (2, big-endian) | body | XOR checksum
// The length counts the body and the checksum; the checksum is the XOR of the length bytes and the body.
// A command's body is CMD PARA data; an answer's body is SW1 SW2 SW3 data.

#include "devices/device_status.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ywtb::devices::sam {

inline constexpr std::array<std::uint8_t, 5> preamble{0xAA, 0xAA, 0xAA, 0x96, 0x69};
/// Longest length field accepted: text, photo and fingerprint fit with room to spare.
inline constexpr std::size_t maxFrameLength = 4096;

/// A command's CMD and PARA bytes.
struct Command {
    std::uint8_t cmd = 0;
    std::uint8_t para = 0;
    bool operator==(const Command&) const = default;
};

inline constexpr Command resetSam{0x10, 0xFF};
inline constexpr Command samStatus{0x11, 0xFF};
inline constexpr Command samId{0x12, 0xFF};
inline constexpr Command findCard{0x20, 0x01};
inline constexpr Command selectCard{0x20, 0x02};
inline constexpr Command readTextAndPhoto{0x30, 0x01};

/// SW3 values (the status byte of an answer).
namespace status {
inline constexpr std::uint8_t ok = 0x90;
inline constexpr std::uint8_t findOk = 0x9F;
inline constexpr std::uint8_t checksumError = 0x10;
inline constexpr std::uint8_t lengthError = 0x11;
inline constexpr std::uint8_t badCommand = 0x21;
inline constexpr std::uint8_t readFailed = 0x41;
inline constexpr std::uint8_t notAuthorised = 0x66;
inline constexpr std::uint8_t findFailed = 0x80;
inline constexpr std::uint8_t selectFailed = 0x81;
} // namespace status

/// XOR of all bytes.
std::uint8_t xorOf(std::span<const std::uint8_t> bytes);
/// A whole frame around `body`.
std::vector<std::uint8_t> encodeFrame(std::span<const std::uint8_t> body);
/// A command frame to the reader.
std::vector<std::uint8_t> encodeCommand(Command command, std::span<const std::uint8_t> data = {});
/// An answer frame from the reader (SW1 = SW2 = 0).
std::vector<std::uint8_t> encodeAnswer(std::uint8_t sw3, std::span<const std::uint8_t> data = {});

/// Finds frames in a byte stream. Garbage before a preamble, a length that is too short or too long and a
/// bad checksum are reported to `log` (sizes and header bytes only, never the body) and dropped; the
/// decoder then looks for the next preamble. It never holds more than one frame's worth of bytes.
class FrameDecoder {
public:
    explicit FrameDecoder(DeviceLog log = {}, std::size_t maxLength = maxFrameLength)
        : m_log(std::move(log)), m_maxLength(maxLength) {}

    void feed(std::span<const std::uint8_t> bytes);
    /// The body of the next complete, intact frame; none until more bytes arrive.
    std::optional<std::vector<std::uint8_t>> next();
    /// Forgets any partial frame (after a reconnection).
    void reset() { m_buffer.clear(); }
    /// How many frames were dropped so far (bad length or checksum).
    int droppedFrames() const { return m_droppedFrames; }
    /// Bytes held back waiting for the rest of a frame (less than one whole frame once next() has none).
    std::size_t buffered() const { return m_buffer.size(); }

private:
    void drop(const std::string& why);

    DeviceLog m_log;
    std::size_t m_maxLength;
    std::vector<std::uint8_t> m_buffer;
    int m_droppedFrames = 0;
};

} // namespace ywtb::devices::sam
