#include "devices/idcard/sam_frame.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ywtb::devices;
using Bytes = std::vector<std::uint8_t>;

TEST_CASE("SAM command frames carry the length and the XOR checksum of the public protocol", "[idcard]") {
    // The read command as the protocol documents it.
    CHECK(sam::encodeCommand(sam::readTextAndPhoto) ==
          Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32});
    CHECK(sam::encodeCommand(sam::findCard) ==
          Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22});
    CHECK(sam::encodeAnswer(sam::status::findOk, Bytes(4, 0)) ==
          Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97});
}

TEST_CASE("the frame decoder finds frames split anywhere and drops what is damaged", "[idcard]") {
    std::vector<std::string> log;
    sam::FrameDecoder decoder([&](const std::string& line) { log.push_back(line); });
    const Bytes good = sam::encodeAnswer(sam::status::ok, Bytes{1, 2, 3});

    SECTION("one byte at a time") {
        for (std::size_t i = 0; i + 1 < good.size(); ++i) {
            decoder.feed(std::span(&good[i], 1));
            CHECK_FALSE(decoder.next());
        }
        decoder.feed(std::span(&good.back(), 1));
        CHECK(decoder.next() == Bytes{0x00, 0x00, 0x90, 1, 2, 3});
        CHECK(log.empty());
    }
    SECTION("garbage before a frame is skipped and logged") {
        Bytes stream{0x01, 0xAA, 0x55, 0xAA, 0xAA, 0x13};
        stream.insert(stream.end(), good.begin(), good.end());
        decoder.feed(stream);
        CHECK(decoder.next() == Bytes{0x00, 0x00, 0x90, 1, 2, 3});
        CHECK(log.size() == 1);
    }
    SECTION("a bad checksum drops that frame only") {
        Bytes bad = good;
        bad.back() ^= 0x01;
        bad.insert(bad.end(), good.begin(), good.end());
        decoder.feed(bad);
        CHECK(decoder.next() == Bytes{0x00, 0x00, 0x90, 1, 2, 3});
        CHECK_FALSE(decoder.next());
        CHECK(decoder.droppedFrames() == 1);
        CHECK(log.front().find("checksum") != std::string::npos);
    }
    SECTION("an oversized length is dropped at once, without waiting for its bytes") {
        Bytes stream{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xF0};
        stream.insert(stream.end(), good.begin(), good.end());
        decoder.feed(stream);
        CHECK(decoder.next() == Bytes{0x00, 0x00, 0x90, 1, 2, 3});
        CHECK(decoder.droppedFrames() == 1);
        CHECK(log.front().find("65520") != std::string::npos);
    }
    SECTION("a length too short to hold a checksum is dropped") {
        decoder.feed(Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x00});
        CHECK_FALSE(decoder.next());
        CHECK(decoder.droppedFrames() == 1);
    }
    SECTION("endless noise does not make the buffer grow") {
        for (int i = 0; i < 1000; ++i) {
            decoder.feed(Bytes(100, 0x42));
            CHECK_FALSE(decoder.next());
        }
        decoder.feed(good);
        CHECK(decoder.next());
    }
}
