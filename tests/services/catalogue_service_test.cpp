#include "services/catalogue_service.h"
#include "store/audit_log.h"
#include "store/catalogue_repository.h"
#include "store/local_store.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <set>

using namespace ywtb;
using testing::TempDir;

namespace {

const core::FixedClock kClock(*core::CivilDate::parse("2026-11-28"), "2026-11-28T01:00:00Z");
const services::Actor kAdmin{"admin01", "-"};

std::unique_ptr<store::LocalStore> openStore(const TempDir& dir) {
    auto store = store::LocalStore::open(dir / "data");
    REQUIRE(store.ok());
    return std::move(store).value();
}

std::filesystem::path shippedCatalogue() {
    return testing::sourceDir() / "forms" / "catalogue";
}
std::filesystem::path fixture(const std::string& name) {
    return testing::fixturesDir() / "catalogue" / name;
}

} // namespace

TEST_CASE("the shipped catalogue imports whole: at least 30 items of at least 8 departments",
          "[catalogue][data]") {
    TempDir dir;
    auto store = openStore(dir);
    auto result = services::importCatalogue(*store, shippedCatalogue(), kAdmin, kClock);
    for (const auto& e : result.errors)
        UNSCOPED_INFO(e.str());
    REQUIRE(result.ok());
    CHECK(result.report.items >= 30);
    CHECK(result.report.added == result.report.items);
    auto catalogue = services::loadCatalogue(*store);
    REQUIRE(catalogue.ok());
    const auto summary = catalogue->summary();
    CHECK(summary.perDepartment.size() >= 8);
    CHECK(summary.onTheSpot >= 3);
}

TEST_CASE("the shipped guides are complete enough to take applications", "[catalogue][data]") {
    TempDir dir;
    auto store = openStore(dir);
    REQUIRE(services::importCatalogue(*store, shippedCatalogue(), kAdmin, kClock).ok());
    auto catalogue = services::loadCatalogue(*store);
    std::set<core::ItemType> types;
    for (const auto& item : catalogue->items()) {
        INFO(item.code);
        types.insert(item.type);
        CHECK(item.materials.size() >= 3);
        CHECK_FALSE(item.legalBasis.empty());
        CHECK(item.limits.promised <= item.limits.statutory);
        // DB31/T 862 8.2.7: a charge always names its basis
        for (const auto& fee : item.fee.items)
            CHECK_FALSE(fee.basis.empty());
        // 8.1.4: the application form and the applicant's identity can never be supplied later
        for (const auto& m : item.materials)
            if (m.requirement == core::MaterialRequirement::Secondary)
                CHECK(m.name.find("申请") == std::string::npos);
    }
    CHECK(types.size() >= 4);
    CHECK(catalogue->search("spjy").at(0).item->name.find("食品经营许可") != std::string::npos);
}

TEST_CASE("a file with a missing field is refused with file and JSON path, and the store is unchanged",
          "[catalogue]") {
    TempDir dir;
    auto store = openStore(dir);
    REQUIRE(services::importCatalogue(*store, shippedCatalogue(), kAdmin, kClock).ok());
    const auto itemsBefore = store::loadCatalogueItems(store->db());
    const auto auditBefore = store::recentAudit(store->db(), 100).size();

    auto result = services::importCatalogue(*store, fixture("missing_material_name.json"), kAdmin, kClock);
    REQUIRE_FALSE(result.ok());
    CHECK(result.errors.size() == 1);
    CHECK_THAT(result.errors[0].where, Catch::Contains("missing_material_name.json") &&
                                           Catch::Contains("$.items[0].materials[1].name"));

    const auto itemsAfter = store::loadCatalogueItems(store->db());
    REQUIRE(itemsAfter.size() == itemsBefore.size());
    for (std::size_t i = 0; i < itemsAfter.size(); ++i)
        CHECK(itemsAfter[i].body == itemsBefore[i].body);
    CHECK(store::recentAudit(store->db(), 100).size() == auditBefore);
}

TEST_CASE("one bad file in a folder stops the whole import", "[catalogue]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto folder = dir / "import";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(fixture("valid_two_items.json"), folder / "a.json");
    std::filesystem::copy_file(fixture("syntax_error.json"), folder / "b.json");
    auto result = services::importCatalogue(*store, folder, kAdmin, kClock);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.errors[0].where, Catch::Contains("b.json:4:"));
    CHECK(store::catalogueItemCount(store->db()) == 0);
}

TEST_CASE("the same code in two files of one import is refused", "[catalogue]") {
    TempDir dir;
    auto store = openStore(dir);
    const auto folder = dir / "import";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(fixture("valid_two_items.json"), folder / "a.json");
    std::filesystem::copy_file(fixture("valid_two_items.json"), folder / "b.json");
    auto result = services::importCatalogue(*store, folder, kAdmin, kClock);
    REQUIRE_FALSE(result.ok());
    CHECK(result.errors.size() == 2);
    CHECK(result.errors[0].code == "catalogue.duplicate_code");
    CHECK(store::catalogueItemCount(store->db()) == 0);
}

TEST_CASE("importing again replaces the items by code and writes an audit entry", "[catalogue][audit]") {
    TempDir dir;
    auto store = openStore(dir);
    auto first = services::importCatalogue(*store, fixture("valid_two_items.json"), kAdmin, kClock);
    REQUIRE(first.ok());
    CHECK(first.report.added == 2);
    auto second = services::importCatalogue(*store, fixture("valid_two_items.json"), kAdmin, kClock);
    REQUIRE(second.ok());
    CHECK(second.report.added == 0);
    CHECK(second.report.replaced == 2);
    auto audit = store::recentAudit(store->db(), 10);
    REQUIRE(audit.size() == 2);
    CHECK(audit[0].action == "catalogue.import");
    CHECK(audit[0].staff == "admin01");
    CHECK(audit[0].at == "2026-11-28T01:00:00Z");
}

TEST_CASE("an item is withdrawn by remove, never by an import that lacks it", "[catalogue][audit]") {
    TempDir dir;
    auto store = openStore(dir);
    REQUIRE(services::importCatalogue(*store, fixture("valid_two_items.json"), kAdmin, kClock).ok());
    REQUIRE(services::importCatalogue(
                *store, fixture("missing_material_name.json").parent_path() / "valid_two_items.json", kAdmin,
                kClock)
                .ok());
    REQUIRE(services::removeCatalogueItem(*store, "TEST-XK-001", kAdmin, kClock).ok());
    auto catalogue = services::loadCatalogue(*store);
    CHECK(catalogue->find("TEST-XK-001") == nullptr);
    CHECK(catalogue->find("TEST-XK-002") != nullptr);
    CHECK(store::recentAudit(store->db(), 1).at(0).action == "catalogue.remove");
    auto again = services::removeCatalogueItem(*store, "TEST-XK-001", kAdmin, kClock);
    CHECK(again.error().code == "catalogue.unknown_code");
    CHECK(store::recentAudit(store->db(), 10).size() == 3); // two imports and one removal
}

TEST_CASE("a missing path or an empty folder is a clear error", "[catalogue]") {
    TempDir dir;
    auto store = openStore(dir);
    CHECK(services::importCatalogue(*store, dir / "nowhere.json", kAdmin, kClock).errors.at(0).code ==
          "file.missing");
    std::filesystem::create_directories(dir / "empty");
    CHECK(services::importCatalogue(*store, dir / "empty", kAdmin, kClock).errors.at(0).code == "file.none");
}

TEST_CASE("an empty store is seeded from the shipped catalogue on first use, once", "[catalogue]") {
    TempDir dir;
    auto store = openStore(dir);
    auto catalogue = services::loadCatalogueOrSeed(*store, testing::sourceDir() / "forms", kAdmin, kClock);
    REQUIRE(catalogue.ok());
    CHECK(catalogue->items().size() >= 30);
    REQUIRE(services::loadCatalogueOrSeed(*store, testing::sourceDir() / "forms", kAdmin, kClock).ok());
    CHECK(store::recentAudit(store->db(), 10).size() == 1);
}
