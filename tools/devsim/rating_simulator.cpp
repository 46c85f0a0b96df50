#include "tools/devsim/rating_simulator.h"

#include "devices/rating/rating_device.h"
#include "devices/serial/device_frame.h"

#include <charconv>
#include <optional>

namespace ywtb::devsim {
namespace {

namespace frame = devices::frame;
namespace p = devices::rating_protocol;

std::optional<int> byteValue(const std::string& word) {
    int value = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc{} || end != word.data() + word.size() || value < 0 || value > 255)
        return std::nullopt;
    return value;
}

class RatingKeypadSimulator : public DeviceBehaviour {
public:
    std::vector<Bytes> received(std::span<const std::uint8_t> bytes) override {
        std::vector<Bytes> out;
        m_decoder.feed(bytes);
        while (auto f = m_decoder.next()) {
            const unsigned id = frame::getU16(f->payload, 0);
            switch (f->command) {
            case p::status:
                out.push_back(
                    frame::encode(p::statusAnswer, Bytes{m_prompt ? std::uint8_t{1} : std::uint8_t{0}}));
                break;
            case p::rate:
                if (f->payload.size() < 4) {
                    out.push_back(answer(p::rateAck, id, p::badRequest));
                } else if (m_lastAnswered &&
                           *m_lastAnswered == id) { // the client asks again: it missed our answer
                    out.push_back(answer(p::rateAck, id, p::accepted));
                    out.push_back(m_lastResult);
                } else if (m_prompt && *m_prompt != id) {
                    out.push_back(answer(p::rateAck, id, p::busy));
                } else {
                    m_prompt = id;
                    out.push_back(answer(p::rateAck, id, p::accepted));
                    if (m_queued)
                        out.push_back(finish(*m_queued));
                }
                break;
            case p::cancel:
                if (m_prompt && *m_prompt == id)
                    m_prompt.reset();
                out.push_back(frame::encode(
                    p::cancelAck,
                    Bytes(f->payload.begin(),
                          f->payload.begin() +
                              std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(f->payload.size())))));
                break;
            case p::resultAck:
                break;
            default:
                break; // unknown commands are ignored, as keypads do
            }
        }
        return out;
    }

    core::Expected<std::vector<Bytes>> command(const Words& words) override {
        if (words[0] == "press") {
            const auto pressed = parsePress(words);
            if (!pressed.ok())
                return pressed.error();
            Bytes choice{static_cast<std::uint8_t>(pressed->level),
                         static_cast<std::uint8_t>(pressed->tags.size())};
            for (const int tag : pressed->tags)
                choice.push_back(static_cast<std::uint8_t>(tag));
            return act(Action{false, choice});
        }
        if (words[0] == "leave")
            return act(Action{true, {}});
        if (words[0] == "always") { // the demo's applicant: the same answer to every prompt from now on
            const auto pressed = parsePress(words);
            if (!pressed.ok())
                return pressed.error();
            Bytes choice{static_cast<std::uint8_t>(pressed->level),
                         static_cast<std::uint8_t>(pressed->tags.size())};
            for (const int tag : pressed->tags)
                choice.push_back(static_cast<std::uint8_t>(tag));
            m_always = Action{false, choice};
            return act(*m_always);
        }
        if (words[0] == "heartbeat" && words.size() == 2) {
            int ms = 0;
            const auto [end, ec] = std::from_chars(words[1].data(), words[1].data() + words[1].size(), ms);
            if (ec != std::errc{} || ms < 0)
                return badCommand(words[1]);
            m_heartbeat = std::chrono::milliseconds(ms);
            return std::vector<Bytes>{};
        }
        return badCommand(words[0]);
    }

    Bytes oversizedHeader() const override { return Bytes{0xA5, 0x5A, 0xFF}; }
    void reset() override {
        m_decoder.reset();
        m_prompt.reset();
    }
    std::chrono::milliseconds tickInterval() const override { return m_heartbeat; }
    std::vector<Bytes> tick() override {
        return {frame::encode(p::heartbeat, Bytes{m_prompt ? std::uint8_t{1} : std::uint8_t{0}})};
    }

private:
    struct Action {
        bool leave = false;
        Bytes choice; ///< level, tag count, tags
    };

    static Bytes answer(std::uint8_t command, unsigned id, std::uint8_t code) {
        Bytes payload;
        frame::putU16(payload, id);
        payload.push_back(code);
        return frame::encode(command, payload);
    }

    core::Expected<std::vector<Bytes>> act(Action action) {
        if (!m_prompt) {
            m_queued = std::move(action);
            return std::vector<Bytes>{};
        }
        return std::vector<Bytes>{finish(action)};
    }

    Bytes finish(const Action& action) {
        Bytes payload;
        frame::putU16(payload, *m_prompt);
        payload.insert(payload.end(), action.choice.begin(), action.choice.end());
        m_lastAnswered = *m_prompt;
        m_lastResult = frame::encode(action.leave ? p::notRated : p::result, payload);
        m_prompt.reset();
        m_queued = m_always;
        return m_lastResult;
    }

    frame::Decoder m_decoder;
    std::optional<unsigned> m_prompt; ///< id of the rating on screen
    std::optional<Action> m_queued;   ///< pressed before the prompt came
    std::optional<Action> m_always;   ///< "always": the answer to every prompt
    std::optional<unsigned> m_lastAnswered;
    Bytes m_lastResult;
    std::chrono::milliseconds m_heartbeat{1000};
};

} // namespace

core::Expected<devices::RatingResult> parsePress(const Words& words) {
    if (words.size() < 2)
        return badCommand(words[0]);
    devices::RatingResult result;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const auto v = byteValue(words[i]);
        if (!v)
            return badCommand(words[i]);
        if (i == 1)
            result.level = *v;
        else
            result.tags.push_back(*v);
    }
    return result;
}

std::unique_ptr<DeviceBehaviour> makeRatingKeypad() {
    return std::make_unique<RatingKeypadSimulator>();
}

} // namespace ywtb::devsim
