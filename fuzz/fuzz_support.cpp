#include "fuzz/fuzz_support.h"

#include "devices/idcard/sam_frame.h"
#include "devices/serial/device_frame.h"

#include <algorithm>

// libFuzzer's mutator, for custom mutators.
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t maxSize);

namespace ywtb::fuzz {
namespace {

// splitmix64 (Steele, Lea, Flood 2014) seeded with FNV-1a of the input.
struct SplitMix {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        return z ^ (z >> 31);
    }
};

std::uint64_t fnv1a(std::span<const std::uint8_t> data) {
    std::uint64_t hash = 0xCBF29CE484222325u;
    for (const auto b : data)
        hash = (hash ^ b) * 0x100000001B3u;
    return hash;
}

} // namespace

std::vector<std::span<const std::uint8_t>> chunksOf(std::span<const std::uint8_t> data) {
    SplitMix random{fnv1a(data)};
    std::vector<std::span<const std::uint8_t>> chunks;
    while (!data.empty()) {
        const auto r = random.next();
        // Half the reads are a few bytes (a frame split anywhere), half up to 512 (several frames at once).
        const std::size_t wanted = 1 + ((r & 1) ? (r >> 1) % 8 : (r >> 1) % 512);
        const auto size = std::min(wanted, data.size());
        chunks.push_back(data.first(size));
        data = data.subspan(size);
    }
    return chunks;
}

bool findFrom(std::span<const std::uint8_t> haystack, std::span<const std::uint8_t> needle,
              std::size_t& from) {
    if (from > haystack.size())
        return false;
    const auto rest = haystack.subspan(from);
    const auto found = std::search(rest.begin(), rest.end(), needle.begin(), needle.end());
    if (found == rest.end())
        return false;
    from += static_cast<std::size_t>(found - rest.begin()) + needle.size();
    return true;
}

void fixA5Checksums(std::span<std::uint8_t> data) {
    namespace f = devices::frame;
    std::size_t i = 0;
    while (i + 3 < data.size()) {
        const std::size_t length = data[i + 2];
        const std::size_t end = i + 3 + length; // the checksum's index
        if (data[i] != f::start[0] || data[i + 1] != f::start[1] || length == 0 || length > f::maxLength ||
            end >= data.size()) {
            ++i;
            continue;
        }
        data[end] = devices::sam::xorOf(data.subspan(i + 2, length + 1));
        i = end + 1;
    }
}

void fixSamChecksums(std::span<std::uint8_t> data) {
    namespace s = devices::sam;
    constexpr std::size_t header = s::preamble.size() + 2;
    std::size_t i = 0;
    while (i + header < data.size()) {
        const std::size_t length = std::size_t{data[i + 5]} << 8 | data[i + 6];
        const std::size_t end = i + header + length - 1; // the checksum's index
        if (!std::equal(s::preamble.begin(), s::preamble.end(),
                        data.begin() + static_cast<std::ptrdiff_t>(i)) ||
            length < 3 || length > s::maxFrameLength || end >= data.size()) {
            ++i;
            continue;
        }
        data[end] = s::xorOf(data.subspan(i + s::preamble.size(), 2 + length - 1));
        i = end + 1;
    }
}

std::size_t mutateFixingChecksums(std::uint8_t* data, std::size_t size, std::size_t maxSize, unsigned seed,
                                  void (*fix)(std::span<std::uint8_t>)) {
    size = LLVMFuzzerMutate(data, size, maxSize);
    if (seed % 2 == 0)
        fix({data, size});
    return size;
}

} // namespace ywtb::fuzz
