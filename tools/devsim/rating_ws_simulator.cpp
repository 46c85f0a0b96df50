// The networked 评价器 of devices/PROTOCOLS.md "Rating device over WebSocket".

#include "devices/rating/rating_ws_message.h"
#include "tools/devsim/rating_simulator.h"

#include <optional>

namespace ywtb::devsim {
namespace {

namespace w = devices::rating_ws;
using devices::RatingWsMessage;

RatingWsMessage answer(int code, bool success) {
    RatingWsMessage m;
    m.code = code;
    m.success = success;
    return m;
}

class RatingWebSocketDevice : public MessageBehaviour {
public:
    std::string path() const override { return "/rating"; }

    std::vector<std::string> received(const std::string& text) override {
        auto parsed = devices::parseRatingWsMessage(text);
        if (!parsed.ok()) {
            const bool unknown = parsed.error().what.str().find("unknown code") != std::string::npos;
            auto error = answer(unknown ? w::unknownCommand : w::badPacket, false);
            error.msg = unknown ? "unknown command" : "bad packet";
            return {encode(error)};
        }
        const auto& m = parsed.value();
        switch (m.code) {
        case w::heartbeat: {
            auto echo = answer(w::heartbeat, true);
            echo.time = m.time;
            return {encode(echo)};
        }
        case w::login: {
            m_loggedIn = true;
            auto ok = answer(w::login, true);
            ok.deviceId = "SIM-RATING-0001";
            return {encode(ok)};
        }
        case w::rate:
            return rate(m.requestId);
        case w::cancel: {
            if (m_prompt && *m_prompt == m.requestId)
                m_prompt.reset();
            auto ok = answer(w::cancel, true);
            ok.requestId = m.requestId;
            return {encode(ok)};
        }
        case w::result:
            return {}; // the client's acknowledgement
        default:
            break;
        }
        auto error = answer(w::unknownCommand, false);
        error.msg = "unknown command";
        return {encode(error)};
    }

    core::Expected<std::vector<std::string>> command(const Words& words) override {
        if (words[0] == "press") {
            auto pressed = parsePress(words);
            if (!pressed.ok())
                return pressed.error();
            return act(std::move(pressed).value());
        }
        if (words[0] == "leave")
            return act(std::nullopt);
        if (words[0] == "always") { // the demo's applicant: the same answer to every prompt from now on
            auto pressed = parsePress(words);
            if (!pressed.ok())
                return pressed.error();
            m_always.emplace(std::move(pressed).value());
            return act(*m_always);
        }
        return badCommand(words[0]);
    }

    void reset() override {
        m_loggedIn = false;
        m_prompt.reset();
    }

private:
    static std::string encode(const RatingWsMessage& m) { return devices::encodeRatingWsMessage(m); }

    std::vector<std::string> rate(unsigned id) {
        auto ack = answer(w::rate, true);
        ack.requestId = id;
        if (!m_loggedIn) {
            ack.success = false;
            ack.reason = "bad_request";
            ack.msg = "log in first";
            return {encode(ack)};
        }
        if (m_lastAnswered && *m_lastAnswered == id) // the client asks again: it missed our answer
            return {encode(ack), m_lastResult};
        if (m_prompt && *m_prompt != id) {
            ack.success = false;
            ack.reason = "busy";
            return {encode(ack)};
        }
        m_prompt = id;
        std::vector<std::string> out{encode(ack)};
        if (m_queued)
            out.push_back(finish(*m_queued));
        return out;
    }

    // A press (or, without a choice, walking away) before any prompt waits for the next one.
    std::vector<std::string> act(std::optional<devices::RatingResult> choice) {
        if (!m_prompt) {
            m_queued.emplace(std::move(choice));
            return {};
        }
        return {finish(choice)};
    }

    std::string finish(const std::optional<devices::RatingResult>& choice) {
        auto result = answer(w::result, true);
        result.requestId = *m_prompt;
        result.rated = choice.has_value();
        if (choice)
            result.result = *choice;
        m_lastAnswered = *m_prompt;
        m_lastResult = encode(result);
        m_prompt.reset();
        m_queued = m_always;
        return m_lastResult;
    }

    bool m_loggedIn = false;
    std::optional<unsigned> m_prompt; ///< id of the rating on screen
    std::optional<std::optional<devices::RatingResult>>
        m_queued; ///< pressed (or left: empty) before the prompt came
    std::optional<std::optional<devices::RatingResult>> m_always; ///< "always": the answer to every prompt
    std::optional<unsigned> m_lastAnswered;
    std::string m_lastResult;
};

} // namespace

std::unique_ptr<MessageBehaviour> makeRatingWebSocketDevice() {
    return std::make_unique<RatingWebSocketDevice>();
}

} // namespace ywtb::devsim
