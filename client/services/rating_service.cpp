#include "services/rating_service.h"

#include "core/message.h"
#include "services/intake_service.h"
#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"

#include <Poco/UUIDGenerator.h>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

devices::RatingStage deviceStage(core::RatingStage stage) {
    switch (stage) {
    case core::RatingStage::Receive:
        return devices::RatingStage::Receive;
    case core::RatingStage::Accept:
        return devices::RatingStage::Accept;
    case core::RatingStage::Release:
        return devices::RatingStage::Release;
    }
    return devices::RatingStage::Accept;
}

Error alreadyRated(const std::string& number, core::RatingStage stage) {
    return Error{"rating.already",
                 Message(N_("case {number} already has its rating for the {stage} step: one rating per step"),
                         {{"number", number}})
                     .term("stage", core::stageName(stage)),
                 number,
                 Message(N_("the applicant can still rate the case online or by the QR code on the notice"))};
}

Error unknownRating(std::int64_t id) {
    return Error{
        "rating.unknown",
        Message(N_("there is no bad rating {id} waiting for an answer"), {{"id", std::to_string(id)}}),
        {},
        Message(N_("list the open ones with: ratings --bad"))};
}

} // namespace

RatingService::RatingService(store::LocalStore& store, const core::CentreConfig& centre,
                             const core::WorkingCalendar& calendar, const core::Clock& clock, Actor actor)
    : m_store(store), m_centre(centre), m_calendar(calendar), m_clock(clock), m_actor(std::move(actor)) {}

core::Expected<store::RatingRecord> RatingService::rate(devices::RatingDevice& device,
                                                        const std::string& deviceName,
                                                        const std::string& caseNumber,
                                                        core::RatingStage stage,
                                                        std::chrono::milliseconds applicantTimeout) {
    auto c = loadStoredCase(m_store, caseNumber);
    if (!c)
        return c.error();
    if (auto reached = core::ratingStageReached(*c, stage); !reached)
        return reached.error();
    try {
        if (store::findRating(m_store.db(), caseNumber, core::toString(stage)))
            return alreadyRated(caseNumber, stage);
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    auto result = device.requestRating({caseNumber, deviceStage(stage)}, applicantTimeout);
    if (!result)
        return result.error();

    const auto& indicators = *m_indicators;
    store::RatingRecord r;
    r.uuid = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    r.caseNumber = caseNumber;
    r.itemCode = c->item.code;
    r.stage = core::toString(stage);
    r.level = result->level;
    for (int code : result->tags) {
        const auto* indicator = indicators.find(code);
        r.tags.push_back({code, indicator ? indicator->name : ""}); // an unknown code is kept as pressed
    }
    r.indicatorVersion = indicators.version;
    r.window = m_actor.window;
    r.staff = m_actor.staff;
    r.device = deviceName;
    r.ratedAt = m_clock.nowUtc();
    if (core::isBadLevel(r.level)) {
        auto due = core::rectificationDue(m_clock.today(), m_centre.badRatingLimits, m_calendar);
        if (!due)
            return due.error(); // beyond the provisional years too: the centre's data is years old
        // Counted on a provisional calendar when next year's notice is not in the data: kept, marked, and
        // counted again when the notice arrives (docs/intake.md, "The year boundary").
        r.rectification =
            store::Rectification{due->contact.iso(), due->simple.iso(),    due->complex.iso(), {}, {}, {},
                                 due->provisional,   m_clock.today().iso()};
    }
    try {
        store::Transaction tx(m_store.db());
        r.id = store::recordRating(tx, r);
        // The audit names the step only: the level is the applicant's and is read from the rating itself.
        store::appendAudit(tx, {.at = r.ratedAt,
                                .staff = r.staff,
                                .window = r.window,
                                .action = "rating.record",
                                .subject = caseNumber,
                                .detail = r.stage + " " + deviceName});
        store::appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
                                 caseNumber, "rating.record", store::ratingJson(r), r.ratedAt});
        tx.commit();
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return r;
}

core::Expected<std::vector<store::RatingRecord>> RatingService::list(const store::RatingQuery& query) {
    try {
        return store::listRatings(m_store.db(), query);
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<std::vector<store::RatingRecord>> RatingService::overdue() {
    store::RatingQuery query;
    query.openOnly = true;
    query.dueBefore = m_clock.today().iso();
    return list(query);
}

core::Expected<store::RatingRecord> RatingService::answer(std::int64_t ratingId, const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return Error{
            "rating.answer_empty",
            Message(N_("the answer to a bad rating is empty")),
            {},
            Message(N_(
                "write what was done: who contacted the applicant, when, and what was fixed or explained"))};
    try {
        auto rating = store::findRating(m_store.db(), ratingId);
        if (!rating || !rating->rectification || !rating->rectification->answeredAt.empty())
            return unknownRating(ratingId);
        const auto at = m_clock.nowUtc();
        store::Transaction tx(m_store.db());
        if (!store::answerRectification(tx, ratingId, at, m_actor.staff, text))
            return unknownRating(ratingId);
        rating->rectification->answeredAt = at;
        rating->rectification->answeredBy = m_actor.staff;
        rating->rectification->answer = text;
        store::appendAudit(tx, {.at = at,
                                .staff = m_actor.staff,
                                .window = m_actor.window,
                                .action = "rating.answer",
                                .subject = rating->caseNumber,
                                .detail = rating->uuid});
        store::appendOutbox(tx, {0, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
                                 rating->caseNumber, "rating.answer", store::ratingJson(*rating), at});
        tx.commit();
        return std::move(rating).value();
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
}

core::Expected<std::vector<MovedDate>> RatingService::recountProvisionalDates() {
    std::vector<MovedDate> moved;
    try {
        for (auto& rating : store::provisionalRectifications(m_store.db())) {
            auto& x = *rating.rectification;
            auto from = core::CivilDate::parse(x.countedFrom);
            if (!from)
                continue; // counted before the day was recorded: nothing to count from
            auto due = core::rectificationDue(*from, m_centre.badRatingLimits, m_calendar);
            if (!due)
                return due.error();
            const auto before = x.contactDue + " " + x.simpleDue + " " + x.complexDue;
            const auto after = due->contact.iso() + " " + due->simple.iso() + " " + due->complex.iso();
            if (before == after && due->provisional)
                continue;
            x.contactDue = due->contact.iso();
            x.simpleDue = due->simple.iso();
            x.complexDue = due->complex.iso();
            x.provisional = due->provisional;
            const auto now = m_clock.nowUtc();
            store::Transaction tx(m_store.db());
            store::recountRectification(tx, rating.id, x);
            store::appendAudit(
                tx, {.at = now,
                     .staff = m_actor.staff,
                     .window = m_actor.window,
                     .action = "calendar.recount",
                     .subject = rating.caseNumber,
                     .detail = "rectification " + rating.uuid + (due->provisional ? " provisional" : ""),
                     .before = before,
                     .after = after});
            tx.commit();
            moved.push_back({rating.caseNumber, "rectification", before, after, due->provisional});
        }
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return moved;
}

} // namespace ywtb::services
