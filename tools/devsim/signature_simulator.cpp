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

core::Error badCommand(const std::string& what) {
    return core::Error{"devsim.command", core::Message(N_("unknown or malformed simulator command: {command}"), {{"command", what}}),
                       {}, core::Message(N_("see devices/PROTOCOLS.md, section \"Simulator\", for the commands"))};
}

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
                break;
            case p::clear: out.push_back(ack(p::clear)); break;
            case p::end:
                out.push_back(ack(p::end));
                m_shown = false;
                break;
            default: break;
            }
        }
        return out;
    }

    core::Expected<std::vector<Bytes>> command(const Words& words) override {
        std::vector<Bytes> frames;
        if (words[0] == "sign" && words.size() >= 2) {
            std::vector<std::string> stroke;
            for (std::size_t i = 1; i <= words.size(); ++i) {
                if (i == words.size() || words[i] == "|") {
                    if (auto ok = addStroke(stroke, frames); !ok.ok())
                        return ok.error();
                    stroke.clear();
                } else {
                    stroke.push_back(words[i]);
                }
            }
        } else if (words[0] == "sign-demo") {
            // A loop and a stroke under it, roughly a handwritten "乙" with an underline.
            addStroke({"300,200,300", "700,180,600", "900,220,800", "600,450,900", "400,600,700", "1200,620,600", "1500,500,400"}, frames);
            addStroke({"250,700,500", "1750,690,700"}, frames);
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

    core::Expected<core::Done> addStroke(const std::vector<std::string>& points, std::vector<Bytes>& frames) {
        if (points.empty())
            return badCommand("sign");
        for (std::size_t i = 0; i < points.size(); ++i) {
            const auto& text = points[i];
            const auto c1 = text.find(','), c2 = text.rfind(',');
            if (c1 == std::string::npos || c1 == c2)
                return badCommand(text);
            const auto x = parseNumber(std::string_view(text).substr(0, c1));
            const auto y = parseNumber(std::string_view(text).substr(c1 + 1, c2 - c1 - 1));
            const auto pressure = parseNumber(std::string_view(text).substr(c2 + 1));
            if (!x || !y || !pressure)
                return badCommand(text);
            Bytes payload;
            frame::putU16(payload, *x);
            frame::putU16(payload, *y);
            frame::putU16(payload, *pressure);
            frame::putU32(payload, m_time);
            m_time += 10;
            const std::uint8_t kind = i == 0 ? p::penDown : i + 1 == points.size() ? p::penUp : p::penMove;
            frames.push_back(frame::encode(kind, payload));
            if (points.size() == 1) // a dot: down and up at the same place
                frames.push_back(frame::encode(p::penUp, payload));
        }
        return core::Done{};
    }

    frame::Decoder m_decoder;
    bool m_shown = false;
    std::vector<Bytes> m_waiting;
    std::uint32_t m_time = 0;
    std::chrono::milliseconds m_heartbeat{1000};
};

} // namespace

std::unique_ptr<DeviceBehaviour> makeSignaturePad() { return std::make_unique<SignaturePadSimulator>(); }

} // namespace ywtb::devsim
