#pragma once
// Reads the item catalogue format of forms/README.md (ywtb-catalogue, format_version 1).

#include "core/error.h"
#include "core/item.h"

#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// An item as read, with its canonical JSON so a store can keep exactly what was validated.
struct ParsedItem {
    Item item;
    std::string json;
};

/// Everything read from one file: the items when `errors` is empty, otherwise every problem found.
struct CatalogueFileResult {
    std::vector<ParsedItem> items;
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};

/// Parses a whole catalogue file; `file` names it in the errors. Nothing is partially accepted:
/// when any problem is found the caller must take none of the items.
CatalogueFileResult parseCatalogueFile(std::string_view text, const std::string& file);

class JsonObjectReader;

/// Reads an item from an object already parsed, reporting problems at the reader's path (e.g. "$.item.code").
Item readItemObject(JsonObjectReader& reader);

/// Parses one item's JSON as kept by the store (the `json` of a ParsedItem).
Expected<Item> parseItemJson(std::string_view json, const std::string& where);

/// Problems that only show across files: the same code in two places. Each file is (name, items).
std::vector<Error>
findDuplicateCodes(const std::vector<std::pair<std::string, const std::vector<ParsedItem>*>>& files);

} // namespace ywtb::core
