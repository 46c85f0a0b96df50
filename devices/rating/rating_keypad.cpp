// The serial 好差评 keypad backend of RatingDevice (devices/PROTOCOLS.md "Rating keypad").

#include "devices/rating/keypad_payload.h"
#include "devices/rating/rating_device.h"
#include "devices/serial/frame_reader.h"
#include "devices/serial/serial_link.h"

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;
namespace p = rating_protocol;
using Clock = std::chrono::steady_clock;

constexpr std::size_t maxCaseNumber = 64;

bool isFor(const frame::Frame& f, std::uint8_t command, unsigned id) {
    return f.command == command && keypad_payload::requestId(f.payload) == id;
}

class RatingKeypad : public RatingDevice {
public:
    explicit RatingKeypad(RatingKeypadOptions options) : m_options(std::move(options)) {
        m_link = std::make_unique<SerialLink>(SerialLinkOptions{
            m_options.path, m_options.settings, m_options.reconnectInterval, "rating device", m_options.log});
    }

    Expected<RatingResult> requestRating(const RatingRequest& request,
                                         std::chrono::milliseconds applicantTimeout) override {
        if (request.caseNumber.empty() || request.caseNumber.size() > maxCaseNumber)
            return Error{"rating.request",
                         Message(N_("a case number of 1 to 64 characters is needed to ask for a rating")),
                         request.caseNumber,
                         {}};
        m_cancel.reset();
        std::optional<Expected<RatingResult>> outcome;
        auto done = m_link->transact([&](SerialPort& port) -> Expected<core::Done> {
            // Inside the exchange: requests from two threads take turns on the port and get different ids.
            const unsigned id = m_nextId;
            m_nextId = m_nextId == 0xFFFF ? 1 : m_nextId + 1;
            FrameReader reader(port, *m_link);
            if (auto drained = reader.drainStale(); !drained.ok())
                return drained.error();
            outcome = exchange(reader, request, id, applicantTimeout);
            // A disconnection must reach the link so that it closes the port.
            if (!outcome->ok() && outcome->error().code.rfind("serial.", 0) == 0)
                return outcome->error();
            return core::Done{};
        });
        if (!done.ok())
            return done.error();
        return std::move(*outcome);
    }

    void cancel() override { m_cancel.request(); }
    DeviceState state() const override { return m_link->state(); }
    void onStateChange(DeviceStateListener listener) override { m_link->onStateChange(std::move(listener)); }
    bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const override {
        return m_link->waitForState(wanted, timeout);
    }

private:
    Error noAnswer() const {
        return Error{"rating.timeout", Message(N_("the rating device does not answer")), m_link->path(),
                     Message(N_("check that the rating device is switched on and connected"))};
    }

    Expected<RatingResult> exchange(FrameReader& reader, const RatingRequest& request, unsigned id,
                                    std::chrono::milliseconds applicantTimeout) {
        std::vector<std::uint8_t> payload;
        frame::putU16(payload, id);
        payload.push_back(static_cast<std::uint8_t>(request.stage));
        payload.insert(payload.end(), request.caseNumber.begin(), request.caseNumber.end());
        auto lastSign = Clock::now();
        const auto onOther = [&](const frame::Frame& f) {
            if (f.command == p::heartbeat)
                lastSign = Clock::now();
            else
                m_link->log("ignored a frame with command " + std::to_string(f.command));
        };
        const auto isFinal = [&](const frame::Frame& f) {
            return isFor(f, p::result, id) || isFor(f, p::notRated, id);
        };
        // A result may overtake a damaged acknowledgement: it answers the request too.
        auto ack = reader.request(
            p::rate, payload, [&](const frame::Frame& f) { return isFor(f, p::rateAck, id) || isFinal(f); },
            m_options.answerTimeout, m_options.retries, onOther);
        if (!ack.ok())
            return ack.error();
        if (!ack->has_value()) {
            m_link->log("no acknowledgement of a rating request within " +
                        std::to_string(m_options.answerTimeout.count()) + " ms");
            return noAnswer();
        }
        std::optional<frame::Frame> early;
        if ((*ack)->command == p::rateAck) {
            const auto code = keypad_payload::rateAckCode((*ack)->payload);
            if (code == p::busy)
                return Error{"rating.busy", Message(N_("the rating device is still showing another rating")),
                             m_link->path(), Message(N_("let the applicant finish, then ask again"))};
            if (code != p::accepted)
                return Error{"rating.request", Message(N_("the rating device refused the request")),
                             m_link->path(),
                             Message(N_("check the case number and the device's configuration"))};
        } else {
            early = std::move(**ack);
        }
        lastSign = Clock::now();

        const auto applicantDeadline = Clock::now() + applicantTimeout;
        for (;;) {
            const auto heartbeatDeadline = lastSign + m_options.heartbeatTimeout;
            auto got =
                early ? Expected<std::optional<frame::Frame>>(std::move(early))
                      : reader.waitFor(isFinal,
                                       PromptCancel::slice(std::min(applicantDeadline, heartbeatDeadline)),
                                       onOther);
            early.reset();
            if (!got.ok())
                return got.error();
            if (got->has_value()) {
                const auto& f = **got;
                if (f.command == p::notRated)
                    return Error{
                        "rating.not_rated", Message(N_("the applicant did not rate")), m_link->path(), {}};
                std::vector<std::uint8_t> ackPayload;
                frame::putU16(ackPayload, id);
                if (auto sent = reader.send(p::resultAck, ackPayload, m_options.answerTimeout); !sent.ok())
                    return sent.error();
                auto result = keypad_payload::parseResult(f.payload);
                if (!result) {
                    m_link->log("dropped a rating result of " + std::to_string(f.payload.size()) +
                                " bytes: level outside 1 to 5 or tags not matching their count");
                    continue;
                }
                m_link->log("rating " + std::to_string(id) + " for stage " +
                            std::to_string(static_cast<int>(request.stage)) + ": level " +
                            std::to_string(result->rating.level));
                return std::move(result->rating);
            }
            const auto now = Clock::now();
            // Either way the prompt must not stay on the keypad (and keep it busy): take it back.
            std::vector<std::uint8_t> cancel;
            frame::putU16(cancel, id);
            if (now >= applicantDeadline || now >= lastSign + m_options.heartbeatTimeout ||
                m_cancel.requested())
                (void)reader.send(p::cancel, cancel, m_options.answerTimeout);
            if (m_cancel.requested())
                return PromptCancel::cancelled("rating.cancelled", m_link->path());
            if (now >= applicantDeadline) {
                return Error{"rating.no_answer", Message(N_("the applicant did not rate in time")),
                             m_link->path(),
                             Message(N_("ask for the rating again when the applicant is ready"))};
            }
            if (now >= lastSign + m_options.heartbeatTimeout) {
                m_link->log("no heartbeat for " + std::to_string(m_options.heartbeatTimeout.count()) + " ms");
                return noAnswer();
            }
        }
    }

    RatingKeypadOptions m_options;
    std::unique_ptr<SerialLink> m_link;
    PromptCancel m_cancel;
    unsigned m_nextId = 1;
};

} // namespace

std::unique_ptr<RatingDevice> openRatingKeypad(RatingKeypadOptions options) {
    return std::make_unique<RatingKeypad>(std::move(options));
}

} // namespace ywtb::devices
