// The serial stroke-protocol backend of SignaturePad (devices/PROTOCOLS.md "Signature pad").

#include "devices/serial/frame_reader.h"
#include "devices/serial/serial_link.h"
#include "devices/signature/pad_payload.h"
#include "devices/signature/signature_pad.h"

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;
namespace p = signature_protocol;
using Clock = std::chrono::steady_clock;

class SerialSignaturePad : public SignaturePad {
public:
    explicit SerialSignaturePad(SignaturePadOptions options) : m_options(std::move(options)) {
        m_link = std::make_unique<SerialLink>(SerialLinkOptions{
            m_options.path, m_options.settings, m_options.reconnectInterval, "signature pad", m_options.log});
    }

    Expected<Signature> capture(const std::string& prompt,
                                std::chrono::milliseconds applicantTimeout) override {
        m_cancel.reset();
        std::optional<Expected<Signature>> outcome;
        auto done = m_link->transact([&](SerialPort& port) -> Expected<core::Done> {
            FrameReader reader(port, *m_link);
            if (auto drained = reader.drainStale(); !drained.ok())
                return drained.error();
            outcome = exchange(reader, prompt, applicantTimeout);
            if (!outcome->ok() && outcome->error().code.rfind("serial.", 0) == 0)
                return outcome->error();
            return core::Done{};
        });
        if (!done.ok())
            return done.error();
        return std::move(*outcome);
    }

    Expected<core::Done> clear() override {
        return m_link->transact([&](SerialPort& port) -> Expected<core::Done> {
            FrameReader reader(port, *m_link);
            if (auto drained = reader.drainStale(); !drained.ok())
                return drained.error();
            auto ack = command(reader, p::clear, {});
            if (!ack.ok())
                return ack.error();
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
    Error noAnswer() const {
        return Error{"signature.timeout", Message(N_("the signature pad does not answer")), m_link->path(),
                     Message(N_("check that the signature pad is switched on and connected"))};
    }

    // Sends a command and waits for its acknowledgement (or, for INFO, its answer).
    Expected<frame::Frame> command(FrameReader& reader, std::uint8_t cmd,
                                   std::span<const std::uint8_t> payload,
                                   const FrameReader::Other& other = {}) {
        const auto isAnswer = [cmd](const frame::Frame& f) {
            return cmd == p::info ? f.command == p::infoAnswer
                                  : f.command == p::ack && !f.payload.empty() && f.payload[0] == cmd;
        };
        auto got = reader.request(cmd, payload, isAnswer, m_options.answerTimeout, m_options.retries, other);
        if (!got.ok())
            return got.error();
        if (!got->has_value()) {
            m_link->log("no answer to command " + std::to_string(cmd) + " within " +
                        std::to_string(m_options.answerTimeout.count()) + " ms");
            return noAnswer();
        }
        return std::move(**got);
    }

    Expected<Signature> exchange(FrameReader& reader, const std::string& prompt,
                                 std::chrono::milliseconds applicantTimeout) {
        pad_payload::StrokeCollector strokes([this](const std::string& line) { m_link->log(line); });
        auto lastSign = Clock::now();
        const auto onOther = [&](const frame::Frame& f) {
            lastSign = Clock::now();
            if (f.command != p::heartbeat && !strokes.take(f))
                m_link->log("ignored a frame with command " + std::to_string(f.command));
        };

        auto info = command(reader, p::info, {}, onOther);
        if (!info.ok())
            return info.error();
        const auto area = pad_payload::parseInfo(info->payload);
        if (!area)
            return Error{"signature.pad", Message(N_("the signature pad reports no drawing area")),
                         m_link->path(), Message(N_("restart the signature pad"))};
        strokes.setArea(*area);

        const std::vector<std::uint8_t> text(
            prompt.begin(), prompt.begin() + static_cast<std::ptrdiff_t>(
                                                 std::min<std::size_t>(prompt.size(), frame::maxLength - 1)));
        if (auto shown = command(reader, p::showPrompt, text, onOther); !shown.ok())
            return shown.error();
        lastSign = Clock::now();

        const auto deadline = Clock::now() + applicantTimeout;
        for (;;) {
            auto got = reader.waitFor(
                [](const frame::Frame& f) { return f.command == p::done; },
                PromptCancel::slice(std::min(deadline, lastSign + m_options.heartbeatTimeout)), onOther);
            if (!got.ok())
                return got.error();
            if (got->has_value()) {
                auto signature = strokes.finish();
                (void)reader.send(p::end, {}, m_options.answerTimeout);
                if (signature.strokes.empty())
                    return Error{"signature.empty", Message(N_("the applicant confirmed without signing")),
                                 m_link->path(),
                                 Message(N_("ask the applicant to sign, then capture again"))};
                std::size_t points = 0;
                for (const auto& s : signature.strokes)
                    points += s.points.size();
                m_link->log("captured a signature of " + std::to_string(signature.strokes.size()) +
                            " strokes, " + std::to_string(points) + " points");
                return signature;
            }
            const auto now = Clock::now();
            if (m_cancel.requested()) {
                (void)reader.send(p::end, {}, m_options.answerTimeout);
                return PromptCancel::cancelled("signature.cancelled", m_link->path());
            }
            if (now >= deadline) {
                (void)reader.send(p::end, {}, m_options.answerTimeout);
                return Error{"signature.no_answer", Message(N_("the applicant did not sign in time")),
                             m_link->path(),
                             Message(N_("capture the signature again when the applicant is ready"))};
            }
            if (now >= lastSign + m_options.heartbeatTimeout) {
                (void)reader.send(p::end, {}, m_options.answerTimeout);
                m_link->log("no heartbeat for " + std::to_string(m_options.heartbeatTimeout.count()) + " ms");
                return noAnswer();
            }
        }
    }

    SignaturePadOptions m_options;
    std::unique_ptr<SerialLink> m_link;
    PromptCancel m_cancel;
};

} // namespace

std::unique_ptr<SignaturePad> openSerialSignaturePad(SignaturePadOptions options) {
    return std::make_unique<SerialSignaturePad>(std::move(options));
}

} // namespace ywtb::devices
