// The ID card's text block and photo as the reader driver hands them to parseIdCardText
// (devices/idcard/id_card.h): the first 256 bytes are the text block, the rest the photo; `today` is fixed so
// that a crash reproduces.
//
// Invariants: a card has a name, every text field is valid UTF-8 without its padding, the nation is the one
// of its code, the ID number passes GB 11643 with a birth date not after today, the photo is kept byte for
// byte, and neither the masked holder (the driver's log line) nor an error holds the 18-character ID number;
// a refused block says why with idcard.text or an id.* code.

#include "core/id_number.h"
#include "core/utf8.h"
#include "devices/idcard/id_card.h"
#include "fuzz/fuzz_support.h"

#include <algorithm>
#include <string>

namespace {

using namespace ywtb;
namespace f = devices::idcard_text;

bool isCleanUtf8(const std::string& text) {
    const auto points = core::decodeUtf8(text);
    const bool padded =
        !points.empty() && (points.back() == U' ' || points.back() == U'\0' || points.back() == U'\u3000');
    return !padded && core::encodeUtf8(points) == text;
}

// The ID number field when its first 18 characters are ASCII digits or X, as they are on a real card.
std::string asciiIdNumber(std::span<const std::uint8_t> text) {
    const auto field = text.subspan(f::name + f::sex + f::nation + f::birth + f::address, f::idNumber);
    std::string number;
    for (std::size_t i = 0; i + 1 < field.size() && number.size() < 18; i += 2) {
        const char c = static_cast<char>(field[i]);
        if (field[i + 1] != 0 || !((c >= '0' && c <= '9') || c == 'X' || c == 'x'))
            return {};
        number.push_back(c);
    }
    return number.size() == 18 ? number : std::string{};
}

bool contains(const std::string& text, const std::string& part) {
    return !part.empty() && text.find(part) != std::string::npos;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto today = core::CivilDate::fromNumbers(2026, 6, 1).value();
    const std::span<const std::uint8_t> input(data, size);
    const auto text = input.first(std::min(size, f::total));
    const auto photo = input.subspan(text.size());
    const auto card = devices::parseIdCardText(text, photo, today);
    const std::string number = text.size() == f::total ? asciiIdNumber(text) : std::string{};

    if (!card.ok()) {
        const auto& error = card.error();
        YWTB_FUZZ_CHECK(error.code == "idcard.text" || error.code.rfind("id.", 0) == 0);
        YWTB_FUZZ_CHECK(text.size() == f::total || error.code == "idcard.text");
        YWTB_FUZZ_CHECK(!error.str().empty());
        YWTB_FUZZ_CHECK(!contains(error.str(), number));
        return 0;
    }
    const auto& c = card.value();
    YWTB_FUZZ_CHECK(text.size() == f::total);
    YWTB_FUZZ_CHECK(!c.name.empty());
    for (const auto* field : {&c.name, &c.nationCode, &c.nation, &c.address, &c.issuingAuthority})
        YWTB_FUZZ_CHECK(isCleanUtf8(*field));
    YWTB_FUZZ_CHECK(c.nation == devices::nationName(c.nationCode));
    const auto& id = c.idNumber.number;
    YWTB_FUZZ_CHECK(id.size() == 18 && id[17] == core::idCheckCharacter(id));
    YWTB_FUZZ_CHECK(c.idNumber.birthDate <= today);
    YWTB_FUZZ_CHECK(std::equal(c.photoWlt.begin(), c.photoWlt.end(), photo.begin(), photo.end()));
    YWTB_FUZZ_CHECK(c.photoNeedsVendorDecoder);
    const auto holder = devices::maskedHolder(c);
    YWTB_FUZZ_CHECK(!contains(holder, id) && !contains(holder, number));
    return 0;
}
