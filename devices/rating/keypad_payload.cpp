#include "devices/rating/keypad_payload.h"

#include "devices/serial/device_frame.h"

namespace ywtb::devices::keypad_payload {

std::optional<unsigned> requestId(std::span<const std::uint8_t> payload) {
    if (payload.size() < 2)
        return std::nullopt;
    return frame::getU16(payload, 0);
}

std::uint8_t rateAckCode(std::span<const std::uint8_t> payload) {
    return payload.size() > 2 ? payload[2] : rating_protocol::badRequest;
}

std::optional<KeypadResult> parseResult(std::span<const std::uint8_t> payload) {
    constexpr std::size_t head = 4; // id, level, tag count
    if (payload.size() < head)
        return std::nullopt;
    const int level = payload[2];
    const std::size_t tagCount = payload[3];
    if (level < 1 || level > 5 || payload.size() != head + tagCount)
        return std::nullopt;
    KeypadResult result{frame::getU16(payload, 0), {level, {}}};
    for (const auto tag : payload.subspan(head))
        result.rating.tags.push_back(tag);
    return result;
}

} // namespace ywtb::devices::keypad_payload
