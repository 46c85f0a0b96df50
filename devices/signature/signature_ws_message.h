#pragma once
// The messages of the 签批屏 local WebSocket service (devices/PROTOCOLS.md "Signature pad over WebSocket"):
// UTF-8 JSON {"action": …, "ret": "00|01"}, both directions. Pure functions, so that the driver, the
// simulator and a fuzzer share them.

#include "core/error.h"
#include "devices/signature/signature_pad.h"

#include <optional>
#include <string>
#include <string_view>

namespace ywtb::devices {

namespace signature_ws {
// Requests (client → service, each answered with the same action and "ret").
inline constexpr std::string_view open = "open", heartbeat = "heartbeat", sign = "sign", clear = "clear",
                                  cancel = "cancel";
// Events (service → client, no "ret"), and the answer to what the service cannot read.
inline constexpr std::string_view stroke = "stroke", done = "done", cleared = "cleared", error = "error";
inline constexpr std::size_t maxPrompt = 1024,
                             maxStrokePoints = 2000; // at most ~62 KB of JSON: under the 64 KiB cap
} // namespace signature_ws

/// One message, either direction. Answers carry "ret" (success: "00"); requests and events do not.
struct SignatureWsMessage {
    std::string action;
    std::optional<bool> success; ///< "ret": "00" success, "01" failure
    std::string msg;             ///< the service's own words about a failure
    std::string prompt;          ///< sign request
    int width = 0;               ///< open answer: the device info
    int height = 0;
    int maxPressure = 0;
    std::string serialNumber;
    Stroke stroke; ///< stroke event: the samples from pen down to pen up
};

/// Parses and checks one message: fields present with the right type and range for its action.
/// Error code signature.message (the error names the field, never a value).
core::Expected<SignatureWsMessage> parseSignatureWsMessage(std::string_view text);
/// The message as JSON text.
std::string encodeSignatureWsMessage(const SignatureWsMessage& message);

} // namespace ywtb::devices
