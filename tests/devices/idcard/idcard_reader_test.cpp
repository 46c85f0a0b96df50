// The ID-card driver against the simulated reader on a real pty, speaking the real SAM protocol.

#include "devices/idcard/idcard_reader.h"
#include "devices/support/simulated_device.h"
#include "tools/devsim/idcard_simulator.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>

using namespace ywtb;
using namespace ywtb::devices;
using namespace std::chrono_literals;
using testing::CapturedLog;
using testing::SimulatedDevice;

namespace {

IdCardReaderOptions optionsFor(const std::string& path, CapturedLog& log) {
    IdCardReaderOptions options;
    options.path = path;
    options.answerTimeout = 300ms;
    options.reconnectInterval = 20ms;
    options.log = log.sink();
    options.today = [] { return core::CivilDate::parse("2026-11-28").value(); };
    return options;
}

core::CivilDate date(const char* iso) {
    return core::CivilDate::parse(iso).value();
}

} // namespace

TEST_CASE("a card on the reader is read, decoded and checked", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    CHECK(reader.state() == DeviceState::Connected);

    device("present zhang");
    auto card = reader.readCard();
    REQUIRE(card.ok());
    CHECK(card->name == "张三");
    CHECK(card->sex == core::Sex::Male);
    CHECK(card->nationCode == "01");
    CHECK(card->nation == "汉");
    CHECK(card->birthDate == date("1990-03-07"));
    CHECK(card->address == "上海市黄浦区人民大道200号");
    CHECK(card->idNumber.number == "310101199003072313");
    CHECK(card->issuingAuthority == "上海市公安局黄浦分局");
    CHECK(card->validFrom == date("2015-06-01"));
    CHECK(card->validUntil == date("2035-06-01"));
    CHECK(card->photoWlt == devsim::demoPhoto());
    CHECK(card->photoNeedsVendorDecoder);

    // The log names whose card it was, masked (PIPL).
    CHECK(log.contains("张* 310101********2313"));
    CHECK_FALSE(log.contains("张三"));
    CHECK_FALSE(log.contains("310101199003072313"));

    SECTION("a card valid for life and a minority nation") {
        device("present wang");
        auto other = reader.readCard();
        REQUIRE(other.ok());
        CHECK(other->name == "王小明");
        CHECK(other->nation == "回");
        CHECK_FALSE(other->validUntil.has_value());
    }
}

TEST_CASE("an empty reader says there is no card", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    auto card = reader.readCard();
    REQUIRE_FALSE(card.ok());
    CHECK(card.error().code == "idcard.no_card");

    device("present li");
    REQUIRE(reader.readCard().ok());
    device("remove");
    CHECK(reader.readCard().error().code == "idcard.no_card");
}

TEST_CASE("damaged answers are logged and dropped, and the card is still read", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    device("present li");

    SECTION("a bad checksum") {
        device("bad-checksum");
        auto card = reader.readCard();
        REQUIRE(card.ok());
        CHECK(card->name == "李四");
        CHECK(log.contains("checksum"));
    }
    SECTION("garbage bytes before an answer") {
        device("garbage 200");
        REQUIRE(reader.readCard().ok());
        CHECK(log.contains("200 bytes outside any frame"));
    }
    SECTION("an oversized length") {
        device("oversize");
        REQUIRE(reader.readCard().ok());
        CHECK(log.contains("length 65520"));
    }
    SECTION("garbage, a bad checksum and an oversized length at once") {
        device("garbage 10");
        device("oversize");
        device("bad-checksum");
        REQUIRE(reader.readCard().ok());
    }
    CHECK_FALSE(log.contains("李四"));
}

TEST_CASE("a reader that stops answering gives a timeout, not a hang", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    device("present zhang");
    device("stall");

    const auto started = std::chrono::steady_clock::now();
    auto card = reader.readCard();
    const auto waited = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(card.ok());
    CHECK(card.error().code == "idcard.timeout");
    CHECK(waited < 2s); // one answer timeout (300 ms), with room for a slow CI machine
    CHECK(log.contains("no answer"));

    device("resume");
    CHECK(reader.readCard().ok());
}

TEST_CASE("an unplugged reader is reported disconnected and comes back by itself", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    std::mutex mutex;
    std::vector<DeviceState> seen;
    reader.onStateChange([&](DeviceState s) {
        std::lock_guard lock(mutex);
        seen.push_back(s);
    });
    device("present zhang");
    REQUIRE(reader.readCard().ok());

    SECTION("between two reads") {
        device("unplug 0");
        REQUIRE(reader.waitForState(DeviceState::Disconnected, 2s));
        CHECK(reader.readCard().error().code == "serial.disconnected");
        device("plug");
    }
    SECTION("in the middle of an answer") {
        device("unplug-mid-frame 0");
        auto card = reader.readCard();
        REQUIRE_FALSE(card.ok());
        CHECK(card.error().code == "serial.disconnected");
        CHECK(reader.state() == DeviceState::Disconnected);
        device("plug");
    }
    SECTION("while nobody is reading, back after a while") {
        device("unplug 100");
        REQUIRE(reader.waitForState(DeviceState::Disconnected, 2s));
    }
    REQUIRE(reader.waitForState(DeviceState::Connected, 2s));
    auto card = reader.readCard();
    REQUIRE(card.ok());
    CHECK(card->name == "张三");
    std::lock_guard lock(mutex);
    CHECK(seen == std::vector<DeviceState>{DeviceState::Disconnected, DeviceState::Connected});
}

TEST_CASE("a reader that is not there yet is picked up when it appears", "[idcard]") {
    testing::TempDir dir;
    const std::string path = (dir / "reader").string();
    CapturedLog log;
    IdCardReader reader(optionsFor(path, log));
    CHECK(reader.state() == DeviceState::Disconnected);
    CHECK(reader.readCard().error().code == "serial.disconnected");

    auto simulator = devsim::DeviceSimulator::start(devsim::makeIdCardReader(), path);
    REQUIRE(simulator.ok());
    REQUIRE(reader.waitForState(DeviceState::Connected, 2s));
    REQUIRE(simulator.value()->command("present li").ok());
    CHECK(reader.readCard().ok());
}

TEST_CASE("a card whose ID number fails GB 11643 is refused, and the number stays masked", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    device("present badcheck");
    auto card = reader.readCard();
    REQUIRE_FALSE(card.ok());
    CHECK(card.error().code == "id.check_digit");
    CHECK(card.error().where == "310101********2314");
    CHECK_FALSE(log.contains("310101199003072314"));
    CHECK_FALSE(log.contains("赵五"));
}

TEST_CASE("a reader whose security module is not authorised says so", "[idcard]") {
    SimulatedDevice device(devsim::makeIdCardReader());
    CapturedLog log;
    IdCardReader reader(optionsFor(device.path(), log));
    device("present zhang");
    device("unauthorised");
    CHECK(reader.readCard().error().code == "idcard.not_authorised");
}
