#pragma once
// Pinyin initials (拼音首字母) of Chinese text, so a clerk can type "spjy" to find 食品经营许可.

#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// The initial letters each character of `text` may be typed as, in order. A Han character gives the
/// initials of all its Mandarin readings ("xh" for 行); an ASCII letter or digit gives itself in lower
/// case; anything else (punctuation, spaces, brackets) gives nothing and is skipped.
std::vector<std::string> pinyinInitialSets(std::string_view text);

/// True when `query` (ASCII letters and digits, any case) spells consecutive initials of `text`.
bool matchesPinyinInitials(std::string_view text, std::string_view query);

/// The usual initials of `text` as one string ("spjyxk" for 食品经营许可).
std::string pinyinInitials(std::string_view text);

} // namespace ywtb::core
