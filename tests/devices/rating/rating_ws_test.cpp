// The networked 评价器 driver against the simulated device, a real WebSocket service on loopback.

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
using testing::SimulatedService;

namespace {

RatingWebSocketOptions optionsFor(const std::string& url, CapturedLog& log) {
    RatingWebSocketOptions options;
    options.url = url;
    options.workNo = "S0123";
    options.window = "W03";
    options.answerTimeout = 500ms;
    options.heartbeatInterval = 100ms;
    options.heartbeatTimeout = 600ms;
    options.reconnectInterval = 20ms;
    options.log = log.sink();
    return options;
}

const RatingRequest acceptStep{"SH310101-W03-20261128-0042", RatingStage::Accept};

std::string describe(const core::Expected<RatingResult>& result, const CapturedLog& log) {
    return (result.ok() ? std::string("ok") : result.error().str()) + "\n" + log.all();
}

} // namespace

TEST_CASE("rating-ws: the applicant's level and tags come back for the case step", "[rating][websocket]") {
    SimulatedService device(devsim::makeRatingWebSocketDevice());
    CapturedLog log;
    auto rater = openRatingWebSocket(optionsFor(device.url(), log));
    CHECK(rater->state() == DeviceState::Connected);
    CHECK(log.contains("logged in at window W03, device SIM-RATING-0001"));

    device("press 4 1 3");
    auto result = rater->requestRating(acceptStep, 2s);
    INFO(describe(result, log));
    REQUIRE(result.ok());
    CHECK(result->level == 4);
    CHECK(result->tags == std::vector<int>{1, 3});

    // 不满意 with 服务态度: a bad rating, pressed while the prompt shows.
    auto later = std::async(std::launch::async, [&] {
        return rater->requestRating({acceptStep.caseNumber, RatingStage::Release}, 3s);
    });
    std::this_thread::sleep_for(200ms);
    device("press 2 3");
    result = later.get();
    REQUIRE(result.ok());
    CHECK(result->level == 2);
    CHECK(result->tags == std::vector<int>{3});
    CHECK(isBadRating(result->level));
    // The case number is personal enough to stay out of the log.
    CHECK_FALSE(log.contains(acceptStep.caseNumber));
}

TEST_CASE("rating-ws: an applicant who does not rate is reported, and the device is free again",
          "[rating][websocket]") {
    SimulatedService device(devsim::makeRatingWebSocketDevice());
    CapturedLog log;
    auto rater = openRatingWebSocket(optionsFor(device.url(), log));

    SECTION("walks away") {
        device("leave");
        CHECK(rater->requestRating(acceptStep, 2s).error().code == "rating.not_rated");
    }
    SECTION("takes too long: the prompt is taken back") {
        const auto started = std::chrono::steady_clock::now();
        CHECK(rater->requestRating(acceptStep, 300ms).error().code == "rating.no_answer");
        CHECK(std::chrono::steady_clock::now() - started < 2s);
    }
    device("press 5");
    auto result = rater->requestRating(acceptStep, 2s);
    INFO(describe(result, log));
    REQUIRE(result.ok());
    CHECK(result->level == 5);
    CHECK(result->tags.empty());
}

TEST_CASE("rating-ws: damaged and unexpected messages are logged by size and dropped",
          "[rating][websocket]") {
    SimulatedService device(devsim::makeRatingWebSocketDevice());
    CapturedLog log;
    auto rater = openRatingWebSocket(optionsFor(device.url(), log));
    std::string expected = "dropped a message of";
    std::string fault;         // applies to the device's next message, the acknowledgement
    std::string sentMeanwhile; // sent while the prompt shows
    SECTION("noise") {
        fault = "garbage 50";
    }
    SECTION("broken JSON") {
        fault = "malformed";
    }
    SECTION("a message beyond 64 KiB") {
        fault = "oversize 100000";
        expected = "more than 65536";
    }
    SECTION("an unknown code") {
        sentMeanwhile = R"(send {"code":61234,"state":1,"data":{}})";
    }
    SECTION("a result with fields of the wrong type") {
        sentMeanwhile = R"(send {"code":50101,"state":1,"data":{"request_id":"1","rated":"yes","level":4}})";
    }
    SECTION("a level outside 1-5") {
        sentMeanwhile = R"(send {"code":50101,"state":1,"data":{"request_id":1,"rated":true,"level":9}})";
    }
    if (!fault.empty())
        device(fault);
    auto pending = std::async(std::launch::async, [&] { return rater->requestRating(acceptStep, 3s); });
    std::this_thread::sleep_for(200ms);
    if (!sentMeanwhile.empty())
        device(sentMeanwhile);
    device("press 3 2");
    auto result = pending.get();
    INFO(describe(result, log));
    REQUIRE(result.ok());
    CHECK(result->level == 3);
    CHECK(log.contains(expected));
    CHECK(rater->state() == DeviceState::Connected);
}

TEST_CASE("rating-ws: a device that stops answering gives a timeout, not a hang", "[rating][websocket]") {
    SimulatedService device(devsim::makeRatingWebSocketDevice());
    CapturedLog log;
    auto rater = openRatingWebSocket(optionsFor(device.url(), log));
    REQUIRE(rater->waitForState(DeviceState::Connected, 2s));

    SECTION("before it acknowledges") {
        device("stall");
        const auto started = std::chrono::steady_clock::now();
        CHECK(rater->requestRating(acceptStep, 10s).error().code == "rating.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
    }
    SECTION("while the applicant chooses: no more heartbeat answers") {
        auto pending = std::async(std::launch::async, [&] { return rater->requestRating(acceptStep, 10s); });
        std::this_thread::sleep_for(200ms);
        device("stall");
        const auto started = std::chrono::steady_clock::now();
        CHECK(pending.get().error().code == "rating.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
        CHECK(log.contains("no heartbeat answer"));
    }
    device("resume");
    // The link may have given the silent device up meanwhile; it comes back by itself. The cancel went
    // unheard, so the press must come after the new prompt, or it would answer the old one.
    REQUIRE(rater->waitForState(DeviceState::Connected, 3s));
    auto pending = std::async(std::launch::async, [&] { return rater->requestRating(acceptStep, 3s); });
    std::this_thread::sleep_for(200ms);
    device("press 5");
    auto result = pending.get();
    INFO(describe(result, log));
    CHECK(result.ok());
}

TEST_CASE("rating-ws: a device that goes away is reported disconnected and comes back by itself",
          "[rating][websocket]") {
    SimulatedService device(devsim::makeRatingWebSocketDevice());
    CapturedLog log;
    auto rater = openRatingWebSocket(optionsFor(device.url(), log));
    std::vector<DeviceState> seen;
    std::mutex seenMutex;
    rater->onStateChange([&](DeviceState s) {
        std::lock_guard lock(seenMutex);
        seen.push_back(s);
    });
    SECTION("between two requests") {
        device("unplug 0");
        REQUIRE(rater->waitForState(DeviceState::Disconnected, 2s));
        CHECK(rater->requestRating(acceptStep, 1s).error().code == "websocket.disconnected");
    }
    SECTION("while the prompt shows") {
        auto pending = std::async(std::launch::async, [&] { return rater->requestRating(acceptStep, 10s); });
        std::this_thread::sleep_for(200ms);
        device("unplug 0");
        const auto started = std::chrono::steady_clock::now();
        CHECK(pending.get().error().code == "websocket.disconnected");
        CHECK(std::chrono::steady_clock::now() - started < 2s);
        CHECK(rater->state() == DeviceState::Disconnected);
    }
    device("plug");
    REQUIRE(rater->waitForState(DeviceState::Connected, 3s));
    device("press 1 1 2 3");
    auto result = rater->requestRating(acceptStep, 2s);
    INFO(describe(result, log));
    REQUIRE(result.ok());
    CHECK(result->level == 1);
    CHECK(result->tags == std::vector<int>{1, 2, 3});
    std::lock_guard lock(seenMutex);
    CHECK(seen == std::vector<DeviceState>{DeviceState::Disconnected, DeviceState::Connected});
}

TEST_CASE("rating-ws: no service, a refused login and a bad request fail with their codes",
          "[rating][websocket]") {
    CapturedLog log;
    SECTION("nothing listens") {
        SimulatedService device(devsim::makeRatingWebSocketDevice());
        device("unplug 0");
        auto rater = openRatingWebSocket(optionsFor(device.url(), log));
        CHECK(rater->state() == DeviceState::Disconnected);
        const auto started = std::chrono::steady_clock::now();
        CHECK(rater->requestRating(acceptStep, 1s).error().code == "websocket.disconnected");
        CHECK(std::chrono::steady_clock::now() - started < 2s);
    }
    SECTION("no staff number to log in with") {
        SimulatedService device(devsim::makeRatingWebSocketDevice());
        auto options = optionsFor(device.url(), log);
        options.workNo.clear();
        auto rater = openRatingWebSocket(options);
        CHECK(rater->state() == DeviceState::Disconnected);
        CHECK(rater->requestRating(acceptStep, 1s).error().code == "rating.login");
    }
    SECTION("no case number") {
        SimulatedService device(devsim::makeRatingWebSocketDevice());
        auto rater = openRatingWebSocket(optionsFor(device.url(), log));
        CHECK(rater->requestRating({"", RatingStage::Accept}, 1s).error().code == "rating.request");
    }
    SECTION("not a ws:// address") {
        auto rater = openRatingWebSocket(optionsFor("http://127.0.0.1:1/rating", log));
        CHECK(rater->requestRating(acceptStep, 1s).error().code == "websocket.io");
        CHECK(log.contains("not a ws:// address"));
    }
}
