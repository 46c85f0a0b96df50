// forms/devices.json: where this counter's devices are, checked before any port is opened.

#include "core/device_config.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE(
    "device addresses: serial ports, COM ports and ws:// addresses pass; anything else is named with the fix",
    "[devices]") {
    for (const char* good : {"/dev/ttyUSB0", "/dev/serial/by-id/usb-ID_Card_Reader-if00-port0", "COM3",
                             "COM12", "ws://127.0.0.1:30089/", "ws://127.0.0.1:30090/rating",
                             "wss://pad.local", "ws://[::1]:30089/signature"})
        CHECK(checkDeviceAddress(good, "rating").ok());
    for (const char* bad : {"usb0", "COM", "COMX", "COM1234", "http://127.0.0.1:30089/", "ws://",
                            "ws:///path", "ws://host/a b", "/"}) {
        INFO(bad);
        auto checked = checkDeviceAddress(bad, "rating");
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().code == "devices.address");
        CHECK(checked.error().where == "rating");
    }
    CHECK(isWebSocketAddress("ws://127.0.0.1:1/"));
    CHECK_FALSE(isWebSocketAddress("/dev/ttyUSB0"));
}

TEST_CASE("devices.json: every entry optional, a bad address and an unknown key refused", "[devices]") {
    auto empty = parseDeviceConfig(R"({"format": "ywtb-devices", "format_version": 1})", "devices.json");
    REQUIRE(empty.ok());
    CHECK(empty.addresses.rating.empty());
    auto full = parseDeviceConfig(R"({"format": "ywtb-devices", "format_version": 1, "idcard": "/dev/ttyUSB0",
        "rating": "ws://127.0.0.1:30090/rating", "signature": "COM4", "scanner": "fujitsu:fi-7160:1234"})",
                                  "devices.json");
    REQUIRE(full.ok());
    CHECK(full.addresses.idcard == "/dev/ttyUSB0");
    CHECK(full.addresses.signature == "COM4");
    CHECK(full.addresses.scanner == "fujitsu:fi-7160:1234"); // a SANE name, not an address
    CHECK(empty.addresses.scanner.empty());
    auto bad = parseDeviceConfig(
        R"({"format": "ywtb-devices", "format_version": 1, "rating": "usb1", "signatur": "COM4"})",
        "devices.json");
    REQUIRE(bad.errors.size() == 2);
    CHECK(bad.errors[0].code == "devices.address");
}
