// The 好差评 keypad driver against the simulated keypad on a real pty, over the keypad protocol.

#include "devices/rating/rating_device.h"
#include "devices/support/simulated_device.h"
#include "tools/devsim/rating_simulator.h"

#include <catch2/catch.hpp>
#include <future>
#include <thread>

using namespace ywtb;
using namespace ywtb::devices;
using namespace std::chrono_literals;
using testing::CapturedLog;
using testing::SimulatedDevice;

namespace {

RatingKeypadOptions optionsFor(const std::string& path, CapturedLog& log) {
    RatingKeypadOptions options;
    options.path = path;
    options.answerTimeout = 300ms;
    options.heartbeatTimeout = 1000ms;
    options.reconnectInterval = 20ms;
    options.log = log.sink();
    return options;
}

const RatingRequest acceptStep{"SH310101-W03-20261128-0042", RatingStage::Accept};

} // namespace

TEST_CASE("the applicant's level and tags come back for the case step", "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));
    CHECK(keypad->state() == DeviceState::Connected);

    device("press 4 1 3");
    auto result = keypad->requestRating(acceptStep, 2s);
    REQUIRE(result.ok());
    CHECK(result->level == 4);
    CHECK(result->tags == std::vector<int>{1, 3});
    CHECK_FALSE(isBadRating(result->level));

    // 不满意 with 服务态度: a bad rating.
    device("press 2 3");
    result = keypad->requestRating({acceptStep.caseNumber, RatingStage::Release}, 2s);
    REQUIRE(result.ok());
    CHECK(result->level == 2);
    CHECK(result->tags == std::vector<int>{3});
    CHECK(isBadRating(result->level));
}

TEST_CASE("an applicant who does not rate is reported, and the keypad is free again", "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    device("heartbeat 50");
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));

    SECTION("walks away") {
        device("leave");
        CHECK(keypad->requestRating(acceptStep, 2s).error().code == "rating.not_rated");
    }
    SECTION("takes too long") {
        CHECK(keypad->requestRating(acceptStep, 200ms).error().code == "rating.no_answer");
    }
    device("press 5");
    auto result = keypad->requestRating(acceptStep, 2s);
    INFO((result.ok() ? std::string() : result.error().str()) << "\n" << log.all());
    REQUIRE(result.ok());
    CHECK(result->level == 5);
    CHECK(result->tags.empty());
}

TEST_CASE("damaged frames from the keypad are logged and dropped, and the result still arrives", "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));
    SECTION("a bad checksum") {
        device("bad-checksum");
    }
    SECTION("garbage") {
        device("garbage 50");
    }
    SECTION("an oversized length") {
        device("oversize");
    }
    device("press 3 2");
    auto result = keypad->requestRating(acceptStep, 2s);
    REQUIRE(result.ok());
    CHECK(result->level == 3);
    CHECK(log.contains("dropped"));
}

TEST_CASE("a keypad that stops answering gives a timeout, not a hang", "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto options = optionsFor(device.path(), log);
    options.heartbeatTimeout = 300ms;
    auto keypad = openRatingKeypad(options);

    SECTION("before it acknowledges") {
        device("stall");
        const auto started = std::chrono::steady_clock::now();
        CHECK(keypad->requestRating(acceptStep, 10s).error().code == "rating.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
        device("resume");
    }
    SECTION("while the applicant chooses: no more heartbeats") {
        device("heartbeat 0");
        const auto started = std::chrono::steady_clock::now();
        CHECK(keypad->requestRating(acceptStep, 10s).error().code == "rating.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
        CHECK(log.contains("no heartbeat"));
        device("heartbeat 1000");
    }
    device("press 5");
    CHECK(keypad->requestRating(acceptStep, 2s).ok());
}

TEST_CASE("an unplugged keypad is reported disconnected and comes back by itself", "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));
    SECTION("between two requests") {
        device("unplug 0");
        REQUIRE(keypad->waitForState(DeviceState::Disconnected, 2s));
        CHECK(keypad->requestRating(acceptStep, 1s).error().code == "serial.disconnected");
    }
    SECTION("in the middle of the acknowledgement") {
        device("unplug-mid-frame 0");
        CHECK(keypad->requestRating(acceptStep, 1s).error().code == "serial.disconnected");
        CHECK(keypad->state() == DeviceState::Disconnected);
    }
    device("plug");
    REQUIRE(keypad->waitForState(DeviceState::Connected, 2s));
    device("press 1 1 2 3");
    auto result = keypad->requestRating(acceptStep, 2s);
    REQUIRE(result.ok());
    CHECK(result->level == 1);
    CHECK(result->tags == std::vector<int>{1, 2, 3});
}

TEST_CASE("a request without a case number is refused before anything is sent", "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));
    CHECK(keypad->requestRating({"", RatingStage::Accept}, 1s).error().code == "rating.request");
}

TEST_CASE(
    "'always' answers every prompt the same way (the demo's applicant), a one-off press still comes first",
    "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));
    device("always 5 2");
    for (auto stage : {RatingStage::Receive, RatingStage::Accept, RatingStage::Release}) {
        auto result = keypad->requestRating({acceptStep.caseNumber, stage}, 2s);
        REQUIRE(result.ok());
        CHECK(result->level == 5);
        CHECK(result->tags == std::vector<int>{2});
    }
}

TEST_CASE("cancel() from another thread takes the prompt back at once, and the keypad takes the next request",
          "[rating]") {
    SimulatedDevice device(devsim::makeRatingKeypad());
    CapturedLog log;
    auto keypad = openRatingKeypad(optionsFor(device.path(), log));
    auto waiting = std::async(std::launch::async, [&] { return keypad->requestRating(acceptStep, 30s); });
    std::this_thread::sleep_for(300ms); // the prompt is on the keypad
    const auto asked = std::chrono::steady_clock::now();
    keypad->cancel();
    REQUIRE(waiting.wait_for(2s) == std::future_status::ready);
    CHECK(std::chrono::steady_clock::now() - asked < 1s);
    auto cancelled = waiting.get();
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().code == "rating.cancelled");
    // The keypad dropped the prompt: a new request is not "busy", and is answered.
    device("press 3");
    auto next = keypad->requestRating({acceptStep.caseNumber, RatingStage::Release}, 2s);
    REQUIRE(next.ok());
    CHECK(next->level == 3);
}
