#include "core/credit_code.h"

#include "core/region_codes.h"

#include <array>
#include <cctype>

namespace ywtb::core {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// GB 32100 table 1: 1 机构编制 … 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他.
constexpr std::string_view kAuthorities = "123456789ANY";

std::string normalised(std::string_view text) {
    std::string out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Error creditError(const char* code, const std::string& where, Message what, Message fix) {
    return Error{code, std::move(what), where, std::move(fix)};
}

} // namespace

char creditCodeCheckCharacter(std::string_view first17) {
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const auto value = kAlphabet.find(i < first17.size() ? first17[i] : '?');
        if (value == std::string_view::npos)
            return '\0';
        sum += static_cast<int>(value) * kWeights[i];
    }
    return kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

Expected<CreditCode> parseCreditCode(std::string_view text) {
    const std::string code = normalised(text);
    if (code.empty())
        return creditError("uscc.empty", {}, Message(N_("no unified social credit code was given")),
                           Message(N_("type the 18-character code from the business licence")));
    if (code.size() != 18)
        return creditError("uscc.length", code,
                           Message(N_("a unified social credit code has 18 characters, this one has {count}"),
                                   {{"count", std::to_string(code.size())}}),
                           Message(N_("check for a missing or extra character")));
    for (std::size_t i = 0; i < code.size(); ++i)
        if (kAlphabet.find(code[i]) == std::string_view::npos)
            return creditError(
                "uscc.characters", code,
                Message(N_("character {position} is '{character}', which no credit code uses "
                           "(the letters I, O, S, V and Z never appear)"),
                        {{"position", std::to_string(i + 1)}, {"character", std::string(1, code[i])}}),
                Message(
                    N_("check the code against the business licence; 0 and 1 are often read as O and I")));
    if (kAuthorities.find(code[0]) == std::string_view::npos)
        return creditError(
            "uscc.authority", code,
            Message(N_("the first character '{character}' is not a registration authority code"),
                    {{"character", std::string(1, code[0])}}),
            Message(N_("check the code against the business licence")));
    const std::string region = code.substr(2, 6);
    if (region != "100000" && !isPlausibleRegionCode(region, RegionLevel::AnyLevel))
        return creditError(
            "uscc.region", code,
            Message(N_("the region code {region} (characters 3 to 8) is not an administrative division"),
                    {{"region", region}}),
            Message(N_("check the code against the business licence")));
    const char expected = creditCodeCheckCharacter(code);
    if (code[17] != expected)
        return creditError(
            "uscc.check_digit", code,
            Message(
                N_("the check character is '{actual}', but the first 17 characters call for '{expected}'"),
                {{"actual", std::string(1, code[17])}, {"expected", std::string(1, expected)}}),
            Message(N_("a character was probably mistyped: compare the code with the business licence")));
    return CreditCode{code, code[0], code[1], region, code.substr(8, 9)};
}

} // namespace ywtb::core
