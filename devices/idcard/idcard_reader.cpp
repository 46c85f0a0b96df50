#include "devices/idcard/idcard_reader.h"

#include "devices/idcard/sam_frame.h"

#include <cstdio>
#include <optional>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;

struct Answer {
    std::uint8_t sw3 = 0;
    std::vector<std::uint8_t> data;
};

std::string hexByte(std::uint8_t b) {
    char text[3];
    std::snprintf(text, sizeof text, "%02X", b);
    return text;
}

core::CivilDate systemToday() {
    return core::CivilDate::fromDays(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

} // namespace

IdCardReader::IdCardReader(IdCardReaderOptions options) : m_options(std::move(options)) {
    m_link = std::make_unique<SerialLink>(SerialLinkOptions{
        m_options.path, m_options.settings, m_options.reconnectInterval, "ID-card reader", m_options.log});
}

namespace {

class Exchange {
public:
    Exchange(SerialPort& port, const IdCardReaderOptions& options, const SerialLink& link)
        : m_port(port), m_options(options), m_link(link) {}

    /// Sends `command` and waits for its answer; a damaged answer makes it send the command again.
    Expected<Answer> run(sam::Command command) {
        // Whatever arrived unasked (a late answer to a timed-out command, noise) belongs to nobody.
        for (int i = 0; i < 64; ++i) {
            auto stale = m_port.read(4096, std::chrono::milliseconds(0));
            if (!stale.ok())
                return stale.error();
            if (stale->empty())
                break;
            m_link.log("dropped " + std::to_string(stale->size()) + " bytes received before a command");
        }
        sam::FrameDecoder decoder([this](const std::string& line) { m_link.log(line); });
        const auto frame = sam::encodeCommand(command);
        for (int attempt = 0;; ++attempt) {
            if (auto sent = m_port.write(frame, m_options.answerTimeout); !sent.ok())
                return sent.error();
            const int droppedBefore = decoder.droppedFrames();
            const auto deadline = std::chrono::steady_clock::now() + m_options.answerTimeout;
            bool resend = false;
            while (!resend) {
                const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0) {
                    m_link.log("no answer to command " + hexByte(command.cmd) + " " + hexByte(command.para) +
                               " within " + std::to_string(m_options.answerTimeout.count()) + " ms");
                    return Error{
                        "idcard.timeout", Message(N_("the ID-card reader does not answer")), m_link.path(),
                        Message(N_(
                            "check that the reader is switched on and connected, then read the card again"))};
                }
                auto bytes = m_port.read(4096, left);
                if (!bytes.ok())
                    return bytes.error();
                decoder.feed(*bytes);
                while (auto body = decoder.next()) {
                    if (body->size() < 3) {
                        m_link.log("dropped an answer of " + std::to_string(body->size()) +
                                   " bytes, too short for a status");
                        continue;
                    }
                    // The reader refused our frame as damaged on the way: send it again.
                    if (((*body)[2] == sam::status::checksumError ||
                         (*body)[2] == sam::status::lengthError) &&
                        attempt < m_options.retries) {
                        m_link.log("the reader reports a damaged command (status " + hexByte((*body)[2]) +
                                   "), sending it again");
                        resend = true;
                        break;
                    }
                    return Answer{(*body)[2], std::vector<std::uint8_t>(body->begin() + 3, body->end())};
                }
                if (decoder.droppedFrames() > droppedBefore && attempt < m_options.retries)
                    resend = true;
            }
            decoder.reset();
        }
    }

private:
    SerialPort& m_port;
    const IdCardReaderOptions& m_options;
    const SerialLink& m_link;
};

Error statusError(const std::string& path, std::uint8_t sw3) {
    switch (sw3) {
    case sam::status::findFailed:
    case sam::status::selectFailed:
        return Error{"idcard.no_card", Message(N_("there is no ID card on the reader")), path,
                     Message(N_("put the card flat on the reader and read again"))};
    case sam::status::notAuthorised:
        return Error{
            "idcard.not_authorised", Message(N_("the ID-card reader is not authorised to read cards")), path,
            Message(
                N_("the reader's security module needs to be authorised by its vendor; use another reader"))};
    case sam::status::readFailed:
        return Error{"idcard.status", Message(N_("the card could not be read")), path,
                     Message(N_("hold the card still on the reader and read again"))};
    default:
        break;
    }
    return Error{"idcard.status",
                 Message(N_("the ID-card reader reports status {status}"), {{"status", hexByte(sw3)}}), path,
                 Message(N_("read the card again; if it keeps happening, restart the reader"))};
}

} // namespace

Expected<IdCard> IdCardReader::readCard() {
    std::optional<Expected<IdCard>> result;
    auto done = m_link->transact([&](SerialPort& port) -> Expected<core::Done> {
        Exchange exchange(port, m_options, *m_link);
        auto found = exchange.run(sam::findCard);
        if (!found.ok())
            return found.error();
        if (found->sw3 != sam::status::findOk && found->sw3 != sam::status::ok)
            return statusError(m_link->path(), found->sw3);
        auto selected = exchange.run(sam::selectCard);
        if (!selected.ok())
            return selected.error();
        if (selected->sw3 != sam::status::ok)
            return statusError(m_link->path(), selected->sw3);
        auto read = exchange.run(sam::readTextAndPhoto);
        if (!read.ok())
            return read.error();
        if (read->sw3 != sam::status::ok)
            return statusError(m_link->path(), read->sw3);
        // Data: text length (2, big-endian), photo length (2), text, photo.
        const auto& data = read->data;
        if (data.size() < 4)
            return Error{"idcard.answer", Message(N_("the ID-card reader sent an incomplete answer")),
                         m_link->path(), Message(N_("read the card again"))};
        const std::size_t textLength = std::size_t{data[0]} << 8 | data[1];
        const std::size_t photoLength = std::size_t{data[2]} << 8 | data[3];
        if (textLength != idcard_text::total || 4 + textLength + photoLength > data.size()) {
            m_link->log("dropped a card answer with text length " + std::to_string(textLength) +
                        ", photo length " + std::to_string(photoLength) + " in " +
                        std::to_string(data.size()) + " bytes");
            return Error{"idcard.answer", Message(N_("the ID-card reader sent an incomplete answer")),
                         m_link->path(), Message(N_("read the card again"))};
        }
        const std::span<const std::uint8_t> all(data);
        auto card = parseIdCardText(all.subspan(4, textLength), all.subspan(4 + textLength, photoLength),
                                    m_options.today ? m_options.today() : systemToday());
        if (card.ok())
            m_link->log("read the card of " + maskedHolder(card.value()));
        else
            m_link->log("read a card whose data does not hold together: " + card.error().str());
        result = std::move(card);
        return core::Done{};
    });
    if (!done.ok())
        return done.error();
    return std::move(*result);
}

} // namespace ywtb::devices
