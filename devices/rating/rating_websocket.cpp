// The networked 评价器 backend of RatingDevice (devices/PROTOCOLS.md "Rating device over WebSocket").

#include "devices/rating/rating_device.h"
#include "devices/rating/rating_ws_message.h"
#include "devices/websocket/ws_link.h"

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;
using Clock = std::chrono::steady_clock;

class RatingWebSocket : public RatingDevice {
public:
    explicit RatingWebSocket(RatingWebSocketOptions options) : m_options(std::move(options)) {
        auto link = linkOptionsOf(m_options, "rating device");
        link.heartbeat = [] {
            RatingWsMessage beat;
            beat.code = rating_ws::heartbeat;
            beat.time = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
            return encodeRatingWsMessage(beat);
        };
        link.isHeartbeatAnswer = [](const std::string& text) {
            const auto m = parseRatingWsMessage(text);
            return m.ok() && m->code == rating_ws::heartbeat && m->success;
        };
        link.greet = [this](WebSocketChannel& channel) { return login(channel); };
        m_link = std::make_unique<WebSocketLink>(std::move(link));
    }

    Expected<RatingResult> requestRating(const RatingRequest& request,
                                         std::chrono::milliseconds applicantTimeout) override {
        if (request.caseNumber.empty() || request.caseNumber.size() > rating_ws::maxCaseNumber)
            return Error{"rating.request",
                         Message(N_("a case number of 1 to 64 characters is needed to ask for a rating")),
                         request.caseNumber,
                         {}};
        m_cancel.reset();
        std::optional<Expected<RatingResult>> outcome;
        auto done = m_link->transact([&](WebSocketChannel& channel) -> Expected<core::Done> {
            // Inside the exchange: requests from two threads take turns and get different ids.
            const unsigned id = m_nextId;
            m_nextId = m_nextId == 0xFFFF ? 1 : m_nextId + 1;
            outcome = exchange(channel, request, id, applicantTimeout);
            // A disconnection must reach the link so that it closes the connection.
            if (!outcome->ok() && outcome->error().code == "websocket.disconnected")
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
        return Error{"rating.timeout", Message(N_("the rating device does not answer")), m_options.url,
                     Message(N_("check that the rating device is switched on and connected"))};
    }

    // Also runs inside the link's constructor (login): m_link is not set yet, so it logs through the channel.
    // The next well-formed message before `deadline`; damaged ones are logged and dropped. None: the
    // deadline passed or the device fell silent (channel.silent()).
    Expected<std::optional<RatingWsMessage>> next(WebSocketChannel& channel, Clock::time_point deadline) {
        return channel.receiveMessage<RatingWsMessage>(
            deadline, parseRatingWsMessage,
            [](const RatingWsMessage& m) { return m.code == rating_ws::heartbeat; });
    }

    Expected<core::Done> send(WebSocketChannel& channel, RatingWsMessage message) {
        return channel.send(encodeRatingWsMessage(message));
    }

    Expected<core::Done> login(WebSocketChannel& channel) {
        const Error refused{"rating.login", Message(N_("the rating device refused the login")), m_options.url,
                            Message(N_("check the staff number and the window in the configuration"))};
        if (m_options.workNo.empty() || m_options.workNo.size() > rating_ws::maxWorkNo ||
            m_options.window.empty() || m_options.window.size() > rating_ws::maxWindow)
            return refused;
        RatingWsMessage request;
        request.code = rating_ws::login;
        request.workNo = m_options.workNo;
        request.window = m_options.window;
        if (auto sent = send(channel, request); !sent.ok())
            return sent.error();
        const auto deadline = Clock::now() + m_options.answerTimeout;
        for (;;) {
            auto got = next(channel, deadline);
            if (!got.ok())
                return got.error();
            if (!got->has_value())
                return noAnswer();
            const auto& answer = **got;
            if (answer.code == rating_ws::login && answer.success) {
                if (!*answer.success)
                    return refused;
                channel.log("logged in at window " + m_options.window +
                            (answer.deviceId.empty() ? "" : ", device " + answer.deviceId));
                return core::Done{};
            }
            if (answer.code == rating_ws::badPacket || answer.code == rating_ws::unknownCommand)
                return refused;
            channel.log("ignored a message with code " + std::to_string(answer.code));
        }
    }

    void cancel(WebSocketChannel& channel, unsigned id) {
        RatingWsMessage message;
        message.code = rating_ws::cancel;
        message.requestId = id;
        (void)send(channel, message);
    }

    Expected<RatingResult> exchange(WebSocketChannel& channel, const RatingRequest& request, unsigned id,
                                    std::chrono::milliseconds applicantTimeout) {
        RatingWsMessage rate;
        rate.code = rating_ws::rate;
        rate.requestId = id;
        rate.caseNumber = request.caseNumber;
        rate.stage = request.stage;
        if (auto sent = send(channel, rate); !sent.ok())
            return sent.error();

        const auto isFinal = [id](const RatingWsMessage& m) {
            return m.code == rating_ws::result && m.success && m.requestId == id;
        };
        std::optional<RatingWsMessage> final;
        const auto answerDeadline = Clock::now() + m_options.answerTimeout;
        while (!final) {
            auto got = next(channel, answerDeadline);
            if (!got.ok())
                return got.error();
            if (!got->has_value()) {
                m_link->log("no answer to a rating request within " +
                            std::to_string(m_options.answerTimeout.count()) + " ms");
                return noAnswer();
            }
            auto& answer = **got;
            if (answer.code == rating_ws::rate && answer.success && answer.requestId == id) {
                if (*answer.success)
                    break;
                if (answer.reason == "busy")
                    return Error{"rating.busy",
                                 Message(N_("the rating device is still showing another rating")),
                                 m_options.url, Message(N_("let the applicant finish, then ask again"))};
                return Error{"rating.request", Message(N_("the rating device refused the request")),
                             m_options.url,
                             Message(N_("check the case number and the device's configuration"))};
            }
            if (answer.code == rating_ws::badPacket || answer.code == rating_ws::unknownCommand) {
                m_link->log("the device answered the rating request with code " +
                            std::to_string(answer.code));
                return Error{"rating.request", Message(N_("the rating device refused the request")),
                             m_options.url,
                             Message(N_("check the case number and the device's configuration"))};
            }
            if (isFinal(answer)) // a result may overtake a lost acknowledgement: it answers the request too
                final = std::move(answer);
            else
                m_link->log("ignored a message with code " + std::to_string(answer.code));
        }

        const auto applicantDeadline = Clock::now() + applicantTimeout;
        while (!final) {
            auto got = next(channel, PromptCancel::slice(applicantDeadline));
            if (!got.ok())
                return got.error();
            if (!got->has_value()) {
                const bool cancelled = m_cancel.requested();
                if (!cancelled && !channel.silent() && Clock::now() < applicantDeadline)
                    continue; // a slice of the wait ended
                // Either way the prompt must not stay on the device (and keep it busy): take it back.
                cancel(channel, id);
                if (cancelled)
                    return PromptCancel::cancelled("rating.cancelled", m_options.url);
                if (channel.silent()) {
                    m_link->log("no heartbeat answer for " +
                                std::to_string(m_options.heartbeatTimeout.count()) + " ms");
                    return noAnswer();
                }
                return Error{"rating.no_answer", Message(N_("the applicant did not rate in time")),
                             m_options.url,
                             Message(N_("ask for the rating again when the applicant is ready"))};
            }
            if (isFinal(**got))
                final = std::move(**got);
            else
                m_link->log("ignored a message with code " + std::to_string((*got)->code));
        }

        RatingWsMessage ack;
        ack.code = rating_ws::result;
        ack.requestId = id;
        if (auto sent = send(channel, ack); !sent.ok())
            return sent.error();
        if (!final->rated)
            return Error{"rating.not_rated", Message(N_("the applicant did not rate")), m_options.url, {}};
        m_link->log("rating " + std::to_string(id) + " for stage " + toWireName(request.stage) + ": level " +
                    std::to_string(final->result.level));
        return final->result;
    }

    RatingWebSocketOptions m_options;
    std::unique_ptr<WebSocketLink> m_link;
    PromptCancel m_cancel;
    unsigned m_nextId = 1;
};

} // namespace

std::unique_ptr<RatingDevice> openRatingWebSocket(RatingWebSocketOptions options) {
    return std::make_unique<RatingWebSocket>(std::move(options));
}

} // namespace ywtb::devices
