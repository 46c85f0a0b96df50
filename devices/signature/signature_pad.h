#pragma once
// The applicant's signature pad: show a prompt, collect the pen strokes until the applicant confirms,
// keep them as vectors (x, y, pressure, time) and render them to a PNG the documents can carry.
// SignaturePad is the interface; the serial stroke protocol (signature_serial_pad.cpp) and the local
// WebSocket service of Chinese 签批屏 (signature_websocket.cpp) are its backends (devices/PROTOCOLS.md).

#include "core/error.h"
#include "devices/device_status.h"
#include "devices/serial/serial_port.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ywtb::devices {

/// One pen sample in pad coordinates; time in ms since the prompt was shown.
struct PenPoint {
    int x = 0;
    int y = 0;
    int pressure = 0;
    std::uint32_t timeMs = 0;
    bool operator==(const PenPoint&) const = default;
};

/// The samples from pen down to pen up.
struct Stroke {
    std::vector<PenPoint> points;
};

struct Signature {
    int padWidth = 0; ///< the pad's coordinate range, from its INFO answer
    int padHeight = 0;
    int maxPressure = 0;
    std::vector<Stroke> strokes;
};

class SignaturePad {
public:
    virtual ~SignaturePad() = default;
    /// Shows `prompt` on the pad and collects strokes until the applicant confirms, for at most
    /// `applicantTimeout`. Error codes: signature.timeout (the pad does not answer or stopped sending
    /// heartbeats), signature.no_answer, signature.empty (confirmed without signing), serial.disconnected,
    /// serial.io (serial pad), websocket.disconnected, websocket.io (local service).
    virtual core::Expected<Signature> capture(const std::string& prompt,
                                              std::chrono::milliseconds applicantTimeout) = 0;
    /// From any thread: takes back the prompt a capture is waiting on; that call ends the prompt on the pad
    /// and returns signature.cancelled within about 100 ms. Nothing happens when no capture is under way.
    virtual void cancel() = 0;
    /// Blanks the pad (after a cancelled capture).
    virtual core::Expected<core::Done> clear() = 0;
    virtual DeviceState state() const = 0;
    virtual void onStateChange(DeviceStateListener listener) = 0;
    virtual bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const = 0;
};

struct SignaturePadOptions {
    std::string path;
    SerialSettings settings;
    std::chrono::milliseconds answerTimeout{500};
    std::chrono::milliseconds heartbeatTimeout{3500}; ///< the pad sends one every second
    std::chrono::milliseconds reconnectInterval{500};
    int retries = 2;
    DeviceLog log;
};

/// The serial stroke-protocol pad.
std::unique_ptr<SignaturePad> openSerialSignaturePad(SignaturePadOptions options);

struct SignatureWebSocketOptions {
    std::string url; ///< the local service, e.g. ws://127.0.0.1:30089/signature
    std::chrono::milliseconds connectTimeout{1000};
    std::chrono::milliseconds answerTimeout{1000}; ///< for the answer to open, sign and clear
    std::chrono::milliseconds heartbeatInterval{
        1000}; ///< the client sends one this often; the service echoes it
    std::chrono::milliseconds heartbeatTimeout{3500}; ///< silence after which the service counts as gone
    std::chrono::milliseconds reconnectInterval{500};
    DeviceLog log;
};

/// The 签批屏 behind its local WebSocket service (PROTOCOLS.md "Signature pad over WebSocket").
std::unique_ptr<SignaturePad> openSignatureWebSocket(SignatureWebSocketOptions options);

/// The signature as a grey PNG of `width` × `height` pixels: black ink on white, scaled to fit with a
/// margin, line width following the pressure. Error code signature.render.
core::Expected<std::string> renderSignaturePng(const Signature& signature, unsigned width, unsigned height);

/// Commands of the stroke protocol (devices/PROTOCOLS.md "Signature pad").
namespace signature_protocol {
inline constexpr std::uint8_t showPrompt = 0x30, clear = 0x31, end = 0x32, info = 0x33; // client → pad
inline constexpr std::uint8_t heartbeat = 0x80, ack = 0xB0, infoAnswer = 0xB3, penDown = 0xC0, penMove = 0xC1,
                              penUp = 0xC2, done = 0xC3, cleared = 0xC4; // pad → client
} // namespace signature_protocol

} // namespace ywtb::devices
