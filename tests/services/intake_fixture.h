#pragma once
// A counter at a window of the demo centre on a chosen day, with a real store in a temp directory, the
// shipped catalogue, calendars and centre, and number blocks reserved: what the service tests start from.

#include "core/applicant_parser.h"
#include "services/calendar_service.h"
#include "services/catalogue_service.h"
#include "services/intake_service.h"
#include "store/case_repository.h"
#include "store/local_store.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <memory>

namespace ywtb::testing {

core::CentreConfig demoCentre();
const core::WorkingCalendar& demoCalendar();

struct Counter {
    TempDir dir;
    std::unique_ptr<store::LocalStore> store;
    core::CentreConfig config = demoCentre();
    core::FixedClock clock;
    core::Catalogue catalogue;

    explicit Counter(const char* today = "2026-09-28");
    services::IntakeService at(const char* window = "W01");
    void setToday(const char* today);
    const core::Item& item(const char* code) { return *catalogue.find(code); }
};

/// An organisation applying: 上海某某餐饮有限公司, 91350100M000100Y43.
core::Applicant company();
/// A draft of the food-business licence with every material supplied as the guide asks.
core::Case completeFoodCase(services::IntakeService& intake, const core::Item& item);
core::Decision decision(core::DecisionKind kind);
/// The store's database and WAL files, byte for byte.
std::string storeBytes(const TempDir& dir);
/// Every row of every table of the store, as text: what a change across closing and opening the store is
/// compared by (closing checkpoints the WAL, so the files' bytes change without any row changing).
std::string storeRows(const TempDir& dir);

} // namespace ywtb::testing
