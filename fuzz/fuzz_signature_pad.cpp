// What the signature pad sends, as the driver reads it (devices/signature/pad_payload.h): the A5 5A stream
// fed in chunks; the first INFO answer gives the area (a bad one ends the capture, as in the driver), the pen
// and CLEARED frames go to the StrokeCollector, DONE finishes a signature and the next one starts.
//
// Invariants: a sample is taken exactly when it has 10 bytes, and re-encodes to them; an area is never empty;
// every finished stroke has points, all inside the area; no accepted sample is lost or counted twice; CLEARED
// voids what came before; only pen and CLEARED frames are taken by the collector.

#include "devices/serial/device_frame.h"
#include "devices/signature/pad_payload.h"
#include "fuzz/fuzz_support.h"

namespace {

using namespace ywtb::devices;
namespace p = signature_protocol;

constexpr std::size_t wholeFrame = frame::start.size() + 1 + frame::maxLength + 1;

bool isPen(std::uint8_t command) {
    return command == p::penDown || command == p::penMove || command == p::penUp;
}

void checkSample(std::span<const std::uint8_t> payload) {
    const auto point = pad_payload::parsePenSample(payload);
    YWTB_FUZZ_CHECK(point.has_value() == (payload.size() == pad_payload::penSampleSize));
    if (!point)
        return;
    YWTB_FUZZ_CHECK(point->x >= 0 && point->x <= 0xFFFF && point->y >= 0 && point->y <= 0xFFFF);
    YWTB_FUZZ_CHECK(point->pressure >= 0 && point->pressure <= 0xFFFF);
    std::vector<std::uint8_t> again;
    frame::putU16(again, static_cast<unsigned>(point->x));
    frame::putU16(again, static_cast<unsigned>(point->y));
    frame::putU16(again, static_cast<unsigned>(point->pressure));
    frame::putU32(again, point->timeMs);
    YWTB_FUZZ_CHECK(std::equal(again.begin(), again.end(), payload.begin(), payload.end()));
}

void checkSignature(const Signature& signature, const pad_payload::PadInfo& area,
                    std::size_t acceptedPoints) {
    YWTB_FUZZ_CHECK(signature.padWidth == area.width && signature.padHeight == area.height);
    YWTB_FUZZ_CHECK(signature.maxPressure == area.maxPressure);
    std::size_t points = 0;
    for (const auto& stroke : signature.strokes) {
        YWTB_FUZZ_CHECK(!stroke.points.empty());
        for (const auto& point : stroke.points)
            YWTB_FUZZ_CHECK(point.x >= 0 && point.x <= area.width && point.y >= 0 && point.y <= area.height);
        points += stroke.points.size();
    }
    YWTB_FUZZ_CHECK(points == acceptedPoints);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    frame::Decoder decoder;
    pad_payload::StrokeCollector strokes;
    std::optional<pad_payload::PadInfo> area;
    std::size_t accepted = 0; // samples of the right size inside the area since the last CLEARED or DONE
    for (const auto& f : ywtb::fuzz::decodeInChunks(decoder, {data, size}, wholeFrame)) {
        const std::span<const std::uint8_t> payload(f.payload);
        if (f.command == p::infoAnswer && !area) {
            area = pad_payload::parseInfo(payload);
            if (!area) // the driver gives up: signature.pad
                return 0;
            YWTB_FUZZ_CHECK(area->width > 0 && area->height > 0 && payload.size() >= 6);
            YWTB_FUZZ_CHECK(area->width == static_cast<int>(frame::getU16(payload, 0)) &&
                            area->height == static_cast<int>(frame::getU16(payload, 2)) &&
                            area->maxPressure == static_cast<int>(frame::getU16(payload, 4)));
            strokes.setArea(*area);
            continue;
        }
        if (f.command == p::done && area) {
            checkSignature(strokes.finish(), *area, accepted);
            accepted = 0;
            continue;
        }
        if (isPen(f.command))
            checkSample(payload);
        const int width = area ? area->width : 0, height = area ? area->height : 0;
        if (isPen(f.command) && payload.size() == pad_payload::penSampleSize &&
            static_cast<int>(frame::getU16(payload, 0)) <= width &&
            static_cast<int>(frame::getU16(payload, 2)) <= height)
            ++accepted;
        if (f.command == p::cleared)
            accepted = 0;
        YWTB_FUZZ_CHECK(strokes.take(f) == (isPen(f.command) || f.command == p::cleared));
    }
    if (area)
        checkSignature(strokes.finish(), *area, accepted);
    return 0;
}

// Half the mutants get valid checksums and so pass the decoder's checks (fuzz_support.h).
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t maxSize,
                                               unsigned seed) {
    return ywtb::fuzz::mutateFixingChecksums(data, size, maxSize, seed, ywtb::fuzz::fixA5Checksums);
}
