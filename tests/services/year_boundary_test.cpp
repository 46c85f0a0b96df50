// The year boundary (docs/intake.md): with no notice for 2027 in the data, an acceptance and a bad rating in
// late December are kept with provisional dates; a notice added later moves them, each move audited and
// reported.

#include "services/counter.h"
#include "services/intake_fixture.h"
#include "services/rating_service.h"
#include "store/audit_log.h"
#include "store/local_store.h"
#include "store/rating_register.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

/// The applicant presses 非常不满意.
class UnhappyApplicant : public devices::RatingDevice {
public:
    core::Expected<devices::RatingResult> requestRating(const devices::RatingRequest&,
                                                        std::chrono::milliseconds) override {
        return devices::RatingResult{1, {}};
    }
    void cancel() override {}
    devices::DeviceState state() const override { return devices::DeviceState::Connected; }
    void onStateChange(devices::DeviceStateListener) override {}
    bool waitForState(devices::DeviceState, std::chrono::milliseconds) const override { return true; }
};

std::unique_ptr<services::Counter> openOn(const TempDir& dir, const char* today) {
    services::ResourcePaths paths{dir / "forms", sourceDir() / "templates", ""};
    auto clock =
        std::make_unique<core::FixedClock>(*core::CivilDate::parse(today), std::string(today) + "T01:00:00Z");
    std::vector<core::Error> errors;
    auto counter = services::Counter::open(paths, dir / "data", std::move(clock), errors);
    INFO((errors.empty() ? std::string() : errors.front().str()));
    REQUIRE(counter);
    REQUIRE(counter->signIn("S001", "W01").ok());
    return counter;
}

// Not the 2027 notice (it is not in our data): a test notice that gives 4 January 2027 off as well.
const char* kTestNotice2027 = R"({"format": "ywtb-calendar", "format_version": 1, "year": 2027,
  "source": "test: a notice with 元旦 1–4 January",
  "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"}], "working_weekend_days": []})";

std::vector<std::string> recountAudit(store::LocalStore& store) {
    std::vector<std::string> out;
    for (const auto& e : store::recentAudit(store.db(), 50))
        if (e.action == "calendar.recount")
            out.push_back(e.subject + " " + e.detail + " " + e.before + " -> " + e.after);
    return out;
}

} // namespace

TEST_CASE("the year boundary: provisional dates kept, then counted again on the notice",
          "[services][calendar]") {
    TempDir dir;
    std::filesystem::copy(sourceDir() / "forms", dir / "forms", std::filesystem::copy_options::recursive);
    std::string number;
    std::int64_t ratingId = 0;
    {
        auto counter = openOn(dir, "2026-12-21");
        REQUIRE(counter->reserveDemoNumberBlocks().ok());
        CHECK(counter->calendar().isProvisional(2027));
        auto intake = counter->intake();
        // JSGL-XK-002 (no application form): statutory 15, promised 7 working days.
        number = completeFoodCase(intake, *counter->catalogue().find("JSGL-XK-002")).number;
        auto accepted = counter->decide(number, decision(core::DecisionKind::Accept));
        INFO((accepted ? std::string() : accepted.error().str()));
        REQUIRE(accepted);
        CHECK(accepted->c.duePromised->iso() == "2026-12-30"); // within 2026: on the notice
        CHECK_FALSE(accepted->c.isProvisional("due_promised"));
        CHECK(accepted->c.dueStatutory->iso() == "2027-01-12"); // 元旦 off, by the statutory holidays
        CHECK(accepted->c.isProvisional("due_statutory"));
    }
    {
        auto counter = openOn(dir, "2026-12-28");
        auto service = counter->ratingService();
        REQUIRE(service);
        auto ratings = std::move(service).value();
        UnhappyApplicant applicant;
        auto rated =
            ratings.rate(applicant, "test", number, core::RatingStage::Accept, std::chrono::seconds(1));
        INFO((rated ? std::string() : rated.error().str()));
        REQUIRE(rated); // stored, not lost for a missing calendar
        REQUIRE(rated->rectification);
        CHECK(rated->rectification->contactDue == "2026-12-29");
        CHECK(rated->rectification->simpleDue == "2027-01-05");
        CHECK(rated->rectification->provisional);
        CHECK(rated->rectification->countedFrom == "2026-12-28");
        ratingId = rated->id;
    }
    {
        // Opened again with nothing new: nothing moves and nothing is written.
        const auto before = storeRows(dir);
        auto counter = openOn(dir, "2026-12-29");
        CHECK(counter->movedAtOpen().empty());
        CHECK_FALSE(counter->recountProblem());
        CHECK(storeRows(dir) == before);
    }
    std::ofstream(dir / "forms" / "calendar" / "2027.json") << kTestNotice2027;
    {
        auto counter = openOn(dir, "2026-12-30");
        CHECK_FALSE(counter->calendar().isProvisional(2027));
        const auto& moved = counter->movedAtOpen();
        REQUIRE(moved.size() == 2);
        CHECK(moved[0].caseNumber == number);
        CHECK(moved[0].field == "due_statutory");
        CHECK(moved[0].before == "2027-01-12");
        CHECK(moved[0].after == "2027-01-13");
        CHECK_FALSE(moved[0].stillProvisional);
        CHECK(moved[1].field == "rectification");
        CHECK(moved[1].after == "2026-12-29 2027-01-06 2027-01-20");

        auto c = counter->intake().find(number);
        REQUIRE(c);
        CHECK(c->dueStatutory->iso() == "2027-01-13");
        CHECK(c->provisionalDates.empty());
        std::vector<core::Error> errors;
        auto* store = counter->needStore(errors);
        REQUIRE(store);
        auto rating = store::findRating(store->db(), ratingId);
        REQUIRE(rating);
        CHECK_FALSE(rating->rectification->provisional);
        CHECK(rating->rectification->simpleDue == "2027-01-06");
        const auto audit = recountAudit(*store);
        REQUIRE(audit.size() == 2);
        CHECK(audit[1] == number + " due_statutory 2027-01-12 -> 2027-01-13");
        CHECK(store::verifyAudit(store->db()).ok());
    }
    {
        // Counted once: opened again, nothing moves any more.
        const auto before = storeRows(dir);
        auto counter = openOn(dir, "2026-12-31");
        CHECK(counter->movedAtOpen().empty());
        CHECK(storeRows(dir) == before);
    }
}
