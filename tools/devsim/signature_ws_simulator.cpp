// The 签批屏 local WebSocket service of devices/PROTOCOLS.md "Signature pad over WebSocket".

#include "devices/signature/signature_ws_message.h"
#include "tools/devsim/signature_simulator.h"

namespace ywtb::devsim {
namespace {

namespace w = devices::signature_ws;
using devices::SignatureWsMessage;

constexpr int padWidth = 2000, padHeight = 800, maxPressure = 1023;

SignatureWsMessage message(std::string_view action, std::optional<bool> success = std::nullopt) {
    SignatureWsMessage m;
    m.action = std::string(action);
    m.success = success;
    return m;
}

std::string encode(const SignatureWsMessage& m) {
    return devices::encodeSignatureWsMessage(m);
}

class SignatureWebSocketService : public MessageBehaviour {
public:
    std::string path() const override { return "/signature"; }

    std::vector<std::string> received(const std::string& text) override {
        auto parsed = devices::parseSignatureWsMessage(text);
        const auto& m = parsed.ok() ? parsed.value() : SignatureWsMessage{};
        const bool isRequest = parsed.ok() && !m.success &&
                               (m.action == w::open || m.action == w::heartbeat || m.action == w::sign ||
                                m.action == w::clear || m.action == w::cancel);
        if (!isRequest) {
            auto error = message(w::error, false);
            error.msg = parsed.ok() ? "unknown action" : "bad packet";
            return {encode(error)};
        }
        auto ok = message(m.action, true);
        if (m.action == w::open) {
            ok.width = padWidth;
            ok.height = padHeight;
            ok.maxPressure = maxPressure;
            ok.serialNumber = "SIM-SIG-0001";
        } else if (m.action == w::sign) {
            std::vector<std::string> out{encode(ok)};
            m_shown = true;
            m_time = 0;
            auto waiting = std::move(m_waiting);
            m_waiting.clear();
            if (m_always) // the demo's applicant signs every prompt and confirms
                for (const auto& event : demoSignature())
                    waiting.push_back(event);
            for (const auto& event : waiting) {
                out.push_back(encode(event.action == w::stroke ? timed(event) : event));
                if (event.action == w::done)
                    m_shown = false; // 确认 ends the capture on the service's side
            }
            return out;
        } else if (m.action == w::cancel) {
            m_shown = false;
        }
        return {encode(ok)};
    }

    core::Expected<std::vector<std::string>> command(const Words& words) override {
        std::vector<SignatureWsMessage> events;
        if (words[0] == "sign" || words[0] == "sign-demo") {
            auto strokes = words[0] == "sign" ? parseStrokes(words) : demoStrokes();
            if (!strokes.ok())
                return strokes.error();
            for (auto& stroke : strokes.value()) {
                auto event = message(w::stroke);
                event.stroke = std::move(stroke);
                events.push_back(std::move(event));
            }
        } else if (words[0] == "always-sign") {
            m_always = true;
            return std::vector<std::string>{};
        } else if (words[0] == "confirm") {
            events.push_back(message(w::done));
        } else if (words[0] == "erase") {
            events.push_back(message(w::cleared));
        } else {
            return badCommand(words[0]);
        }
        if (!m_shown) { // before the prompt: kept for it
            m_waiting.insert(m_waiting.end(), events.begin(), events.end());
            return std::vector<std::string>{};
        }
        std::vector<std::string> out;
        for (const auto& event : events) {
            out.push_back(encode(event.action == w::stroke ? timed(event) : event));
            if (event.action == w::done)
                m_shown = false; // 确认 ends the capture on the service's side
        }
        return out;
    }

    void reset() override { m_shown = false; }

private:
    // Strokes are pushed whole at pen-up; the samples are 10 ms apart from the prompt on.
    SignatureWsMessage timed(SignatureWsMessage event) {
        for (auto& point : event.stroke.points) {
            point.timeMs = m_time;
            m_time += 10;
        }
        return event;
    }

    static std::vector<SignatureWsMessage> demoSignature() {
        std::vector<SignatureWsMessage> events;
        for (auto& stroke : demoStrokes()) {
            auto event = message(w::stroke);
            event.stroke = std::move(stroke);
            events.push_back(std::move(event));
        }
        events.push_back(message(w::done));
        return events;
    }

    bool m_shown = false;
    bool m_always = false; ///< "always-sign": every prompt is signed with the demo strokes and confirmed
    std::vector<SignatureWsMessage> m_waiting;
    std::uint32_t m_time = 0;
};

} // namespace

std::unique_ptr<MessageBehaviour> makeSignatureWebSocketService() {
    return std::make_unique<SignatureWebSocketService>();
}

} // namespace ywtb::devsim
