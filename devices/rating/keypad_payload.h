#pragma once
// The payloads the serial 好差评 keypad sends (devices/PROTOCOLS.md "Rating keypad"), decoded without I/O:
// the driver (rating_keypad.cpp) and fuzz/fuzz_rating_keypad.cpp use the same code.

#include "devices/rating/rating_device.h"

#include <cstdint>
#include <optional>
#include <span>

namespace ywtb::devices::keypad_payload {

/// The request id (2 bytes) at the head of RATE-ACK, CANCEL-ACK, RESULT and NOT-RATED; none when shorter.
std::optional<unsigned> requestId(std::span<const std::uint8_t> payload);

/// The code of a RATE-ACK (rating_protocol::accepted, busy, badRequest); badRequest when it is missing.
std::uint8_t rateAckCode(std::span<const std::uint8_t> payload);

/// A RESULT: which request it answers and what the applicant chose.
struct KeypadResult {
    unsigned requestId = 0;
    RatingResult rating;
};

/// Decodes a RESULT: request id (2), level (1), tag count N (1), N tag codes. None when the level is
/// outside 1–5 or the payload's size does not match N.
std::optional<KeypadResult> parseResult(std::span<const std::uint8_t> payload);

} // namespace ywtb::devices::keypad_payload
