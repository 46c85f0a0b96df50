#include "core/phone_number.h"

#include "core/masking.h"

#include <string_view>

namespace ywtb::core {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

Error phoneError(const char* code, std::string_view raw, Message what, Message fix) {
    return Error{code, std::move(what), maskPhone(raw), std::move(fix)};
}

// Splits "main[ext]" at 转 / ext / x / # / a hyphen group after a full number; returns false on stray
// characters.
bool splitDigits(std::string_view text, std::string& main, std::string& extension, bool& sawPlus) {
    static constexpr std::string_view kTransfer = "\xE8\xBD\xAC"; // 转
    sawPlus = false;
    std::string* target = &main;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (isDigit(c)) {
            *target += c;
        } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
            continue;
        } else if (c == '+' && main.empty() && !sawPlus) {
            sawPlus = true;
        } else if (text.substr(i, kTransfer.size()) == kTransfer && target == &main) {
            target = &extension;
            i += kTransfer.size() - 1;
        } else if ((c == '#' || c == 'x' || c == 'X') && target == &main) {
            target = &extension;
        } else if (text.substr(i, 3) == "ext" && target == &main) {
            target = &extension;
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

bool validAreaCode(std::string_view area) {
    // 010 and 020–029 are the two-digit-city codes; the rest have four digits, 03xx to 09xx.
    if (area == "010")
        return true;
    if (area.size() == 3)
        return area[0] == '0' && area[1] == '2';
    return area.size() == 4 && area[0] == '0' && area[1] >= '3' && area[1] <= '9';
}

} // namespace

std::string PhoneNumber::normalised() const {
    switch (kind) {
    case PhoneKind::Mobile:
        return subscriber;
    case PhoneKind::Service:
        return subscriber.substr(0, 3) + "-" + subscriber.substr(3, 3) + "-" + subscriber.substr(6);
    case PhoneKind::Landline:
        break;
    }
    std::string out = areaCode + "-" + subscriber;
    if (!extension.empty())
        out += "-" + extension;
    return out;
}

Expected<PhoneNumber> parsePhoneNumber(std::string_view text, std::string_view defaultAreaCode) {
    std::string digits, extension;
    bool plus = false;
    if (text.find_first_not_of(" \t") == std::string_view::npos)
        return phoneError("phone.empty", text, Message(N_("no telephone number was given")),
                          Message(N_("type a mobile number, or a landline with its area code")));
    if (!splitDigits(text, digits, extension, plus) || digits.empty())
        return phoneError(
            "phone.characters", text,
            Message(N_("a telephone number holds digits, spaces, hyphens and an optional +86")),
            Message(N_("remove letters and other signs; write an extension as 021-64871234-806")));
    // +86 / 0086 always carry the country code; a bare 86 only in front of a full mobile number.
    bool international = plus || digits.starts_with("0086");
    if (digits.starts_with("0086"))
        digits = digits.substr(2);
    if (international && !digits.starts_with("86"))
        international = false;
    if (international || (digits.starts_with("861") && digits.size() == 13))
        digits = digits.substr(2);
    // Dialled from abroad a landline drops its trunk 0: +86 21 6487 1234.
    if (international && !digits.starts_with("1") && !digits.starts_with("0") && !digits.starts_with("400") &&
        !digits.starts_with("800"))
        digits = "0" + digits;

    if (digits.starts_with("1")) {
        if (digits.size() != 11 || digits[1] < '3' || !extension.empty())
            return phoneError(
                "phone.mobile", digits,
                Message(N_("a mobile number has 11 digits starting 13 to 19; this one has {count} digits"),
                        {{"count", std::to_string(digits.size())}}),
                Message(N_("check for a missing or extra digit")));
        return PhoneNumber{PhoneKind::Mobile, {}, digits, {}};
    }
    if (digits.starts_with("400") || digits.starts_with("800")) {
        if (digits.size() != 10)
            return phoneError("phone.landline", digits, Message(N_("a 400 or 800 number has 10 digits")),
                              Message(N_("check for a missing or extra digit")));
        return PhoneNumber{PhoneKind::Service, {}, digits, extension};
    }
    std::string area, subscriber;
    if (digits.starts_with("0")) {
        const std::size_t areaLength = (digits.starts_with("01") || digits.starts_with("02")) ? 3 : 4;
        area = digits.substr(0, areaLength);
        subscriber = digits.size() > areaLength ? digits.substr(areaLength) : std::string();
        if (!validAreaCode(area))
            return phoneError("phone.area_code", digits,
                              Message(N_("{area} is not a mainland area code"), {{"area", area}}),
                              Message(N_("check the area code; Shanghai's is 021")));
        // With a three-digit area code the local number has 8 digits; a longer tail is an extension.
        const std::size_t localLength = areaLength == 3 ? 8 : (subscriber.size() >= 8 ? 8 : 7);
        if (extension.empty() && subscriber.size() > localLength && subscriber.size() <= localLength + 6) {
            extension = subscriber.substr(localLength);
            subscriber = subscriber.substr(0, localLength);
        }
    } else {
        area = std::string(defaultAreaCode);
        subscriber = digits;
    }
    const bool lengthOk =
        area.size() == 3 ? subscriber.size() == 8 : (subscriber.size() == 7 || subscriber.size() == 8);
    if (!lengthOk || subscriber[0] == '0' || subscriber[0] == '1' || extension.size() > 6)
        return phoneError("phone.landline", digits,
                          Message(N_("a landline in area {area} has {expected} digits after the area code, "
                                     "not starting with 0 or 1"),
                                  {{"area", area}, {"expected", area.size() == 3 ? "8" : "7 or 8"}}),
                          Message(N_("check the number; write an extension as 021-64871234-806")));
    return PhoneNumber{PhoneKind::Landline, area, subscriber, extension};
}

} // namespace ywtb::core
