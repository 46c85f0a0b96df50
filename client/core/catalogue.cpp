#include "core/catalogue.h"

#include "core/pinyin.h"

#include <algorithm>
#include <cctype>

namespace ywtb::core {
namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> words(std::string_view query) {
    std::vector<std::string> out;
    std::string current;
    for (char c : query) {
        if (c == ' ' || c == '\t') {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

int scoreWord(const Item& item, const std::string& word) {
    const auto wordUpper = upper(word);
    const auto code = upper(item.code);
    if (code == wordUpper)
        return 1000;
    const auto nameUpper = upper(item.name);
    if (nameUpper.starts_with(wordUpper))
        return 400;
    if (nameUpper.find(wordUpper) != std::string::npos)
        return 300;
    if (code.starts_with(wordUpper))
        return 250;
    if (matchesPinyinInitials(item.name, word)) {
        std::string lower = word;
        for (auto& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return pinyinInitials(item.name).starts_with(lower) ? 200 : 150;
    }
    for (const auto& keyword : item.keywords)
        if (upper(keyword).find(wordUpper) != std::string::npos || matchesPinyinInitials(keyword, word))
            return 100;
    if (upper(item.department).find(wordUpper) != std::string::npos)
        return 50;
    return 0;
}

} // namespace

Catalogue::Catalogue(std::vector<Item> items) : m_items(std::move(items)) {
    std::sort(m_items.begin(), m_items.end(), [](const Item& a, const Item& b) { return a.code < b.code; });
}

const Item* Catalogue::find(std::string_view code) const& {
    const auto wanted = upper(code);
    for (const auto& item : m_items)
        if (item.code == wanted)
            return &item;
    return nullptr;
}

std::vector<SearchHit> Catalogue::search(std::string_view query, std::size_t limit) const& {
    const auto queryWords = words(query);
    std::vector<SearchHit> hits;
    if (queryWords.empty())
        return hits;
    for (const auto& item : m_items) {
        int total = 0;
        for (const auto& word : queryWords) {
            const int score = scoreWord(item, word);
            if (score == 0) {
                total = 0;
                break;
            }
            total += score;
        }
        if (total > 0)
            hits.push_back({&item, total});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
    if (hits.size() > limit)
        hits.resize(limit);
    return hits;
}

CatalogueSummary Catalogue::summary() const {
    CatalogueSummary s;
    s.items = m_items.size();
    for (const auto& item : m_items) {
        s.materials += item.materials.size();
        s.onTheSpot += item.onTheSpot ? 1 : 0;
        ++s.perDepartment[item.department];
        ++s.perType[item.type];
    }
    return s;
}

} // namespace ywtb::core
