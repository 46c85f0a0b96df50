#pragma once
// Importing the item catalogue into the local store and reading it back.

#include "core/catalogue.h"
#include "core/error.h"
#include "services/actor.h"

#include <filesystem>
#include <string>
#include <vector>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

struct CatalogueImportReport {
    std::vector<std::string> files;
    std::size_t items = 0;
    std::size_t added = 0;    ///< codes the store did not have
    std::size_t replaced = 0; ///< codes whose guide was replaced
};

/// What an import produced: a report, or every problem found (and then the store is unchanged).
struct CatalogueImportResult {
    CatalogueImportReport report;
    std::vector<core::Error> errors;
    bool ok() const { return errors.empty(); }
};

/// Validates every file at `path` (a file or a folder of *.json) and, only when all are valid, writes
/// all their items in one transaction with an audit entry. Items with a known code are replaced.
CatalogueImportResult importCatalogue(store::LocalStore& store, const std::filesystem::path& path,
                                      const Actor& actor, const core::Clock& clock);

/// Withdraws an item from the store, with an audit entry. An import never deletes (a department's file
/// must not wipe out the others' items), so this is how an item leaves the catalogue.
core::Expected<core::Done> removeCatalogueItem(store::LocalStore& store, const std::string& code,
                                               const Actor& actor, const core::Clock& clock);

/// The catalogue in the store.
core::Expected<core::Catalogue> loadCatalogue(store::LocalStore& store);

/// Loads the catalogue, first importing the shipped one from `formsDir`/catalogue when the store has none.
core::Expected<core::Catalogue> loadCatalogueOrSeed(store::LocalStore& store,
                                                    const std::filesystem::path& formsDir, const Actor& actor,
                                                    const core::Clock& clock);

} // namespace ywtb::services
