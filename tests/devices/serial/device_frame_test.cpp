#include "devices/serial/device_frame.h"

#include <catch2/catch.hpp>

using namespace ywtb::devices;
using Bytes = std::vector<std::uint8_t>;

TEST_CASE("A5 5A frames: length, command, payload and XOR checksum", "[serial]") {
    CHECK(frame::encode(0x01) == Bytes{0xA5, 0x5A, 0x01, 0x01, 0x00});
    CHECK(frame::encode(0x10, Bytes{0x00, 0x01, 0x02}) ==
          Bytes{0xA5, 0x5A, 0x04, 0x10, 0x00, 0x01, 0x02, 0x17});

    std::vector<std::string> log;
    frame::Decoder decoder([&](const std::string& line) { log.push_back(line); });
    Bytes stream{0x11, 0x22, 0xA5};            // noise, then a lone start byte
    stream.insert(stream.end(), {0x5A, 0x00}); // … that becomes a frame of length 0: dropped
    auto bad = frame::encode(0x80);
    bad.back() ^= 1; // bad checksum: dropped
    stream.insert(stream.end(), bad.begin(), bad.end());
    stream.insert(stream.end(), {0xA5, 0x5A, 0xFB}); // length 251: dropped
    const auto good = frame::encode(0xA0, Bytes{0x00, 0x07, 0x04, 0x01, 0x03});
    stream.insert(stream.end(), good.begin(), good.end());
    for (auto b : stream) // byte by byte, as a slow line delivers them
        decoder.feed(Bytes{b});
    auto f = decoder.next();
    REQUIRE(f);
    CHECK(f->command == 0xA0);
    CHECK(f->payload == Bytes{0x00, 0x07, 0x04, 0x01, 0x03});
    CHECK_FALSE(decoder.next());
    CHECK(decoder.droppedFrames() == 3);
}
