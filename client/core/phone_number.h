#pragma once
// Mainland China telephone numbers as applicants give them: mobiles, landlines, 400/800 lines.

#include "core/error.h"

#include <string>
#include <string_view>

namespace ywtb::core {

enum class PhoneKind { Mobile, Landline, Service };

/// A number that can be dialled, split into its parts.
struct PhoneNumber {
    PhoneKind kind = PhoneKind::Mobile;
    std::string areaCode; ///< "021" for landlines; empty otherwise
    std::string
        subscriber; ///< the 11 mobile digits, the 7–8 landline digits, or the 10 digits of a 400/800 line
    std::string extension; ///< landline extension (分机), may be empty

    /// Normalised for storage and display: 13812345678, 021-64871234, 021-64871234-806, 400-820-8820.
    std::string normalised() const;
};

/// Parses a number typed with optional +86 / 0086, spaces and hyphens; a landline without an area code
/// takes `defaultAreaCode` (the centre's own, 021 in Shanghai). Extensions: "-806", "转806", "ext806".
/// Error codes: phone.empty, phone.characters, phone.mobile, phone.landline, phone.area_code.
Expected<PhoneNumber> parsePhoneNumber(std::string_view text, std::string_view defaultAreaCode = "021");

} // namespace ywtb::core
