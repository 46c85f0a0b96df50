#pragma once
// GB/T 2260 administrative division codes, as far as a counter can check them without a full register.

#include <string>
#include <string_view>

namespace ywtb::core {

/// The province-level name for a two-digit GB/T 2260 prefix ("31" → 上海市), or empty when none exists.
std::string_view provinceName(std::string_view twoDigits);

enum class RegionLevel {
    County,  ///< a person's registered residence: mainland codes below province level
    AnyLevel ///< an organisation's registration authority, which may sit at province level (310000)
};

/// True when `sixDigits` could be a GB/T 2260 division code: a real province prefix and, for a person on
/// the mainland, a prefecture and county part (810000 / 820000 / 830000 stand for the Hong Kong, Macao and
/// Taiwan residence permits and are plausible as they are).
bool isPlausibleRegionCode(std::string_view sixDigits, RegionLevel level = RegionLevel::County);

} // namespace ywtb::core
