#include "services/catalogue_service.h"

#include "core/catalogue_parser.h"
#include "services/text_file.h"
#include "store/audit_log.h"
#include "store/blob_store.h"
#include "store/catalogue_repository.h"
#include "store/local_store.h"

#include <set>

namespace ywtb::services {

using core::Error;
using core::Message;

CatalogueImportResult importCatalogue(store::LocalStore& store, const std::filesystem::path& path,
                                      const Actor& actor, const core::Clock& clock) {
    CatalogueImportResult result;
    auto files = jsonFilesAt(path);
    if (!files) {
        result.errors.push_back(files.error());
        return result;
    }
    std::vector<std::pair<std::string, core::CatalogueFileResult>> parsed;
    std::string allText;
    for (const auto& file : *files) {
        auto text = readTextFile(file);
        if (!text) {
            result.errors.push_back(text.error());
            continue;
        }
        allText += *text;
        auto fileResult = core::parseCatalogueFile(*text, file.string());
        result.errors.insert(result.errors.end(), fileResult.errors.begin(), fileResult.errors.end());
        parsed.emplace_back(file.string(), std::move(fileResult));
    }
    if (!result.ok())
        return result;
    std::vector<std::pair<std::string, const std::vector<core::ParsedItem>*>> byFile;
    for (const auto& [file, fileResult] : parsed)
        byFile.emplace_back(file, &fileResult.items);
    result.errors = core::findDuplicateCodes(byFile);
    if (!result.ok())
        return result;

    try {
        std::set<std::string> known;
        for (const auto& stored : store::loadCatalogueItems(store.db()))
            known.insert(stored.code);
        store::Transaction tx(store.db());
        std::size_t count = 0;
        for (const auto& entry : parsed)
            count += entry.second.items.size();
        const auto importId = store::recordCatalogueImport(
            tx, {clock.nowUtc(), path.string(), store::sha256Hex(allText), static_cast<std::int64_t>(count)});
        for (const auto& [file, fileResult] : parsed) {
            for (const auto& parsedItem : fileResult.items) {
                const auto& item = parsedItem.item;
                store::putCatalogueItem(tx, importId, item.code, item.name, item.department, parsedItem.json);
                ++(known.count(item.code) ? result.report.replaced : result.report.added);
            }
            result.report.files.push_back(file);
        }
        result.report.items = count;
        store::appendAudit(tx, {.at = clock.nowUtc(),
                                .staff = actor.staff,
                                .window = actor.window,
                                .action = "catalogue.import",
                                .subject = path.string(),
                                .detail = std::to_string(count) + " items"});
        tx.commit();
    } catch (const store::StoreFailure& failure) {
        result.errors.push_back(failure.error());
        result.report = {};
    }
    return result;
}

core::Expected<core::Done> removeCatalogueItem(store::LocalStore& store, const std::string& code,
                                               const Actor& actor, const core::Clock& clock) {
    try {
        store::Transaction tx(store.db());
        if (!store::removeCatalogueItem(tx, code))
            return Error{"catalogue.unknown_code",
                         Message(N_("no item has the code \"{code}\""), {{"code", code}}),
                         {},
                         Message(N_("find the code with: catalogue search TEXT"))};
        store::appendAudit(tx, {.at = clock.nowUtc(),
                                .staff = actor.staff,
                                .window = actor.window,
                                .action = "catalogue.remove",
                                .subject = code});
        tx.commit();
        return core::Done{};
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Catalogue> loadCatalogue(store::LocalStore& store) {
    try {
        std::vector<core::Item> items;
        for (const auto& stored : store::loadCatalogueItems(store.db())) {
            auto item = core::parseItemJson(stored.body,
                                            store.databasePath().string() + " catalogue_item " + stored.code);
            if (!item)
                return item.error();
            items.push_back(std::move(item).value());
        }
        return core::Catalogue(std::move(items));
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<core::Catalogue> loadCatalogueOrSeed(store::LocalStore& store,
                                                    const std::filesystem::path& formsDir, const Actor& actor,
                                                    const core::Clock& clock) {
    try {
        if (store::catalogueItemCount(store.db()) == 0) {
            auto seeded = importCatalogue(store, formsDir / "catalogue", actor, clock);
            if (!seeded.ok())
                return seeded.errors.front();
        }
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return loadCatalogue(store);
}

} // namespace ywtb::services
