// The SAM framing of the ID-card reader (devices/idcard/sam_frame.h), fed in chunks as the reader driver
// does.
//
// Invariants: every body is one that was in the stream, in order (its frame re-encodes to bytes found there);
// its length field is within 3 to maxFrameLength; the decoder holds less than one whole frame between reads;
// how the bytes were split does not change the bodies or the count of dropped frames.

#include "devices/idcard/sam_frame.h"
#include "fuzz/fuzz_support.h"

namespace {

using namespace ywtb::devices;

constexpr std::size_t wholeFrame = sam::preamble.size() + 2 + sam::maxFrameLength;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> input(data, size);
    sam::FrameDecoder chunked;
    const auto bodies = ywtb::fuzz::decodeInChunks(chunked, input, wholeFrame);

    sam::FrameDecoder whole;
    whole.feed(input);
    std::vector<std::vector<std::uint8_t>> wholeBodies;
    while (auto body = whole.next())
        wholeBodies.push_back(std::move(*body));
    YWTB_FUZZ_CHECK(bodies == wholeBodies);
    YWTB_FUZZ_CHECK(chunked.droppedFrames() == whole.droppedFrames());
    YWTB_FUZZ_CHECK(chunked.buffered() == whole.buffered());

    std::size_t at = 0;
    for (const auto& body : bodies) {
        const std::size_t length = body.size() + 1;
        YWTB_FUZZ_CHECK(length >= 3 && length <= sam::maxFrameLength);
        const auto bytes = sam::encodeFrame(body);
        YWTB_FUZZ_CHECK(ywtb::fuzz::findFrom(input, bytes, at));
        sam::FrameDecoder again;
        again.feed(bytes);
        const auto decoded = again.next();
        YWTB_FUZZ_CHECK(decoded && *decoded == body && !again.next() && again.buffered() == 0);
    }
    return 0;
}

// Half the mutants get valid checksums and so pass the decoder's checks (fuzz_support.h).
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t maxSize,
                                               unsigned seed) {
    return ywtb::fuzz::mutateFixingChecksums(data, size, maxSize, seed, ywtb::fuzz::fixSamChecksums);
}
