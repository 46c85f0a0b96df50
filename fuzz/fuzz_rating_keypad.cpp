// What the 好差评 keypad sends, as the driver reads it (devices/rating/keypad_payload.h): the A5 5A stream
// fed in chunks, every frame passed to the payload decoder its command calls for.
//
// Invariants: a RESULT is taken exactly when its level is 1 to 5 and its size matches its tag count, and then
// re-encodes to its payload; the request id is the first two bytes whenever there are two; a RATE-ACK's code
// is its third byte, or badRequest when it has none.

#include "devices/rating/keypad_payload.h"
#include "devices/serial/device_frame.h"
#include "fuzz/fuzz_support.h"

namespace {

using namespace ywtb::devices;
namespace p = rating_protocol;

constexpr std::size_t wholeFrame = frame::start.size() + 1 + frame::maxLength + 1;

void checkResult(std::span<const std::uint8_t> payload) {
    const auto result = keypad_payload::parseResult(payload);
    const bool wellFormed =
        payload.size() >= 4 && payload[2] >= 1 && payload[2] <= 5 && payload.size() == 4u + payload[3];
    YWTB_FUZZ_CHECK(result.has_value() == wellFormed);
    if (!result)
        return;
    const auto& rating = result->rating;
    YWTB_FUZZ_CHECK(rating.level >= 1 && rating.level <= 5);
    YWTB_FUZZ_CHECK(result->requestId <= 0xFFFF && rating.tags.size() <= frame::maxLength - 5);
    std::vector<std::uint8_t> again;
    frame::putU16(again, result->requestId);
    again.push_back(static_cast<std::uint8_t>(rating.level));
    again.push_back(static_cast<std::uint8_t>(rating.tags.size()));
    for (const int tag : rating.tags) {
        YWTB_FUZZ_CHECK(tag >= 0 && tag <= 0xFF);
        again.push_back(static_cast<std::uint8_t>(tag));
    }
    YWTB_FUZZ_CHECK(std::equal(again.begin(), again.end(), payload.begin(), payload.end()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    frame::Decoder decoder;
    for (const auto& f : ywtb::fuzz::decodeInChunks(decoder, {data, size}, wholeFrame)) {
        const std::span<const std::uint8_t> payload(f.payload);
        const auto id = keypad_payload::requestId(payload);
        YWTB_FUZZ_CHECK(id.has_value() == (payload.size() >= 2));
        YWTB_FUZZ_CHECK(!id || *id == (unsigned{payload[0]} << 8 | payload[1]));
        switch (f.command) {
        case p::rateAck:
            YWTB_FUZZ_CHECK(keypad_payload::rateAckCode(payload) ==
                            (payload.size() > 2 ? payload[2] : p::badRequest));
            break;
        case p::result:
            checkResult(payload);
            break;
        default:
            break; // heartbeat, status, cancel and not-rated answers carry nothing more the driver reads
        }
    }
    return 0;
}

// Half the mutants get valid checksums and so pass the decoder's checks (fuzz_support.h).
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t maxSize,
                                               unsigned seed) {
    return ywtb::fuzz::mutateFixingChecksums(data, size, maxSize, seed, ywtb::fuzz::fixA5Checksums);
}
