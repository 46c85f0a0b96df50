#include "tools/devsim/idcard_simulator.h"

#include "core/utf8.h"
#include "devices/idcard/id_card.h"
#include "devices/idcard/sam_frame.h"

#include <optional>

namespace ywtb::devsim {
namespace {

namespace sam = devices::sam;

void putField(Bytes& out, const std::string& utf8, std::size_t size) {
    const std::size_t start = out.size();
    for (char32_t c : core::decodeUtf8(utf8)) {
        if (out.size() - start + 2 > size)
            break;
        out.push_back(static_cast<std::uint8_t>(c & 0xFF));
        out.push_back(static_cast<std::uint8_t>((c >> 8) & 0xFF));
    }
    while (out.size() - start < size) { // cards pad with spaces
        out.push_back(0x20);
        out.push_back(0x00);
    }
}

class IdCardReaderSimulator : public DeviceBehaviour {
public:
    IdCardReaderSimulator() : m_decoder({}, sam::maxFrameLength) {}

    std::vector<Bytes> received(std::span<const std::uint8_t> bytes) override {
        std::vector<Bytes> answers;
        m_decoder.feed(bytes);
        while (auto body = m_decoder.next())
            answers.push_back(answer(*body));
        // A damaged command gets the reader's checksum-error status.
        if (m_decoder.droppedFrames() > m_dropped) {
            m_dropped = m_decoder.droppedFrames();
            answers.push_back(sam::encodeAnswer(sam::status::checksumError));
        }
        return answers;
    }

    core::Expected<std::vector<Bytes>> command(const Words& words) override {
        if (words[0] == "present" && words.size() == 2) {
            for (const auto& card : demoCards())
                if (card.key == words[1]) {
                    m_card = card;
                    m_selected = false;
                    return std::vector<Bytes>{};
                }
        } else if (words[0] == "remove") {
            m_card.reset();
            m_selected = false;
            return std::vector<Bytes>{};
        } else if (words[0] == "unauthorised") {
            m_authorised = false;
            return std::vector<Bytes>{};
        }
        return core::Error{
            "devsim.command",
            core::Message(N_("unknown or malformed simulator command: {command}"), {{"command", words[0]}}),
            {},
            core::Message(N_("see devices/PROTOCOLS.md, section \"Simulator\", for the commands"))};
    }

    Bytes oversizedHeader() const override {
        Bytes header(sam::preamble.begin(), sam::preamble.end());
        header.push_back(0xFF);
        header.push_back(0xF0);
        return header;
    }

    void reset() override {
        m_decoder.reset();
        m_selected = false;
    }

private:
    Bytes answer(const std::vector<std::uint8_t>& body) {
        if (body.size() < 2)
            return sam::encodeAnswer(sam::status::lengthError);
        const sam::Command command{body[0], body[1]};
        if (command == sam::resetSam || command == sam::samStatus)
            return sam::encodeAnswer(m_authorised ? sam::status::ok : sam::status::notAuthorised);
        if (command == sam::samId) {
            const Bytes id(16, 0x31);
            return sam::encodeAnswer(sam::status::ok, id);
        }
        if (!m_authorised &&
            (command == sam::findCard || command == sam::selectCard || command == sam::readTextAndPhoto))
            return sam::encodeAnswer(sam::status::notAuthorised);
        if (command == sam::findCard)
            return m_card ? sam::encodeAnswer(sam::status::findOk, Bytes(4, 0))
                          : sam::encodeAnswer(sam::status::findFailed, Bytes(4, 0));
        if (command == sam::selectCard) {
            m_selected = m_card.has_value();
            return m_card ? sam::encodeAnswer(sam::status::ok, Bytes(8, 0))
                          : sam::encodeAnswer(sam::status::selectFailed, Bytes(8, 0));
        }
        if (command == sam::readTextAndPhoto) {
            if (!m_card || !m_selected)
                return sam::encodeAnswer(sam::status::readFailed);
            const Bytes text = encodeCardText(*m_card);
            const Bytes photo = demoPhoto();
            Bytes data{
                static_cast<std::uint8_t>(text.size() >> 8), static_cast<std::uint8_t>(text.size() & 0xFF),
                static_cast<std::uint8_t>(photo.size() >> 8), static_cast<std::uint8_t>(photo.size() & 0xFF)};
            data.insert(data.end(), text.begin(), text.end());
            data.insert(data.end(), photo.begin(), photo.end());
            return sam::encodeAnswer(sam::status::ok, data);
        }
        return sam::encodeAnswer(sam::status::badCommand);
    }

    sam::FrameDecoder m_decoder;
    int m_dropped = 0;
    std::optional<DemoCard> m_card;
    bool m_selected = false;
    bool m_authorised = true;
};

} // namespace

const std::vector<DemoCard>& demoCards() {
    static const std::vector<DemoCard> cards{
        {"zhang", "张三", "1", "01", "19900307", "上海市黄浦区人民大道200号", "310101199003072313",
         "上海市公安局黄浦分局", "20150601", "20350601"},
        {"li", "李四", "2", "01", "19851112", "上海市徐汇区漕溪北路336号", "310104198511124823",
         "上海市公安局徐汇分局", "20100315", "20300315"},
        {"wang", "王小明", "1", "03", "19520720", "上海市浦东新区世纪大道100号", "310115195207206539",
         "上海市公安局浦东分局", "20120101", "长期"},
        {"badcheck", "赵五", "1", "01", "19900307", "上海市黄浦区人民大道200号", "310101199003072314",
         "上海市公安局黄浦分局", "20150601", "20350601"},
    };
    return cards;
}

Bytes encodeCardText(const DemoCard& card) {
    namespace f = devices::idcard_text;
    Bytes out;
    putField(out, card.name, f::name);
    putField(out, card.sexCode, f::sex);
    putField(out, card.nationCode, f::nation);
    putField(out, card.birth, f::birth);
    putField(out, card.address, f::address);
    putField(out, card.idNumber, f::idNumber);
    putField(out, card.authority, f::authority);
    putField(out, card.validFrom, f::validFrom);
    putField(out, card.validTo, f::validTo);
    putField(out, "", f::reserved);
    return out;
}

Bytes demoPhoto() {
    Bytes photo(1024);
    for (std::size_t i = 0; i < photo.size(); ++i)
        photo[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return photo;
}

std::unique_ptr<DeviceBehaviour> makeIdCardReader() {
    return std::make_unique<IdCardReaderSimulator>();
}

} // namespace ywtb::devsim
