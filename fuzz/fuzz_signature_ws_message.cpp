// The 签批屏 service's WebSocket messages (devices/signature/signature_ws_message.h), as the driver parses
// each text frame.
//
// Invariants: a refusal is signature.message and does not quote the text; a message taken has bounded fields
// (prompt, at most 2000 points a stroke, no negative size or pressure) and survives encode → parse → encode.

#include "devices/signature/signature_ws_message.h"
#include "fuzz/fuzz_ws_messages.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ywtb::devices;
    ywtb::fuzz::checkRoundTrip({data, size}, "signature.message", parseSignatureWsMessage,
                               encodeSignatureWsMessage, [](const SignatureWsMessage& m) {
                                   YWTB_FUZZ_CHECK(m.prompt.size() <= signature_ws::maxPrompt);
                                   YWTB_FUZZ_CHECK(m.stroke.points.size() <= signature_ws::maxStrokePoints);
                                   YWTB_FUZZ_CHECK(m.width >= 0 && m.height >= 0 && m.maxPressure >= 0);
                                   for (const auto& p : m.stroke.points)
                                       YWTB_FUZZ_CHECK(p.x >= 0 && p.y >= 0 && p.pressure >= 0);
                               });
    return 0;
}
