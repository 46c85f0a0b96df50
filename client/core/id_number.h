#pragma once
// GB 11643-1999 citizen identification numbers (公民身份号码).

#include "core/civil_date.h"
#include "core/error.h"

#include <string>
#include <string_view>

namespace ywtb::core {

enum class Sex { Female, Male };

/// What a valid 18-character number says about its holder.
struct IdNumber {
    std::string number;     ///< normalised: upper-case X
    std::string regionCode; ///< first six digits (GB/T 2260)
    CivilDate birthDate;
    Sex sex = Sex::Female; ///< the 17th digit: odd for men
};

/// The GB 11643 check character for the first 17 digits of a number.
char idCheckCharacter(std::string_view first17);

/// Checks a resident ID number: 18 characters, plausible region, a birth date that exists and is not
/// after `today`, and the check character. Error codes: id.empty, id.legacy_15, id.length, id.characters,
/// id.region, id.birth_date, id.check_digit. A 15-digit first-generation number is reported as such,
/// with its 18-character form as the fix.
Expected<IdNumber> parseIdNumber(std::string_view text, CivilDate today);

} // namespace ywtb::core
