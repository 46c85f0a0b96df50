// The 签批屏 local-service driver against the simulated service, a real WebSocket service on loopback.

#include "devices/signature/signature_pad.h"
#include "devices/support/simulated_device.h"
#include "tools/devsim/signature_simulator.h"

#include <catch2/catch.hpp>
#include <future>
#include <thread>

using namespace ywtb;
using namespace ywtb::devices;
using namespace std::chrono_literals;
using testing::CapturedLog;
using testing::SimulatedService;

namespace {

SignatureWebSocketOptions optionsFor(const std::string& url, CapturedLog& log) {
    SignatureWebSocketOptions options;
    options.url = url;
    options.answerTimeout = 500ms;
    options.heartbeatInterval = 100ms;
    options.heartbeatTimeout = 600ms;
    options.reconnectInterval = 20ms;
    options.log = log.sink();
    return options;
}

std::string describe(const core::Expected<Signature>& result, const CapturedLog& log) {
    return (result.ok() ? std::string("ok") : result.error().str()) + "\n" + log.all();
}

} // namespace

TEST_CASE("signature-ws: strokes come back with the pad's size, in order, with their times",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    CHECK(signaturePad->state() == DeviceState::Connected);
    CHECK(log.contains("serial number SIM-SIG-0001"));

    pad("sign 100,100,500 400,200,800 | 500,500,300");
    pad("confirm");
    auto signature = signaturePad->capture("请签名", 2s);
    INFO(describe(signature, log));
    REQUIRE(signature.ok());
    CHECK(signature->padWidth == 2000);
    CHECK(signature->padHeight == 800);
    CHECK(signature->maxPressure == 1023);
    REQUIRE(signature->strokes.size() == 2);
    CHECK(signature->strokes[0].points == std::vector<PenPoint>{{100, 100, 500, 0}, {400, 200, 800, 10}});
    CHECK(signature->strokes[1].points == std::vector<PenPoint>{{500, 500, 300, 20}});

    // Signed while the prompt shows: the strokes are pushed as the pen lifts.
    auto pending = std::async(std::launch::async, [&] { return signaturePad->capture("请签名", 3s); });
    std::this_thread::sleep_for(200ms);
    pad("sign-demo");
    pad("confirm");
    signature = pending.get();
    REQUIRE(signature.ok());
    CHECK(signature->strokes.size() == 2);
    CHECK(signature->strokes[0].points.size() == 7);
}

TEST_CASE("signature-ws: 重写 voids the strokes so far, and clear() blanks the pad",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    pad("sign 10,10,100 20,20,100");
    pad("erase");
    pad("sign 30,30,200 40,40,200");
    pad("confirm");
    auto signature = signaturePad->capture("请签名", 2s);
    INFO(describe(signature, log));
    REQUIRE(signature.ok());
    REQUIRE(signature->strokes.size() == 1);
    CHECK(signature->strokes[0].points.front().x == 30);
    CHECK(signaturePad->clear().ok());
}

TEST_CASE("signature-ws: an empty or missing signature is an error", "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    SECTION("confirmed without signing") {
        pad("confirm");
        CHECK(signaturePad->capture("请签名", 2s).error().code == "signature.empty");
    }
    SECTION("not confirmed in time") {
        pad("sign 10,10,100");
        CHECK(signaturePad->capture("请签名", 300ms).error().code == "signature.no_answer");
    }
    pad("sign 50,50,50");
    pad("confirm");
    CHECK(signaturePad->capture("请签名", 2s).ok());
}

TEST_CASE("signature-ws: damaged messages and samples outside the pad are logged and dropped",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    std::string expected = "dropped a message of";
    std::string sentMeanwhile; // sent while the prompt shows
    SECTION("noise") {
        pad("garbage 40");
    }
    SECTION("broken JSON") {
        pad("malformed");
    }
    SECTION("a message beyond 64 KiB") {
        pad("oversize 70000");
        expected = "more than 65536";
    }
    SECTION("a stroke with a point of the wrong shape") {
        sentMeanwhile = R"(send {"action":"stroke","points":[[1,2,3]]})";
    }
    SECTION("an unknown action") {
        sentMeanwhile = R"(send {"action":"explode","ret":"00"})";
    }
    SECTION("a point outside the pad") {
        pad("sign 1,1,1 2500,100,100");
        expected = "dropped 1 pen samples outside the pad";
    }
    auto pending = std::async(std::launch::async, [&] { return signaturePad->capture("请签名", 3s); });
    std::this_thread::sleep_for(200ms);
    if (!sentMeanwhile.empty())
        pad(sentMeanwhile);
    pad("sign 100,100,100 200,200,200");
    pad("confirm");
    auto signature = pending.get();
    INFO(describe(signature, log));
    REQUIRE(signature.ok());
    CHECK(signature->strokes.back().points.back().x == 200);
    CHECK(log.contains(expected));
}

TEST_CASE("signature-ws: a service that stops answering gives a timeout, not a hang",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    REQUIRE(signaturePad->waitForState(DeviceState::Connected, 2s));
    SECTION("before the prompt is shown") {
        pad("stall");
        const auto started = std::chrono::steady_clock::now();
        CHECK(signaturePad->capture("请签名", 10s).error().code == "signature.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
    }
    SECTION("while the applicant signs") {
        auto pending = std::async(std::launch::async, [&] { return signaturePad->capture("请签名", 10s); });
        std::this_thread::sleep_for(200ms);
        pad("stall");
        const auto started = std::chrono::steady_clock::now();
        CHECK(pending.get().error().code == "signature.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
    }
    pad("resume");
    // The cancel went unheard: signing must come after the new prompt, or it would end the old capture.
    REQUIRE(signaturePad->waitForState(DeviceState::Connected, 3s));
    auto pending = std::async(std::launch::async, [&] { return signaturePad->capture("请签名", 3s); });
    std::this_thread::sleep_for(200ms);
    pad("sign 5,5,5");
    pad("confirm");
    auto signature = pending.get();
    INFO(describe(signature, log));
    CHECK(signature.ok());
}

TEST_CASE("signature-ws: a service that goes away is reported disconnected and comes back by itself",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    SECTION("between two captures") {
        pad("unplug 0");
        REQUIRE(signaturePad->waitForState(DeviceState::Disconnected, 2s));
        CHECK(signaturePad->capture("请签名", 1s).error().code == "websocket.disconnected");
        CHECK(signaturePad->clear().error().code == "websocket.disconnected");
    }
    SECTION("in the middle of a capture") {
        auto pending = std::async(std::launch::async, [&] { return signaturePad->capture("请签名", 10s); });
        std::this_thread::sleep_for(200ms);
        pad("sign 1,1,1 2,2,2");
        pad("unplug 0");
        CHECK(pending.get().error().code == "websocket.disconnected");
        CHECK(signaturePad->state() == DeviceState::Disconnected);
    }
    pad("plug");
    REQUIRE(signaturePad->waitForState(DeviceState::Connected, 3s));
    pad("sign 7,7,7");
    pad("confirm");
    auto signature = signaturePad->capture("请签名", 2s);
    INFO(describe(signature, log));
    REQUIRE(signature.ok());
    CHECK(signature->strokes.size() == 1);
}

TEST_CASE("signature-ws: 'always-sign' signs and confirms every prompt (the demo's applicant)",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    pad("always-sign");
    for (int i = 0; i < 2; ++i) {
        auto signature = signaturePad->capture("请签名", 2s);
        REQUIRE(signature.ok());
        CHECK(signature->strokes.size() == devsim::demoStrokes().size());
    }
}

TEST_CASE("signature-ws: cancel() from another thread ends the capture at once, and the next one works",
          "[signature][websocket]") {
    SimulatedService pad(devsim::makeSignatureWebSocketService());
    CapturedLog log;
    auto signaturePad = openSignatureWebSocket(optionsFor(pad.url(), log));
    auto waiting = std::async(std::launch::async, [&] { return signaturePad->capture("请签名", 30s); });
    std::this_thread::sleep_for(300ms);
    const auto asked = std::chrono::steady_clock::now();
    signaturePad->cancel();
    REQUIRE(waiting.wait_for(2s) == std::future_status::ready);
    CHECK(std::chrono::steady_clock::now() - asked < 1s);
    auto cancelled = waiting.get();
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().code == "signature.cancelled");
    pad("sign-demo");
    pad("confirm");
    auto next = signaturePad->capture("请签名", 2s);
    REQUIRE(next.ok());
    CHECK_FALSE(next->strokes.empty());
}
