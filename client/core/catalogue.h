#pragma once
// The items a centre accepts, looked up by code and searched by name, code, keyword or pinyin initials.

#include "core/item.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// How the catalogue divides up, for the summary a clerk or administrator reads first.
struct CatalogueSummary {
    std::size_t items = 0;
    std::size_t materials = 0;
    std::size_t onTheSpot = 0;
    std::map<std::string, std::size_t> perDepartment;
    std::map<ItemType, std::size_t> perType;
};

/// One search hit; a higher score is a better match.
struct SearchHit {
    const Item* item = nullptr;
    int score = 0;
};

class Catalogue {
public:
    Catalogue() = default;
    explicit Catalogue(std::vector<Item> items);

    const std::vector<Item>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }
    /// The item with this code (case-insensitive), or null.
    const Item* find(std::string_view code) const&;
    const Item* find(std::string_view code) const&& = delete; // would point into a catalogue about to die
    /// Items whose code, name, keywords, department or pinyin initials match every word of `query`,
    /// best first: an exact code, then names that start with the text, then names that contain it, then
    /// initials.
    std::vector<SearchHit> search(std::string_view query, std::size_t limit = 50) const&;
    std::vector<SearchHit> search(std::string_view query, std::size_t limit = 50) const&& = delete;
    CatalogueSummary summary() const;

private:
    std::vector<Item> m_items; ///< sorted by code
};

} // namespace ywtb::core
