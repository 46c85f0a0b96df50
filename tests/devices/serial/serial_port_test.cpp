// The serial port wrapper on a real pseudo-terminal (the device end is tools/devsim's PtyDevice).

#include "devices/serial/serial_port.h"
#include "support/temp_dir.h"
#include "tools/devsim/pty_device.h"

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace ywtb;
using namespace ywtb::devices;
using namespace std::chrono_literals;

TEST_CASE("a port that is not there, or is not a serial port, is refused with the path named", "[serial]") {
    testing::TempDir dir;
    auto missing = openSerialPort((dir / "nothing").string(), {});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "serial.open");
    CHECK(missing.error().where == (dir / "nothing").string());

    // A plain file goes to libserialport, which knows it is no serial port.
    const auto file = dir.write("plain", "x");
    auto plain = openSerialPort(file.string(), {});
    REQUIRE_FALSE(plain.ok());
    CHECK(plain.error().code == "serial.open");
}

TEST_CASE("bytes go both ways through a pty, reads time out, and an unplug is seen", "[serial]") {
    testing::TempDir dir;
    devsim::PtyDevice device((dir / "port").string());
    REQUIRE(device.plugIn().ok());
    auto opened = openSerialPort(device.linkPath(), {});
    REQUIRE(opened.ok());
    auto& port = *opened.value();
    CHECK(port.path() == device.linkPath());
    CHECK(port.present());

    const std::uint8_t hello[] = {0x01, 0x02, 0xAA, 0x0A, 0x0D, 0x03}; // raw: LF and CR pass unchanged
    REQUIRE(::write(device.masterFd(), hello, sizeof hello) == sizeof hello);
    std::vector<std::uint8_t> got;
    while (got.size() < sizeof hello) {
        auto bytes = port.read(64, 200ms);
        REQUIRE(bytes.ok());
        REQUIRE_FALSE(bytes->empty());
        got.insert(got.end(), bytes->begin(), bytes->end());
    }
    CHECK(got == std::vector<std::uint8_t>(std::begin(hello), std::end(hello)));

    REQUIRE(port.write(std::vector<std::uint8_t>{0x10, 0x20}, 200ms).ok());
    std::uint8_t back[8] = {};
    for (int i = 0; i < 50 && ::read(device.masterFd(), back, sizeof back) < 0; ++i)
        ::usleep(2000);
    CHECK(back[0] == 0x10);
    CHECK(back[1] == 0x20);

    const auto started = std::chrono::steady_clock::now();
    auto nothing = port.read(64, 50ms);
    REQUIRE(nothing.ok());
    CHECK(nothing->empty());
    CHECK(std::chrono::steady_clock::now() - started >= 45ms);

    device.unplug();
    CHECK_FALSE(port.present());
    auto gone = port.read(64, 200ms);
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().code == "serial.disconnected");
    CHECK(port.write(std::vector<std::uint8_t>{0x01}, 200ms).error().code == "serial.disconnected");
}
