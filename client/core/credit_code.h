#pragma once
// GB 32100-2015 unified social credit codes (统一社会信用代码) of organisations.

#include "core/error.h"

#include <string>
#include <string_view>

namespace ywtb::core {

/// What a valid code says about the organisation.
struct CreditCode {
    std::string code;                  ///< normalised: upper case, no spaces
    char registrationAuthority = '\0'; ///< 1st character: 1 机构编制, 5 民政, 9 市场监管 (工商) …
    char category = '\0';         ///< 2nd character: 1 企业 / 2 个体工商户 … under the authority
    std::string regionCode;       ///< 3rd–8th characters (GB/T 2260)
    std::string organisationCode; ///< 9th–17th characters (GB 11714 body)
};

/// The GB 32100 check character for the first 17 characters, or '\0' when one is outside the code's alphabet.
char creditCodeCheckCharacter(std::string_view first17);

/// Checks a code: 18 characters from the GB 32100 alphabet (no I, O, S, V, Z), a known registration
/// authority, a plausible region and the check character. Error codes: uscc.empty, uscc.length,
/// uscc.characters, uscc.authority, uscc.region, uscc.check_digit.
Expected<CreditCode> parseCreditCode(std::string_view text);

} // namespace ywtb::core
