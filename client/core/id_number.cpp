#include "core/id_number.h"

#include "core/masking.h"
#include "core/region_codes.h"

#include <array>
#include <cctype>

namespace ywtb::core {
namespace {

constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";
constexpr int kEarliestBirthYear = 1850;

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::string trimmed(std::string_view text) {
    std::size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1])))
        --e;
    return std::string(text.substr(b, e - b));
}

Error idError(const char* code, const std::string& number, Message what, Message fix) {
    return Error{code, std::move(what), maskIdNumber(number), std::move(fix)};
}

Expected<CivilDate> birthDateOf(const std::string& number, int year, unsigned month, unsigned day,
                                CivilDate today) {
    auto date = CivilDate::fromNumbers(year, month, day);
    if (!date)
        return idError("id.birth_date", number,
                       Message(N_("the birth date part {date} is not a real date"),
                               {{"date", std::to_string(year) + "-" + std::to_string(month) + "-" +
                                             std::to_string(day)}}),
                       Message(N_("check the digits that hold the birth date (7th to 14th)")));
    if (date->year() < kEarliestBirthYear || *date > today)
        return idError(
            "id.birth_date", number,
            Message(N_("the birth date {date} is not possible for a living person"), {{"date", date->iso()}}),
            Message(N_("check the digits that hold the birth date (7th to 14th)")));
    return date;
}

Error regionError(const std::string& number) {
    return idError("id.region", number,
                   Message(N_("the region code {region} is not an administrative division"),
                           {{"region", number.substr(0, 6)}}),
                   Message(N_("check the first six digits against the ID card")));
}

Expected<IdNumber> parseLegacy(const std::string& number, CivilDate today) {
    for (char c : number)
        if (!isDigit(c))
            return idError("id.characters", number, Message(N_("a 15-digit ID number holds digits only")),
                           Message(N_("check the number against the ID card")));
    if (!isPlausibleRegionCode(number.substr(0, 6)))
        return regionError(number);
    const int year = 1900 + std::stoi(number.substr(6, 2));
    auto birth = birthDateOf(number, year, static_cast<unsigned>(std::stoi(number.substr(8, 2))),
                             static_cast<unsigned>(std::stoi(number.substr(10, 2))), today);
    if (!birth)
        return birth.error();
    std::string upgraded = number.substr(0, 6) + "19" + number.substr(6);
    upgraded += idCheckCharacter(upgraded);
    return idError(
        "id.legacy_15", number,
        Message(N_("this is a 15-digit first-generation ID number, no longer valid for applications")),
        Message(N_("ask for the current 18-character number; by GB 11643 it would be {upgraded}"),
                {{"upgraded", maskIdNumber(upgraded)}}));
}

} // namespace

char idCheckCharacter(std::string_view first17) {
    int sum = 0;
    for (std::size_t i = 0; i < 17 && i < first17.size(); ++i)
        sum += (first17[i] - '0') * kWeights[i];
    return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

Expected<IdNumber> parseIdNumber(std::string_view text, CivilDate today) {
    std::string number = trimmed(text);
    if (number.empty())
        return Error{"id.empty",
                     Message(N_("no ID number was given")),
                     {},
                     Message(N_("read the ID card or type the 18-character number"))};
    if (number.size() == 18 && number[17] == 'x')
        number[17] = 'X';
    if (number.size() == 15)
        return parseLegacy(number, today);
    if (number.size() != 18)
        return idError("id.length", number,
                       Message(N_("an ID number has 18 characters, this one has {count}"),
                               {{"count", std::to_string(number.size())}}),
                       Message(N_("check for a missing or extra digit")));
    for (std::size_t i = 0; i < 17; ++i)
        if (!isDigit(number[i]))
            return idError(
                "id.characters", number,
                Message(N_("character {position} is '{character}', but the first 17 characters are digits"),
                        {{"position", std::to_string(i + 1)}, {"character", std::string(1, number[i])}}),
                Message(N_("check the number against the ID card")));
    if (!isPlausibleRegionCode(number.substr(0, 6)))
        return regionError(number);
    auto birth = birthDateOf(number, std::stoi(number.substr(6, 4)),
                             static_cast<unsigned>(std::stoi(number.substr(10, 2))),
                             static_cast<unsigned>(std::stoi(number.substr(12, 2))), today);
    if (!birth)
        return birth.error();
    const char expected = idCheckCharacter(number);
    if (number[17] != expected)
        return idError(
            "id.check_digit", number,
            Message(N_("the check digit is '{actual}', but the first 17 digits call for '{expected}'"),
                    {{"actual", std::string(1, number[17])}, {"expected", std::string(1, expected)}}),
            Message(N_("a digit was probably mistyped: compare the number with the ID card")));
    return IdNumber{number, number.substr(0, 6), *birth,
                    (number[16] - '0') % 2 == 1 ? Sex::Male : Sex::Female};
}

} // namespace ywtb::core
