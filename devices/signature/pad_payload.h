#pragma once
// The frames the serial signature pad sends (devices/PROTOCOLS.md "Signature pad"), decoded without I/O:
// the driver (signature_serial_pad.cpp) and fuzz/fuzz_signature_pad.cpp use the same code.

#include "devices/device_status.h"
#include "devices/serial/device_frame.h"
#include "devices/signature/signature_pad.h"

#include <cstdint>
#include <optional>
#include <span>

namespace ywtb::devices::pad_payload {

/// x, y, pressure (2 bytes each), time (4).
inline constexpr std::size_t penSampleSize = 10;

/// The pad's drawing area and pressure range, from its INFO answer.
struct PadInfo {
    int width = 0;
    int height = 0;
    int maxPressure = 0;
};

/// Decodes an INFO answer: width (2), height (2), maximum pressure (2). None when it is shorter or reports
/// no drawing area (a width or height of 0).
std::optional<PadInfo> parseInfo(std::span<const std::uint8_t> payload);

/// Decodes the sample of a PEN-DOWN, PEN-MOVE or PEN-UP; none when the payload is not penSampleSize bytes.
std::optional<PenPoint> parsePenSample(std::span<const std::uint8_t> payload);

/// Turns the pad's pen frames into strokes as they arrive: a sample of the wrong size or outside the area is
/// logged and dropped, a MOVE or UP without a DOWN starts a stroke there, a DOWN while a stroke is open ends
/// that stroke (its UP was lost), CLEARED voids every stroke so far.
class StrokeCollector {
public:
    explicit StrokeCollector(DeviceLog log = {}) : m_log(std::move(log)) {}
    /// The area from the INFO answer; until it is set only samples at (0, 0) are inside.
    void setArea(const PadInfo& info);
    /// Takes a PEN-DOWN, PEN-MOVE, PEN-UP or CLEARED frame; false (and nothing done) for any other command.
    bool take(const frame::Frame& f);
    /// The signature so far, a stroke still open (confirmed with the pen down) closed; the
    /// next strokes start afresh in the same area.
    Signature finish();

private:
    void log(const std::string& line) const;

    DeviceLog m_log;
    Signature m_signature;
    std::optional<Stroke> m_open;
};

} // namespace ywtb::devices::pad_payload
