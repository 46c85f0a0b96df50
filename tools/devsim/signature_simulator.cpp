#include "tools/devsim/signature_simulator.h"

#include "devices/serial/device_frame.h"
#include "devices/signature/signature_pad.h"

#include <charconv>
#include <optional>

namespace ywtb::devsim {
namespace {

namespace frame = devices::frame;
namespace p = devices::signature_protocol;

constexpr unsigned padWidth = 2000, padHeight = 800, maxPressure = 1023;

std::optional<unsigned> parseNumber(std::string_view text) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value > 0xFFFF)
        return std::nullopt;
    return value;
}

class SignaturePadSimulator : public DeviceBehaviour {
public:
    std::vector<Bytes> received(std::span<const std::uint8_t> bytes) override {
        std::vector<Bytes> out;
        m_decoder.feed(bytes);
        while (auto f = m_decoder.next()) {
            switch (f->command) {
            case p::info: {
                Bytes payload;
                frame::putU16(payload, padWidth);
                frame::putU16(payload, padHeight);
                frame::putU16(payload, maxPressure);
                out.push_back(frame::encode(p::infoAnswer, payload));
                break;
            }
            case p::showPrompt:
                out.push_back(ack(p::showPrompt));
                m_shown = true;
                m_time = 0;
                out.insert(out.end(), m_waiting.begin(), m_waiting.end());
                m_waiting.clear();
                if (m_always) { // the demo's applicant signs every prompt and confirms
                    for (const auto& stroke : demoStrokes())
                        addStroke(stroke, out);
                    out.push_back(frame::encode(p::done));
                }
                break;
            case p::clear:
                out.push_back(ack(p::clear));
                break;
            case p::end:
                out.push_back(ack(p::end));
                m_shown = false;
                break;
            default:
                break;
            }
        }
        return out;
    }

    core::Expected<std::vector<Bytes>> command(const Words& words) override {
        std::vector<Bytes> frames;
        if (words[0] == "sign" || words[0] == "sign-demo") {
            auto strokes = words[0] == "sign" ? parseStrokes(words) : demoStrokes();
            if (!strokes.ok())
                return strokes.error();
            for (const auto& stroke : strokes.value())
                addStroke(stroke, frames);
        } else if (words[0] == "always-sign") {
            m_always = true;
            return frames;
        } else if (words[0] == "confirm") {
            frames.push_back(frame::encode(p::done));
        } else if (words[0] == "erase") {
            frames.push_back(frame::encode(p::cleared));
        } else if (words[0] == "heartbeat" && words.size() == 2) {
            const auto ms = parseNumber(words[1]);
            if (!ms)
                return badCommand(words[1]);
            m_heartbeat = std::chrono::milliseconds(*ms);
            return frames;
        } else {
            return badCommand(words[0]);
        }
        if (!m_shown) {
            m_waiting.insert(m_waiting.end(), frames.begin(), frames.end());
            return std::vector<Bytes>{};
        }
        return frames;
    }

    Bytes oversizedHeader() const override { return Bytes{0xA5, 0x5A, 0xFF}; }
    void reset() override {
        m_decoder.reset();
        m_shown = false;
    }
    std::chrono::milliseconds tickInterval() const override { return m_heartbeat; }
    std::vector<Bytes> tick() override { return {frame::encode(p::heartbeat)}; }

private:
    static Bytes ack(std::uint8_t command) { return frame::encode(p::ack, Bytes{command, 0}); }

    void addStroke(const devices::Stroke& stroke, std::vector<Bytes>& frames) {
        for (std::size_t i = 0; i < stroke.points.size(); ++i) {
            const auto& point = stroke.points[i];
            Bytes payload;
            frame::putU16(payload, static_cast<unsigned>(point.x));
            frame::putU16(payload, static_cast<unsigned>(point.y));
            frame::putU16(payload, static_cast<unsigned>(point.pressure));
            frame::putU32(payload, m_time);
            m_time += 10;
            const std::uint8_t kind = i == 0                          ? p::penDown
                                      : i + 1 == stroke.points.size() ? p::penUp
                                                                      : p::penMove;
            frames.push_back(frame::encode(kind, payload));
            if (stroke.points.size() == 1) // a dot: down and up at the same place
                frames.push_back(frame::encode(p::penUp, payload));
        }
    }

    frame::Decoder m_decoder;
    bool m_shown = false;
    std::vector<Bytes> m_waiting;
    std::uint32_t m_time = 0;
    bool m_always = false; ///< "always-sign": every prompt is signed with the demo strokes and confirmed
    std::chrono::milliseconds m_heartbeat{1000};
};

} // namespace

core::Expected<std::vector<devices::Stroke>> parseStrokes(const Words& words) {
    std::vector<devices::Stroke> strokes(1);
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i] == "|") {
            if (strokes.back().points.empty())
                return badCommand("sign");
            strokes.emplace_back();
            continue;
        }
        const std::string_view text = words[i];
        const auto c1 = text.find(','), c2 = text.rfind(',');
        if (c1 == std::string_view::npos || c1 == c2)
            return badCommand(words[i]);
        const auto x = parseNumber(text.substr(0, c1));
        const auto y = parseNumber(text.substr(c1 + 1, c2 - c1 - 1));
        const auto pressure = parseNumber(text.substr(c2 + 1));
        if (!x || !y || !pressure)
            return badCommand(words[i]);
        strokes.back().points.push_back(
            {static_cast<int>(*x), static_cast<int>(*y), static_cast<int>(*pressure), 0});
    }
    if (strokes.back().points.empty())
        return badCommand("sign");
    return strokes;
}

std::vector<devices::Stroke> demoStrokes() {
    // A loop and a stroke under it, roughly a handwritten "乙" with an underline.
    return {devices::Stroke{{{300, 200, 300, 0},
                             {700, 180, 600, 0},
                             {900, 220, 800, 0},
                             {600, 450, 900, 0},
                             {400, 600, 700, 0},
                             {1200, 620, 600, 0},
                             {1500, 500, 400, 0}}},
            devices::Stroke{{{250, 700, 500, 0}, {1750, 690, 700, 0}}}};
}

std::unique_ptr<DeviceBehaviour> makeSignaturePad() {
    return std::make_unique<SignaturePadSimulator>();
}

} // namespace ywtb::devsim
