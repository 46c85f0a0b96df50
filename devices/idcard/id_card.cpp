#include "devices/idcard/id_card.h"

#include "core/masking.h"
#include "core/utf8.h"

#include <array>
#include <charconv>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Message;

// GB 3304-1991 names of ethnic groups, codes 01 to 56.
constexpr std::array<const char*, 56> nations{
    "汉",     "蒙古",   "回",       "藏",     "维吾尔", "苗",   "彝",     "壮",   "布依",     "朝鲜",
    "满",     "侗",     "瑶",       "白",     "土家",   "哈尼", "哈萨克", "傣",   "黎",       "傈僳",
    "佤",     "畲",     "高山",     "拉祜",   "水",     "东乡", "纳西",   "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬",   "羌",       "布朗",   "撒拉",   "毛南", "仡佬",   "锡伯", "阿昌",     "普米",
    "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",   "裕固", "京",       "塔塔尔",
    "独龙",   "鄂伦春", "赫哲",     "门巴",   "珞巴",   "基诺"};

// UCS-2LE to UTF-8, without the padding (spaces, NULs) that fills each field.
std::string decodeField(std::span<const std::uint8_t> bytes) {
    std::u32string text;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const char32_t unit = static_cast<char32_t>(bytes[i] | bytes[i + 1] << 8);
        if (unit >= 0xD800 &&
            unit <= 0xDFFF) // UCS-2 has no surrogates; a broken block must not make bad UTF-8
            text.push_back(U'\uFFFD');
        else
            text.push_back(unit);
    }
    while (!text.empty() && (text.back() == U' ' || text.back() == U'\0' || text.back() == U'\u3000'))
        text.pop_back();
    return core::encodeUtf8(text);
}

Error textError(const char* field) {
    return Error{
        "idcard.text", Message(N_("the card's {field} cannot be read")).term("field", field), "ID card",
        Message(
            N_("take the card off the reader and put it on again; if it happens again, type the data in"))};
}

std::optional<core::CivilDate> dateOf(const std::string& digits) {
    if (digits.size() != 8 || digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    std::from_chars(digits.data(), digits.data() + 4, y);
    std::from_chars(digits.data() + 4, digits.data() + 6, m);
    std::from_chars(digits.data() + 6, digits.data() + 8, d);
    auto date = core::CivilDate::fromNumbers(y, m, d);
    if (!date.ok())
        return std::nullopt;
    return date.value();
}

} // namespace

std::string nationName(const std::string& code) {
    if (code.size() != 2 || code.find_first_not_of("0123456789") != std::string::npos)
        return {};
    const int n = (code[0] - '0') * 10 + (code[1] - '0');
    if (n >= 1 && n <= 56)
        return nations[static_cast<std::size_t>(n - 1)];
    if (n == 97)
        return "其他";
    if (n == 98)
        return "外国血统中国籍人士";
    return {};
}

core::Expected<IdCard> parseIdCardText(std::span<const std::uint8_t> text,
                                       std::span<const std::uint8_t> photo, core::CivilDate today) {
    namespace f = idcard_text;
    if (text.size() < f::total)
        return textError(N_("text block"));
    std::size_t at = 0;
    auto field = [&](std::size_t size) {
        auto value = decodeField(text.subspan(at, size));
        at += size;
        return value;
    };
    IdCard card;
    card.name = field(f::name);
    const std::string sex = field(f::sex);
    card.nationCode = field(f::nation);
    const std::string birth = field(f::birth);
    card.address = field(f::address);
    const std::string number = field(f::idNumber);
    card.issuingAuthority = field(f::authority);
    const std::string validFrom = field(f::validFrom);
    const std::string validTo = field(f::validTo);

    if (card.name.empty())
        return textError(N_("name"));
    // GB/T 2261.1: 1 male, 2 female (0 unknown and 9 unstated do not occur on ID cards).
    if (sex != "1" && sex != "2")
        return textError(N_("sex"));
    card.sex = sex == "1" ? core::Sex::Male : core::Sex::Female;
    card.nation = nationName(card.nationCode);
    const auto birthDate = dateOf(birth);
    if (!birthDate)
        return textError(N_("birth date"));
    card.birthDate = *birthDate;

    auto id = core::parseIdNumber(number, today);
    if (!id.ok())
        return id.error();
    card.idNumber = id.value();

    const auto from = dateOf(validFrom);
    if (!from)
        return textError(N_("validity"));
    card.validFrom = *from;
    if (validTo != "长期") {
        const auto until = dateOf(validTo);
        if (!until)
            return textError(N_("validity"));
        card.validUntil = *until;
    }
    card.photoWlt.assign(photo.begin(), photo.end());
    return card;
}

std::string maskedHolder(const IdCard& card) {
    return core::maskName(card.name) + " " + core::maskIdNumber(card.idNumber.number);
}

} // namespace ywtb::devices
