// The A5 5A framing of the rating keypad and the signature pad (devices/serial/device_frame.h), fed in
// chunks.
//
// Invariants: every frame is one that was in the stream, in order (it re-encodes to bytes found there); its
// length is within 1 to maxLength; the decoder holds less than one whole frame between reads; how the bytes
// were split does not change the frames or the count of dropped ones; a re-encoded frame decodes to itself.

#include "devices/serial/device_frame.h"
#include "fuzz/fuzz_support.h"

#include <algorithm>

namespace {

using namespace ywtb::devices;

constexpr std::size_t wholeFrame = frame::start.size() + 1 + frame::maxLength + 1;

bool sameFrame(const frame::Frame& a, const frame::Frame& b) {
    return a.command == b.command && a.payload == b.payload;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> input(data, size);
    frame::Decoder chunked;
    const auto frames = ywtb::fuzz::decodeInChunks(chunked, input, wholeFrame);

    frame::Decoder whole;
    whole.feed(input);
    std::vector<frame::Frame> wholeFrames;
    while (auto f = whole.next())
        wholeFrames.push_back(std::move(*f));
    YWTB_FUZZ_CHECK(
        std::equal(frames.begin(), frames.end(), wholeFrames.begin(), wholeFrames.end(), sameFrame));
    YWTB_FUZZ_CHECK(chunked.droppedFrames() == whole.droppedFrames());
    YWTB_FUZZ_CHECK(chunked.buffered() == whole.buffered());

    std::size_t at = 0;
    for (const auto& f : frames) {
        YWTB_FUZZ_CHECK(f.payload.size() + 1 <= frame::maxLength);
        const auto bytes = frame::encode(f.command, f.payload);
        YWTB_FUZZ_CHECK(bytes.size() == f.payload.size() + 5);
        YWTB_FUZZ_CHECK(ywtb::fuzz::findFrom(input, bytes, at));
        frame::Decoder again;
        again.feed(bytes);
        const auto decoded = again.next();
        YWTB_FUZZ_CHECK(decoded && sameFrame(*decoded, f) && !again.next() && again.buffered() == 0);
    }
    return 0;
}

// Half the mutants get valid checksums and so pass the decoder's checks (fuzz_support.h).
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t maxSize,
                                               unsigned seed) {
    return ywtb::fuzz::mutateFixingChecksums(data, size, maxSize, seed, ywtb::fuzz::fixA5Checksums);
}
