#pragma once
// The item catalogue as the store keeps it: each item's validated JSON, and a record of every import.

#include <cstdint>
#include <string>
#include <vector>

namespace ywtb::store {

class Database;
class Transaction;

struct StoredItem {
    std::string code;
    std::string body; ///< the item's JSON as validated by core::parseCatalogueFile
};

struct CatalogueImportRecord {
    std::string at;
    std::string source;
    std::string sha256;
    std::int64_t itemCount = 0;
};

/// Records an import and returns its id; call inside the transaction that writes its items.
std::int64_t recordCatalogueImport(Transaction& tx, const CatalogueImportRecord& record);
/// Inserts the item or replaces the one with the same code.
void putCatalogueItem(Transaction& tx, std::int64_t importId, const std::string& code,
                      const std::string& name, const std::string& department, const std::string& body);
/// Deletes the item with this code; false when there was none.
bool removeCatalogueItem(Transaction& tx, const std::string& code);
std::vector<StoredItem> loadCatalogueItems(Database& db);
std::int64_t catalogueItemCount(Database& db);

} // namespace ywtb::store
