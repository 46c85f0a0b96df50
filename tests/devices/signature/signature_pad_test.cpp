// The signature pad driver against the simulated pad on a real pty, over the stroke protocol, and the
// PNG it renders.

#include "devices/signature/pad_payload.h"
#include "devices/signature/signature_pad.h"
#include "devices/support/simulated_device.h"
#include "tools/devsim/signature_simulator.h"

#include <catch2/catch.hpp>
#include <future>
#include <png.h>
#include <thread>

using namespace ywtb;
using namespace ywtb::devices;
using namespace std::chrono_literals;
using testing::CapturedLog;
using testing::SimulatedDevice;

namespace {

SignaturePadOptions optionsFor(const std::string& path, CapturedLog& log) {
    SignaturePadOptions options;
    options.path = path;
    options.answerTimeout = 300ms;
    options.heartbeatTimeout = 1000ms;
    options.reconnectInterval = 20ms;
    options.log = log.sink();
    return options;
}

struct Decoded {
    unsigned width = 0;
    unsigned height = 0;
    std::vector<std::uint8_t> grey;
    std::size_t inked() const {
        std::size_t n = 0;
        for (auto v : grey)
            n += v < 128;
        return n;
    }
};

Decoded decodePng(const std::string& png) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_memory(&image, png.data(), png.size()));
    image.format = PNG_FORMAT_GRAY;
    Decoded out{image.width, image.height, std::vector<std::uint8_t>(PNG_IMAGE_SIZE(image))};
    REQUIRE(png_image_finish_read(&image, nullptr, out.grey.data(), 0, nullptr));
    return out;
}

} // namespace

TEST_CASE("the applicant's strokes come back as vectors and render to a PNG", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    CapturedLog log;
    auto pad = openSerialSignaturePad(optionsFor(device.path(), log));
    CHECK(pad->state() == DeviceState::Connected);

    device("sign 100,100,500 400,300,800 700,200,1000 | 1000,100,300 1000,700,300");
    device("confirm");
    auto signature = pad->capture("请在此签名", 2s);
    REQUIRE(signature.ok());
    CHECK(signature->padWidth == 2000);
    CHECK(signature->padHeight == 800);
    CHECK(signature->maxPressure == 1023);
    REQUIRE(signature->strokes.size() == 2);
    CHECK(signature->strokes[0].points ==
          std::vector<PenPoint>{{100, 100, 500, 0}, {400, 300, 800, 10}, {700, 200, 1000, 20}});
    CHECK(signature->strokes[1].points == std::vector<PenPoint>{{1000, 100, 300, 30}, {1000, 700, 300, 40}});

    auto png = renderSignaturePng(*signature, 500, 200);
    REQUIRE(png.ok());
    const auto image = decodePng(*png);
    CHECK(image.width == 500);
    CHECK(image.height == 200);
    CHECK(image.inked() > 200);
    CHECK(image.grey.front() == 255); // the corners stay paper-white
    CHECK(image.grey.back() == 255);
}

TEST_CASE("the demo signature renders with ink", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    CapturedLog log;
    auto pad = openSerialSignaturePad(optionsFor(device.path(), log));
    device("sign-demo");
    device("confirm");
    auto signature = pad->capture("请签名", 2s);
    REQUIRE(signature.ok());
    auto png = renderSignaturePng(*signature, 300, 120);
    REQUIRE(png.ok());
    CHECK(decodePng(*png).inked() > 100);
}

TEST_CASE("strokes before the applicant presses 重写 are void", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    CapturedLog log;
    auto pad = openSerialSignaturePad(optionsFor(device.path(), log));
    device("sign 10,10,100 20,20,100");
    device("erase");
    device("sign 50,50,200 60,60,200");
    device("confirm");
    auto signature = pad->capture("请签名", 2s);
    REQUIRE(signature.ok());
    REQUIRE(signature->strokes.size() == 1);
    CHECK(signature->strokes[0].points.front().x == 50);
}

TEST_CASE("no signature: confirmed empty, or not in time", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    CapturedLog log;
    auto pad = openSerialSignaturePad(optionsFor(device.path(), log));
    SECTION("confirmed without signing") {
        device("confirm");
        CHECK(pad->capture("请签名", 2s).error().code == "signature.empty");
    }
    SECTION("not in time") {
        CHECK(pad->capture("请签名", 200ms).error().code == "signature.no_answer");
    }
    CHECK(pad->clear().ok());
}

TEST_CASE("damaged frames from the pad are dropped and the strokes still arrive", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    CapturedLog log;
    auto pad = openSerialSignaturePad(optionsFor(device.path(), log));
    SECTION("a bad checksum") {
        device("bad-checksum");
    }
    SECTION("garbage") {
        device("garbage 64");
    }
    SECTION("an oversized length") {
        device("oversize");
    }
    device("sign 100,100,500 200,200,500");
    device("confirm");
    auto signature = pad->capture("请签名", 2s);
    REQUIRE(signature.ok());
    CHECK(signature->strokes.size() == 1);
    CHECK(log.contains("dropped"));
}

TEST_CASE("a pad that stalls gives a timeout, an unplugged pad comes back", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    CapturedLog log;
    auto pad = openSerialSignaturePad(optionsFor(device.path(), log));
    SECTION("stall") {
        device("stall");
        const auto started = std::chrono::steady_clock::now();
        CHECK(pad->capture("请签名", 10s).error().code == "signature.timeout");
        CHECK(std::chrono::steady_clock::now() - started < 3s);
        device("resume");
    }
    SECTION("unplug in the middle of a frame") {
        device("unplug-mid-frame 0");
        CHECK(pad->capture("请签名", 1s).error().code == "serial.disconnected");
        device("plug");
        REQUIRE(pad->waitForState(DeviceState::Connected, 2s));
    }
    device("sign 1,1,1 2,2,2");
    device("confirm");
    CHECK(pad->capture("请签名", 2s).ok());
}

TEST_CASE("a signature cannot be drawn at a size of zero", "[signature]") {
    Signature signature{100, 100, 10, {}};
    CHECK(renderSignaturePng(signature, 0, 10).error().code == "signature.render");
    CHECK(renderSignaturePng(signature, 10, 10).ok()); // no strokes: a blank image, the caller decides
}

TEST_CASE("a pen-down while a stroke is open keeps that stroke: only its pen-up was lost",
          "[devices][signature]") {
    namespace p = ywtb::devices::signature_protocol;
    auto sample = [](unsigned x, unsigned y, std::uint32_t t) {
        std::vector<std::uint8_t> payload;
        ywtb::devices::frame::putU16(payload, x);
        ywtb::devices::frame::putU16(payload, y);
        ywtb::devices::frame::putU16(payload, 500);
        ywtb::devices::frame::putU32(payload, t);
        return payload;
    };
    ywtb::devices::pad_payload::StrokeCollector strokes;
    strokes.setArea({2000, 1000, 1023});
    CHECK(strokes.take({p::penDown, sample(10, 10, 0)}));
    CHECK(strokes.take({p::penMove, sample(20, 12, 10)}));
    CHECK(strokes.take({p::penDown, sample(300, 40, 200)})); // the pen-up of the first stroke never came
    CHECK(strokes.take({p::penUp, sample(310, 45, 210)}));
    CHECK_FALSE(strokes.take({p::heartbeat, {}}));
    auto signature = strokes.finish();
    REQUIRE(signature.strokes.size() == 2);
    CHECK(signature.strokes[0].points.size() == 2);
    CHECK(signature.strokes[1].points.size() == 2);
    CHECK(signature.strokes[1].points[0].x == 300);
}

TEST_CASE("'always-sign' signs and confirms every prompt on the serial pad (the demo's applicant)",
          "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    SignaturePadOptions options;
    options.path = device.path();
    options.reconnectInterval = 20ms;
    auto pad = openSerialSignaturePad(options);
    device("always-sign");
    for (int i = 0; i < 2; ++i) {
        auto signature = pad->capture("请签名", 2s);
        REQUIRE(signature.ok());
        CHECK(signature->strokes.size() == devsim::demoStrokes().size());
    }
}

TEST_CASE("cancel() from another thread ends the capture on the serial pad at once", "[signature]") {
    SimulatedDevice device(devsim::makeSignaturePad());
    SignaturePadOptions options;
    options.path = device.path();
    options.reconnectInterval = 20ms;
    auto pad = openSerialSignaturePad(options);
    auto waiting = std::async(std::launch::async, [&] { return pad->capture("请签名", 30s); });
    std::this_thread::sleep_for(300ms);
    pad->cancel();
    REQUIRE(waiting.wait_for(2s) == std::future_status::ready);
    auto cancelled = waiting.get();
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().code == "signature.cancelled");
    device("sign-demo");
    device("confirm");
    auto next = pad->capture("请签名", 2s);
    REQUIRE(next.ok());
    CHECK_FALSE(next->strokes.empty());
}
