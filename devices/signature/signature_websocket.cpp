// The 签批屏 local-service backend of SignaturePad (devices/PROTOCOLS.md "Signature pad over WebSocket").

#include "devices/signature/signature_pad.h"
#include "devices/signature/signature_ws_message.h"
#include "devices/websocket/ws_link.h"

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;
namespace w = signature_ws;
using Clock = std::chrono::steady_clock;

SignatureWsMessage request(std::string_view action) {
    SignatureWsMessage m;
    m.action = std::string(action);
    return m;
}

class SignatureWebSocket : public SignaturePad {
public:
    explicit SignatureWebSocket(SignatureWebSocketOptions options) : m_options(std::move(options)) {
        auto link = linkOptionsOf(m_options, "signature pad");
        link.heartbeat = [] { return encodeSignatureWsMessage(request(w::heartbeat)); };
        link.isHeartbeatAnswer = [](const std::string& text) {
            const auto m = parseSignatureWsMessage(text);
            return m.ok() && m->action == w::heartbeat && m->success;
        };
        link.greet = [this](WebSocketChannel& channel) { return open(channel); };
        m_link = std::make_unique<WebSocketLink>(std::move(link));
    }

    Expected<Signature> capture(const std::string& prompt,
                                std::chrono::milliseconds applicantTimeout) override {
        m_cancel.reset();
        std::optional<Expected<Signature>> outcome;
        auto done = m_link->transact([&](WebSocketChannel& channel) -> Expected<core::Done> {
            outcome = exchange(channel, prompt, applicantTimeout);
            if (!outcome->ok() && outcome->error().code == "websocket.disconnected")
                return outcome->error();
            return core::Done{};
        });
        if (!done.ok())
            return done.error();
        return std::move(*outcome);
    }

    Expected<core::Done> clear() override {
        return m_link->transact([&](WebSocketChannel& channel) -> Expected<core::Done> {
            auto answer = command(channel, request(w::clear), {});
            if (!answer.ok())
                return answer.error();
            return core::Done{};
        });
    }

    void cancel() override { m_cancel.request(); }
    DeviceState state() const override { return m_link->state(); }
    void onStateChange(DeviceStateListener listener) override { m_link->onStateChange(std::move(listener)); }
    bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const override {
        return m_link->waitForState(wanted, timeout);
    }

private:
    using Event = std::function<void(const SignatureWsMessage&)>;

    Error noAnswer() const {
        return Error{"signature.timeout", Message(N_("the signature pad does not answer")), m_options.url,
                     Message(N_("check that the signature pad is switched on and connected"))};
    }

    // The next well-formed message other than a heartbeat answer before `deadline`; damaged ones are
    // logged and dropped. None: the deadline passed or the service fell silent (channel.silent()).
    // Logs through the channel: it also runs inside the link's constructor (open), before m_link is set.
    Expected<std::optional<SignatureWsMessage>> next(WebSocketChannel& channel, Clock::time_point deadline) {
        return channel.receiveMessage<SignatureWsMessage>(
            deadline, parseSignatureWsMessage, [&](const SignatureWsMessage& m) {
                if (m.action == w::error)
                    channel.log("the service could not read a request");
                return m.action == w::heartbeat || m.action == w::error;
            });
    }

    // Sends a request and waits for its answer; events meanwhile go to `event`.
    Expected<SignatureWsMessage> command(WebSocketChannel& channel, const SignatureWsMessage& message,
                                         const Event& event) {
        if (auto sent = channel.send(encodeSignatureWsMessage(message)); !sent.ok())
            return sent.error();
        const auto deadline = Clock::now() + m_options.answerTimeout;
        for (;;) {
            auto got = next(channel, deadline);
            if (!got.ok())
                return got.error();
            if (!got->has_value()) {
                channel.log("no answer to " + message.action + " within " +
                            std::to_string(m_options.answerTimeout.count()) + " ms");
                return noAnswer();
            }
            auto& answer = **got;
            if (answer.action == message.action && answer.success) {
                if (!*answer.success)
                    return Error{"signature.pad", Message(N_("the signature pad refused a request")),
                                 m_options.url, Message(N_("restart the signature pad's service"))};
                return std::move(answer);
            }
            if (event) {
                event(answer);
                // A stroke or 确认 can only follow a shown prompt: it answers a lost answer to sign too.
                if (message.action == w::sign &&
                    (answer.action == w::stroke || answer.action == w::done || answer.action == w::cleared))
                    return std::move(answer);
            } else
                channel.log("ignored a message with action " + answer.action);
        }
    }

    Expected<core::Done> open(WebSocketChannel& channel) {
        auto info = command(channel, request(w::open), {});
        if (!info.ok())
            return info.error();
        m_info = Signature{info->width, info->height, info->maxPressure, {}};
        channel.log("opened the pad, " + std::to_string(info->width) + " × " + std::to_string(info->height) +
                    ", serial number " + info->serialNumber);
        return core::Done{};
    }

    Expected<Signature> exchange(WebSocketChannel& channel, const std::string& prompt,
                                 std::chrono::milliseconds applicantTimeout) {
        Signature signature = m_info;
        bool confirmed = false;
        const auto onEvent = [&](const SignatureWsMessage& m) {
            if (m.action == w::cleared) {
                signature.strokes.clear();
                channel.log("the applicant cleared the pad");
            } else if (m.action == w::done) {
                confirmed = true;
            } else if (m.action == w::stroke) {
                Stroke stroke;
                for (const auto& p : m.stroke.points)
                    if (p.x <= signature.padWidth && p.y <= signature.padHeight &&
                        p.pressure <= signature.maxPressure)
                        stroke.points.push_back(p);
                if (stroke.points.size() != m.stroke.points.size())
                    channel.log("dropped " + std::to_string(m.stroke.points.size() - stroke.points.size()) +
                                " pen samples outside the pad");
                if (!stroke.points.empty())
                    signature.strokes.push_back(std::move(stroke));
            } else {
                channel.log("ignored a message with action " + m.action);
            }
        };

        auto sign = request(w::sign);
        sign.prompt = prompt.substr(0, w::maxPrompt);
        if (auto shown = command(channel, sign, onEvent); !shown.ok())
            return shown.error();
        const auto deadline = Clock::now() + applicantTimeout;
        while (!confirmed) {
            auto got = next(channel, PromptCancel::slice(deadline));
            if (!got.ok())
                return got.error();
            if (!got->has_value()) {
                const bool cancelled = m_cancel.requested();
                if (!cancelled && !channel.silent() && Clock::now() < deadline)
                    continue; // a slice of the wait ended
                (void)channel.send(encodeSignatureWsMessage(request(w::cancel)));
                if (cancelled)
                    return PromptCancel::cancelled("signature.cancelled", m_options.url);
                if (channel.silent()) {
                    channel.log("no heartbeat answer for " +
                                std::to_string(m_options.heartbeatTimeout.count()) + " ms");
                    return noAnswer();
                }
                return Error{"signature.no_answer", Message(N_("the applicant did not sign in time")),
                             m_options.url,
                             Message(N_("capture the signature again when the applicant is ready"))};
            }
            onEvent(**got);
        }
        if (signature.strokes.empty())
            return Error{"signature.empty", Message(N_("the applicant confirmed without signing")),
                         m_options.url, Message(N_("ask the applicant to sign, then capture again"))};
        std::size_t points = 0;
        for (const auto& s : signature.strokes)
            points += s.points.size();
        channel.log("captured a signature of " + std::to_string(signature.strokes.size()) + " strokes, " +
                    std::to_string(points) + " points");
        return signature;
    }

    SignatureWebSocketOptions m_options;
    PromptCancel m_cancel;
    Signature
        m_info; ///< the pad's area and pressure range from its open answer; guarded by the link's exchange
    std::unique_ptr<WebSocketLink> m_link;
};

} // namespace

std::unique_ptr<SignaturePad> openSignatureWebSocket(SignatureWebSocketOptions options) {
    return std::make_unique<SignatureWebSocket>(std::move(options));
}

} // namespace ywtb::devices
