// The signature-ws messages (devices/PROTOCOLS.md "Signature pad over WebSocket"): good ones parse to
// what they say, bad ones are refused with signature.message and never an exception.

#include "devices/signature/signature_ws_message.h"

#include <catch2/catch.hpp>

using namespace ywtb::devices;

TEST_CASE("signature-ws messages of the protocol's examples parse", "[signature][websocket]") {
    auto info = parseSignatureWsMessage(
        R"({"action":"open","ret":"00","width":2000,"height":800,"max_pressure":1023,"serial":"SIM-SIG-0001"})");
    REQUIRE(info.ok());
    CHECK(info->success == true);
    CHECK(info->width == 2000);
    CHECK(info->height == 800);
    CHECK(info->maxPressure == 1023);
    CHECK(info->serialNumber == "SIM-SIG-0001");

    auto sign = parseSignatureWsMessage(R"({"action":"sign","prompt":"请签名"})");
    REQUIRE(sign.ok());
    CHECK_FALSE(sign->success.has_value());
    CHECK(sign->prompt == "请签名");

    auto stroke =
        parseSignatureWsMessage(R"({"action":"stroke","points":[[100,100,500,0],[400,200,800,10]]})");
    REQUIRE(stroke.ok());
    CHECK(stroke->stroke.points == std::vector<PenPoint>{{100, 100, 500, 0}, {400, 200, 800, 10}});

    auto refused = parseSignatureWsMessage(R"({"action":"sign","ret":"01","msg":"device busy"})");
    REQUIRE(refused.ok());
    CHECK(refused->success == false);
    CHECK(refused->msg == "device busy");

    CHECK(parseSignatureWsMessage(R"({"action":"done"})").ok());
    CHECK(parseSignatureWsMessage(R"({"action":"cleared"})").ok());
    CHECK(parseSignatureWsMessage(R"({"action":"error","ret":"01","msg":"bad packet"})").ok());
}

TEST_CASE("signature-ws messages survive encoding and parsing", "[signature][websocket]") {
    SignatureWsMessage m;
    m.action = "stroke";
    m.stroke.points = {{1, 2, 3, 4}, {65535, 65535, 65535, 0xFFFFFFFFu}};
    const auto text = encodeSignatureWsMessage(m);
    CHECK(text == R"({"action":"stroke","points":[[1,2,3,4],[65535,65535,65535,4294967295]]})");
    auto back = parseSignatureWsMessage(text);
    REQUIRE(back.ok());
    CHECK(back->stroke.points == m.stroke.points);
}

TEST_CASE("bad signature-ws messages are refused with signature.message", "[signature][websocket]") {
    const char* bad[] = {
        "",
        "{",
        "[]",
        R"({"ret":"00"})",                // no action
        R"({"action":7})",                // action of the wrong type
        R"({"action":"explode"})",        // unknown action
        R"({"action":"open","ret":"0"})", // ret neither 00 nor 01
        R"({"action":"open","ret":"00","width":2000,"height":800,"max_pressure":1023})", // no serial
        R"({"action":"open","ret":"00","width":0,"height":800,"max_pressure":1023,"serial":"x"})",
        R"({"action":"stroke"})", // no points
        R"({"action":"stroke","points":[]})",
        R"({"action":"stroke","points":[[1,2,3]]})",
        R"({"action":"stroke","points":[[1,2,3,-4]]})",
        R"({"action":"stroke","points":[[1,2,3,4.5]]})",
        R"({"action":"stroke","points":[[70000,2,3,4]]})",
        R"({"action":"stroke","points":[{"x":1}]})",
        R"({"action":"sign","prompt":5})",
    };
    for (const char* text : bad) {
        INFO(text);
        auto parsed = parseSignatureWsMessage(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "signature.message");
    }
    CHECK_FALSE(
        parseSignatureWsMessage(R"({"action":"sign","prompt":")" + std::string(2000, 'x') + "\"}").ok());
}
