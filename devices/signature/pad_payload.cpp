#include "devices/signature/pad_payload.h"

#include <string>

namespace ywtb::devices::pad_payload {

namespace p = signature_protocol;

std::optional<PadInfo> parseInfo(std::span<const std::uint8_t> payload) {
    if (payload.size() < 6 || frame::getU16(payload, 0) == 0 || frame::getU16(payload, 2) == 0)
        return std::nullopt;
    return PadInfo{static_cast<int>(frame::getU16(payload, 0)), static_cast<int>(frame::getU16(payload, 2)),
                   static_cast<int>(frame::getU16(payload, 4))};
}

std::optional<PenPoint> parsePenSample(std::span<const std::uint8_t> payload) {
    if (payload.size() != penSampleSize)
        return std::nullopt;
    return PenPoint{static_cast<int>(frame::getU16(payload, 0)), static_cast<int>(frame::getU16(payload, 2)),
                    static_cast<int>(frame::getU16(payload, 4)), frame::getU32(payload, 6)};
}

void StrokeCollector::setArea(const PadInfo& info) {
    m_signature.padWidth = info.width;
    m_signature.padHeight = info.height;
    m_signature.maxPressure = info.maxPressure;
}

void StrokeCollector::log(const std::string& line) const {
    if (m_log)
        m_log(line);
}

bool StrokeCollector::take(const frame::Frame& f) {
    if (f.command == p::cleared) {
        m_signature.strokes.clear();
        m_open.reset();
        log("the applicant cleared the pad");
        return true;
    }
    if (f.command != p::penDown && f.command != p::penMove && f.command != p::penUp)
        return false;
    const auto point = parsePenSample(f.payload);
    if (!point) {
        log("dropped a pen sample of " + std::to_string(f.payload.size()) + " bytes");
        return true;
    }
    if (point->x > m_signature.padWidth || point->y > m_signature.padHeight) {
        log("dropped a pen sample outside the pad");
        return true;
    }
    if (f.command == p::penDown && m_open) // a down with a stroke open: the up was lost, keep that stroke
        m_signature.strokes.push_back(std::move(*m_open));
    if (f.command == p::penDown || !m_open) // a move or up without a down: the down was lost, start here
        m_open = Stroke{};
    m_open->points.push_back(*point);
    if (f.command == p::penUp) {
        m_signature.strokes.push_back(std::move(*m_open));
        m_open.reset();
    }
    return true;
}

Signature StrokeCollector::finish() {
    if (m_open)
        m_signature.strokes.push_back(std::move(*m_open));
    m_open.reset();
    Signature signature = std::move(m_signature);
    m_signature = Signature{signature.padWidth, signature.padHeight, signature.maxPressure, {}};
    return signature;
}

} // namespace ywtb::devices::pad_payload
