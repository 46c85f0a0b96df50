#include "core/masking.h"

namespace ywtb::core {
namespace {

std::string maskMiddle(std::string_view text, std::size_t keepFront, std::size_t keepBack) {
    if (text.size() <= keepFront + keepBack)
        return std::string(text.size(), '*');
    std::string out(text.substr(0, keepFront));
    out.append(text.size() - keepFront - keepBack, '*');
    out.append(text.substr(text.size() - keepBack));
    return out;
}

std::size_t utf8Length(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    return 4;
}

} // namespace

std::string maskIdNumber(std::string_view number) {
    return maskMiddle(number, 6, 4);
}

std::string maskPhone(std::string_view phone) {
    return maskMiddle(phone, 3, 4);
}

std::string maskName(std::string_view name) {
    if (name.empty())
        return {};
    std::size_t first = std::min(utf8Length(static_cast<unsigned char>(name[0])), name.size());
    std::size_t characters = 0;
    for (std::size_t i = first; i < name.size(); i += utf8Length(static_cast<unsigned char>(name[i])))
        ++characters;
    return std::string(name.substr(0, first)) + std::string(characters == 0 ? 1 : characters, '*');
}

} // namespace ywtb::core
