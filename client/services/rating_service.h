#pragma once
// 好差评 at the window (DB31/T 862 clause 10.1, docs/devices.md): after a case step the rating device asks
// the applicant; what comes back is stored as given — one rating per case and stage, with item, window,
// staff, device and time — and queued for sync. A bad rating opens a rectification with working-day due dates
// that stays on the list until a supervisor answers it. Nothing here lets staff set or change a level.

#include "core/centre_config.h"
#include "core/error.h"
#include "core/rating.h"
#include "core/working_calendar.h"
#include "devices/rating/rating_device.h"
#include "services/actor.h"
#include "services/calendar_service.h"
#include "store/rating_register.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

class RatingService {
public:
    RatingService(store::LocalStore& store, const core::CentreConfig& centre,
                  const core::WorkingCalendar& calendar, const core::Clock& clock, Actor actor);

    /// The indicator set ratings are stored with; the built-in one (core::onSiteIndicators) unless the centre
    /// published another (ReferenceData). `set` outlives the service.
    void useIndicators(const core::RatingIndicatorSet* set) {
        m_indicators = set ? set : &core::onSiteIndicators();
    }

    /// Asks `device` (named `deviceName` in the record) to rate the case's `stage` and stores the applicant's
    /// answer. Refused before the device is asked when the case has not passed the stage or already has its
    /// rating. Device errors (rating.timeout, rating.not_rated, rating.no_answer, …) are returned; nothing is
    /// stored then.
    core::Expected<store::RatingRecord> rate(devices::RatingDevice& device, const std::string& deviceName,
                                             const std::string& caseNumber, core::RatingStage stage,
                                             std::chrono::milliseconds applicantTimeout);
    core::Expected<std::vector<store::RatingRecord>> list(const store::RatingQuery& query);
    /// Bad ratings not answered whose contact day has passed.
    core::Expected<std::vector<store::RatingRecord>> overdue();
    /// Records the supervisor's answer (回访 and rectification) to the bad rating `ratingId`.
    core::Expected<store::RatingRecord> answer(std::int64_t ratingId, const std::string& text);
    /// Counts again, on the calendar now loaded, the due dates of open rectifications counted on a
    /// provisional calendar; each change is stored with an audit entry. Returns what changed.
    core::Expected<std::vector<MovedDate>> recountProvisionalDates();

private:
    store::LocalStore& m_store;
    const core::CentreConfig& m_centre;
    const core::WorkingCalendar& m_calendar;
    const core::Clock& m_clock;
    Actor m_actor;
    const core::RatingIndicatorSet* m_indicators = &core::onSiteIndicators();
};

} // namespace ywtb::services
