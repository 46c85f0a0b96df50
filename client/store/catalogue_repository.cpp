#include "store/catalogue_repository.h"

#include "store/database.h"

namespace ywtb::store {

std::int64_t recordCatalogueImport(Transaction& tx, const CatalogueImportRecord& record) {
    Statement insert(
        tx.db(), "INSERT INTO catalogue_import (imported_at, source, sha256, item_count) VALUES (?,?,?,?)");
    insert.bind(1, record.at).bind(2, record.source).bind(3, record.sha256).bind(4, record.itemCount);
    insert.run();
    return tx.db().lastInsertRowId();
}

void putCatalogueItem(Transaction& tx, std::int64_t importId, const std::string& code,
                      const std::string& name, const std::string& department, const std::string& body) {
    Statement upsert(
        tx.db(), "INSERT INTO catalogue_item (code, name, department, body, import_id) VALUES (?,?,?,?,?) "
                 "ON CONFLICT(code) DO UPDATE SET name = excluded.name, department = excluded.department, "
                 "body = excluded.body, import_id = excluded.import_id");
    upsert.bind(1, code).bind(2, name).bind(3, department).bind(4, body).bind(5, importId);
    upsert.run();
}

bool removeCatalogueItem(Transaction& tx, const std::string& code) {
    Statement remove(tx.db(), "DELETE FROM catalogue_item WHERE code = ?");
    remove.bind(1, code);
    remove.run();
    return tx.db().queryInteger("SELECT changes()") > 0;
}

std::vector<StoredItem> loadCatalogueItems(Database& db) {
    Statement query(db, "SELECT code, body FROM catalogue_item ORDER BY code");
    std::vector<StoredItem> out;
    while (query.step())
        out.push_back({query.text(0), query.text(1)});
    return out;
}

std::int64_t catalogueItemCount(Database& db) {
    return db.queryInteger("SELECT count(*) FROM catalogue_item");
}

} // namespace ywtb::store
