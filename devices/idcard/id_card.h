#pragma once
// What a second-generation resident ID card holds, decoded from the reader's 256-byte text block.

#include "core/civil_date.h"
#include "core/error.h"
#include "core/id_number.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ywtb::devices {

/// Byte sizes of the text block's fields (UCS-2 little-endian, padded with spaces).
namespace idcard_text {
inline constexpr std::size_t name = 30, sex = 2, nation = 4, birth = 16, address = 70, idNumber = 36,
                             authority = 30, validFrom = 16, validTo = 16, reserved = 36;
inline constexpr std::size_t total = 256;
} // namespace idcard_text

struct IdCard {
    std::string name;
    core::Sex sex = core::Sex::Female;
    std::string nationCode; ///< GB 3304 two digits, "01" = 汉
    std::string nation;     ///< the name for the code, "汉"; empty for a code not in GB 3304
    core::CivilDate birthDate;
    std::string address;
    core::IdNumber idNumber; ///< checked with GB 11643
    std::string issuingAuthority;
    core::CivilDate validFrom;
    std::optional<core::CivilDate> validUntil; ///< none: 长期 (valid for life)
    /// The photo exactly as the card gave it (WLT-compressed, normally 1024 bytes).
    std::vector<std::uint8_t> photoWlt;
    /// Always true: turning WLT into a picture needs the reader vendor's licensed decoder library.
    bool photoNeedsVendorDecoder = true;
};

/// The ethnic group for a GB 3304 code ("01" → "汉"); empty when the code is unknown.
std::string nationName(const std::string& code);

/// Decodes the text block; `today` bounds the birth date. Error codes: idcard.text (a field that is not
/// what the card format says) and the id.* codes of parseIdNumber for the ID number.
core::Expected<IdCard> parseIdCardText(std::span<const std::uint8_t> text,
                                       std::span<const std::uint8_t> photo, core::CivilDate today);

/// "张** 310101********0012": who the card belongs to, safe for a log line.
std::string maskedHolder(const IdCard& card);

} // namespace ywtb::devices
