#include "services/intake_fixture.h"

#include <sqlite3.h>

namespace ywtb::testing {

core::CentreConfig demoCentre() {
    auto parsed = core::parseCentreConfig(readFile(sourceDir() / "forms/centre.json"), "centre.json");
    REQUIRE(parsed.ok());
    return parsed.config;
}

const core::WorkingCalendar& demoCalendar() {
    static const auto loaded = services::loadCalendars(sourceDir() / "forms/calendar");
    return loaded.calendar;
}

Counter::Counter(const char* today)
    : clock(*core::CivilDate::parse(today), std::string(today) + "T01:00:00Z") {
    auto opened = store::LocalStore::open(dir / "data");
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    auto loaded = services::loadCatalogueOrSeed(*store, sourceDir() / "forms", {"admin", "-"}, clock);
    REQUIRE(loaded.ok());
    catalogue = std::move(loaded).value();
    store::Transaction tx(store->db());
    for (const auto& kind : core::numberedDocumentKinds())
        REQUIRE(store::reserveDocumentBlock(tx, {kind, 2026, "W01", 1, 500, 1}).ok());
    tx.commit();
}

services::IntakeService Counter::at(const char* window) {
    return services::IntakeService(*store, config, demoCalendar(), clock, {"S001", window});
}

void Counter::setToday(const char* today) {
    clock = core::FixedClock(*core::CivilDate::parse(today), std::string(today) + "T09:00:00Z");
}

core::Applicant company() {
    auto a = core::parseApplicant(
        R"({"name": "上海某某餐饮有限公司", "credit_code": "91350100M000100Y43", "phone": "021-64871234",
                                     "legal_representative": "张三"})",
        "applicant.json", *core::CivilDate::parse("2026-09-28"));
    REQUIRE(a.ok());
    return *a;
}

/// Every material of the food-business licence supplied as the guide asks.
core::Case completeFoodCase(services::IntakeService& intake, const core::Item& item) {
    auto c = intake.open(item, company(), std::nullopt);
    REQUIRE(c.ok());
    for (const auto& m : item.materials) {
        core::MaterialStatus status =
            m.form == core::MaterialForm::Copy ? core::MaterialStatus::Copy : core::MaterialStatus::Original;
        std::string licence;
        if (!m.elicence.empty()) {
            status = core::MaterialStatus::Exempt;
            licence = "EL-" + m.id;
        } else if (!m.appliesWhen.empty()) {
            status = core::MaterialStatus::NotApplicable;
        }
        auto recorded = intake.recordMaterial(c->number, m.id, status, licence, "");
        INFO(m.id << " " << (recorded.ok() ? std::string() : recorded.error().str()));
        REQUIRE(recorded.ok());
    }
    return *intake.find(c->number);
}

core::Decision decision(core::DecisionKind kind) {
    core::Decision d;
    d.kind = kind;
    return d;
}

std::string storeBytes(const TempDir& dir) {
    std::string all;
    for (const char* name : {"counter.sqlite3", "counter.sqlite3-wal"})
        if (std::filesystem::exists(dir / "data" / name))
            all += readFile(dir / "data" / name);
    return all;
}

std::string storeRows(const TempDir& dir) {
    sqlite3* db = nullptr;
    const auto path = (dir / "data" / "counter.sqlite3").string();
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::vector<std::string> tables;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &s,
                       nullptr);
    while (sqlite3_step(s) == SQLITE_ROW)
        tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    std::string dump;
    for (const auto& table : tables) {
        dump += "[" + table + "]\n";
        sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\"").c_str(), -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(s); ++i) {
                const auto* text = sqlite3_column_text(s, i);
                dump += text ? reinterpret_cast<const char*>(text) : "NULL";
                dump += '|';
            }
            dump += '\n';
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return dump;
}

} // namespace ywtb::testing
