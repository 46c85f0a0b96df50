#pragma once
// What the fuzz targets share: an invariant check that libFuzzer reports as a crash, and the decoders fed the
// way a serial port delivers bytes (in chunks of any size), checked for what must hold after every chunk.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

namespace ywtb::fuzz {

/// Prints the broken invariant and aborts, which libFuzzer reports with the input that did it.
[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    std::abort();
}

#define YWTB_FUZZ_CHECK(condition)                                                                           \
    ((condition) ? static_cast<void>(0) : ::ywtb::fuzz::fail(#condition, __FILE__, __LINE__))

/// Splits `data` into chunks of 1 to 512 bytes, often very small; the sizes follow from the data itself, so a
/// crash reproduces from its input file alone.
std::vector<std::span<const std::uint8_t>> chunksOf(std::span<const std::uint8_t> data);

/// Feeds `data` to `decoder` chunk by chunk, taking every frame after each chunk as a driver does, and checks
/// that the decoder then holds less than `wholeFrame` bytes (the longest frame it accepts). Returns the
/// frames.
template <typename Decoder>
auto decodeInChunks(Decoder& decoder, std::span<const std::uint8_t> data, std::size_t wholeFrame) {
    std::vector<typename decltype(decoder.next())::value_type> frames;
    for (const auto chunk : chunksOf(data)) {
        decoder.feed(chunk);
        while (auto frame = decoder.next())
            frames.push_back(std::move(*frame));
        YWTB_FUZZ_CHECK(decoder.buffered() < wholeFrame);
    }
    return frames;
}

/// Sets the checksum of every whole A5 5A frame in `data` (devices/serial/device_frame.h).
void fixA5Checksums(std::span<std::uint8_t> data);
/// Sets the checksum of every whole SAM frame in `data` (devices/idcard/sam_frame.h).
void fixSamChecksums(std::span<std::uint8_t> data);

/// libFuzzer's own mutation, then, every other time, `fix` applied to the result: most mutants of a frame
/// then get past the checksum to the code behind the decoder, and the others still test the checksum path.
std::size_t mutateFixingChecksums(std::uint8_t* data, std::size_t size, std::size_t maxSize, unsigned seed,
                                  void (*fix)(std::span<std::uint8_t>));

/// Whether `needle` occurs in `haystack` at or after `from`; moves `from` past it when it does.
bool findFrom(std::span<const std::uint8_t> haystack, std::span<const std::uint8_t> needle,
              std::size_t& from);

} // namespace ywtb::fuzz
