#include "core/pinyin.h"

#include "core/utf8.h"

#include <algorithm>
#include <cctype>

namespace ywtb::core {
namespace {

struct AlternativeInitials {
    char32_t codePoint;
    const char* letters;
};

#include "core/pinyin_initials_data.inc"

std::string initialsOf(char32_t c) {
    if (c < 0x80) {
        const auto ascii = static_cast<unsigned char>(c);
        if (std::isalnum(ascii))
            return std::string(1, static_cast<char>(std::tolower(ascii)));
        return {};
    }
    if (c >= 0xFF10 && c <= 0xFF5A) // full-width digits and letters typed with a Chinese input method
        return initialsOf(c - 0xFEE0);
    if (c < kFirstIdeograph || c > kLastIdeograph)
        return {};
    std::string letters;
    const char primary = kPrimaryInitials[c - kFirstIdeograph];
    if (primary != '.')
        letters += primary;
    const auto* end = std::end(kAlternativeInitials);
    const auto* found =
        std::lower_bound(std::begin(kAlternativeInitials), end, c,
                         [](const AlternativeInitials& a, char32_t cp) { return a.codePoint < cp; });
    if (found != end && found->codePoint == c)
        letters += found->letters;
    return letters;
}

} // namespace

std::vector<std::string> pinyinInitialSets(std::string_view text) {
    std::vector<std::string> sets;
    for (char32_t c : decodeUtf8(text)) {
        auto letters = initialsOf(c);
        if (!letters.empty())
            sets.push_back(std::move(letters));
    }
    return sets;
}

std::string pinyinInitials(std::string_view text) {
    std::string out;
    for (const auto& set : pinyinInitialSets(text))
        out += set.front();
    return out;
}

bool matchesPinyinInitials(std::string_view text, std::string_view query) {
    std::string wanted;
    for (char c : query) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            return false;
        wanted += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (wanted.empty())
        return false;
    const auto sets = pinyinInitialSets(text);
    if (sets.size() < wanted.size())
        return false;
    for (std::size_t start = 0; start + wanted.size() <= sets.size(); ++start) {
        bool all = true;
        for (std::size_t k = 0; k < wanted.size() && all; ++k)
            all = sets[start + k].find(wanted[k]) != std::string::npos;
        if (all)
            return true;
    }
    return false;
}

} // namespace ywtb::core
