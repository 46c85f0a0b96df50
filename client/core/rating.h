#pragma once
// 好差评 at the window (DB31/T 862 clause 10.1, GB/T 39734 / 39735): the five levels, the on-site indicator
// set, which ratings are bad, and the due dates of a bad rating's rectification. Rules only, no I/O.

#include "core/case.h"
#include "core/civil_date.h"
#include "core/error.h"
#include "core/working_calendar.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

/// The case steps that are rated, one rating each ("一事多评": 接件, 受理, 办结).
enum class RatingStage { Receive, Accept, Release };
const char* toString(RatingStage stage); ///< receive, accept, release
std::optional<RatingStage> ratingStageFrom(const std::string& text);
const char* stageName(RatingStage stage); ///< msgid of 接件, 受理, 办结
/// Done when the case has passed `stage`: received (接件), decided at the counter (受理: accepted,
/// conditional, correction or refused), released (办结); otherwise an error saying when the stage can be
/// rated.
Expected<Done> ratingStageReached(const Case& c, RatingStage stage);

/// The msgid of 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; "" outside 1–5.
const char* levelName(int level);
/// 不满意 and 非常不满意 are bad ratings (差评).
inline bool isBadLevel(int level) {
    return level >= 1 && level <= 2;
}

/// The nationally unified, version-managed on-site indicator set: 整体满意度 with 服务效率, 服务水平,
/// 服务态度. Built in, and replaced by the set the centre publishes on the central server
/// (forms/indicators.json).
struct RatingIndicator {
    int code = 0;
    std::string name; ///< the official name, stored and sent as it is (not translated)
};
struct RatingIndicatorSet {
    std::string version; ///< stored with every rating
    std::string primary; ///< 一级指标
    std::vector<RatingIndicator> indicators;
    /// The indicator with `code`, if the set has it.
    const RatingIndicator* find(int code) const;
};
const RatingIndicatorSet& onSiteIndicators();

/// Reads an indicator-set file ("format": "ywtb-indicators"): version, primary, 1–20 indicators with distinct
/// codes 1–99 and names. Every problem is returned, each naming `file` and the JSON path.
Expected<RatingIndicatorSet> parseIndicatorSet(std::string_view text, const std::string& file,
                                               std::vector<Error>* allProblems = nullptr);

/// Working days a bad rating's rectification may take (centre.json "bad_rating_limits"; the defaults are the
/// common 1 / 5 / 15 reading of the local rules, domain-research.md §2.3).
struct BadRatingLimits {
    int contactDays = 1;  ///< contact the applicant (回访)
    int simpleDays = 5;   ///< fix a simple complaint
    int complexDays = 15; ///< fix a complex one
};

struct RectificationDue {
    CivilDate contact;
    CivilDate simple;
    CivilDate complex;
    bool provisional = false; ///< counted on a provisional calendar (core/provisional_calendar.h)
};
/// The due dates of a bad rating given on `ratedOn`; an error when the calendar lacks a year it needs.
Expected<RectificationDue> rectificationDue(CivilDate ratedOn, const BadRatingLimits& limits,
                                            const WorkingCalendar& calendar);

} // namespace ywtb::core
