#include "core/rating.h"

#include "core/json_reader.h"
#include "core/message.h"

#include <set>

namespace ywtb::core {

const char* toString(RatingStage stage) {
    switch (stage) {
    case RatingStage::Receive:
        return "receive";
    case RatingStage::Accept:
        return "accept";
    case RatingStage::Release:
        return "release";
    }
    return "accept";
}

std::optional<RatingStage> ratingStageFrom(const std::string& text) {
    for (auto stage : {RatingStage::Receive, RatingStage::Accept, RatingStage::Release})
        if (text == toString(stage))
            return stage;
    return std::nullopt;
}

const char* stageName(RatingStage stage) {
    switch (stage) {
    case RatingStage::Receive:
        return N_("receiving");
    case RatingStage::Accept:
        return N_("acceptance");
    case RatingStage::Release:
        return N_("release");
    }
    return "";
}

Expected<Done> ratingStageReached(const Case& c, RatingStage stage) {
    bool reached = false;
    switch (stage) {
    case RatingStage::Receive:
        reached = c.receivedOn.has_value();
        break;
    case RatingStage::Accept:
        reached = c.status != CaseStatus::Draft && c.status != CaseStatus::Received;
        break;
    case RatingStage::Release:
        reached = c.status == CaseStatus::Released;
        break;
    }
    if (reached)
        return Done{};
    return Error{
        "rating.stage",
        Message(N_("case {number} is {status}: its {stage} step has not happened, so it cannot be rated yet"),
                {{"number", c.number}})
            .term("status", displayName(c.status))
            .term("stage", stageName(stage)),
        c.number,
        Message(N_(
            "ask for the rating right after the step: receiving, the counter's decision, or the release"))};
}

const char* levelName(int level) {
    switch (level) {
    case 5:
        return N_("very satisfied");
    case 4:
        return N_("satisfied");
    case 3:
        return N_("fairly satisfied");
    case 2:
        return N_("dissatisfied");
    case 1:
        return N_("very dissatisfied");
    default:
        return "";
    }
}

const RatingIndicator* RatingIndicatorSet::find(int code) const {
    for (const auto& indicator : indicators)
        if (indicator.code == code)
            return &indicator;
    return nullptr;
}

const RatingIndicatorSet& onSiteIndicators() {
    static const RatingIndicatorSet set{
        "GB/T 39735-2020 线下 1", "整体满意度", {{1, "服务效率"}, {2, "服务水平"}, {3, "服务态度"}}};
    return set;
}

Expected<RatingIndicatorSet> parseIndicatorSet(std::string_view text, const std::string& file,
                                               std::vector<Error>* allProblems) {
    JsonProblems problems(file);
    RatingIndicatorSet set;
    if (auto top = openDataFile(text, problems,
                                {"ywtb-indicators", 1, "indicators", N_("a rating indicator set")})) {
        set.version = top->text("version");
        set.primary = top->text("primary");
        auto list = top->objects("indicators", Presence::Required, 1);
        if (list.size() > 20)
            top->problem("indicators", "indicators.too_many",
                         Message(N_("a set has at most 20 indicators, this one {count}"),
                                 {{"count", std::to_string(list.size())}}),
                         Message(N_("keep the indicators the national set defines")));
        std::set<long long> codes;
        for (auto& entry : list) {
            const auto code = entry.integer("code", 1, 99);
            auto name = entry.text("name");
            if (code && !codes.insert(*code).second)
                entry.problem("code", "indicators.duplicate_code",
                              Message(N_("code {code} is given twice"), {{"code", std::to_string(*code)}}),
                              Message(N_("give each indicator its own code")));
            entry.finish();
            if (code)
                set.indicators.push_back({static_cast<int>(*code), std::move(name)});
        }
        top->finish();
    }
    if (!problems.empty()) {
        if (allProblems)
            *allProblems = problems.errors();
        return problems.errors().front();
    }
    return set;
}

Expected<RectificationDue> rectificationDue(CivilDate ratedOn, const BadRatingLimits& limits,
                                            const WorkingCalendar& calendar) {
    auto contact = calendar.workingDaysAfter(ratedOn, limits.contactDays);
    if (!contact)
        return contact.error();
    auto simple = calendar.workingDaysAfter(ratedOn, limits.simpleDays);
    if (!simple)
        return simple.error();
    auto complex = calendar.workingDaysAfter(ratedOn, limits.complexDays);
    if (!complex)
        return complex.error();
    return RectificationDue{*contact, *simple, *complex, calendar.countsProvisionally(ratedOn, *complex)};
}

} // namespace ywtb::core
