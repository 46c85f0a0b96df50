#include "core/provisional_calendar.h"

#include "core/case_lifecycle.h"

#include <set>

namespace ywtb::core {

CalendarYear provisionalCalendarYear(const StatutoryHolidayDates& dates) {
    const int y = dates.year;
    const auto on = [y](unsigned month, unsigned day) {
        return CivilDate(std::chrono::year{y} / std::chrono::month{month} / std::chrono::day{day});
    };
    CalendarYear out;
    out.year = y;
    out.provisional = true;
    out.source = "《全国年节及纪念日放假办法》法定节假日（" + std::to_string(y) +
                 "年国务院办公厅节假日安排通知未载入，暂计）";
    // 全国年节及纪念日放假办法 art. 2 (2024): 13 days.
    out.holidays = {{"元旦", on(1, 1), on(1, 1)},
                    {"春节", dates.springFestival.plusDays(-1), dates.springFestival.plusDays(3)},
                    {"清明节", dates.qingming, dates.qingming},
                    {"劳动节", on(5, 1), on(5, 2)},
                    {"端午节", dates.dragonBoat, dates.dragonBoat},
                    {"中秋节", dates.midAutumn, dates.midAutumn},
                    {"国庆节", on(10, 1), on(10, 3)}};
    // Art. 6: a holiday falling on a Saturday or Sunday is made up by a day off on a working day. Each
    // weekend holiday day gets the first weekday after it that is not already off. When two holidays share a
    // day (中秋 on 1 October) the day counts once: the decree gives no extra day, and the notice may add one.
    std::set<CivilDate> off;
    for (const auto& h : out.holidays)
        for (auto d = h.from; d <= h.to; d = d.plusDays(1))
            off.insert(d);
    std::vector<CalendarYear::Holiday> madeUp;
    for (const auto& h : out.holidays)
        for (auto d = h.from; d <= h.to; d = d.plusDays(1)) {
            if (!d.isWeekend())
                continue;
            auto next = h.to.plusDays(1);
            while (next.isWeekend() || off.count(next))
                next = next.plusDays(1);
            off.insert(next);
            madeUp.push_back({h.name + "（补假）", next, next});
        }
    out.holidays.insert(out.holidays.end(), madeUp.begin(), madeUp.end());
    return out;
}

Expected<std::vector<RecountedDate>> recountProvisionalDates(Case& c, const WorkingCalendar& calendar) {
    using DateMember = std::optional<CivilDate> Case::*;
    struct Counted {
        const char* field;
        DateMember date;
        DateMember from;
        int days;
    };
    // The bases are those case_lifecycle counts from: receipt for the correction notice, acceptance (the
    // receipt date itself for a case accepted by default) for the time limits.
    const Counted counted[] = {
        {"correction_deadline", &Case::correctionDeadline, &Case::receivedOn, kCorrectionNoticeWorkingDays},
        {"due_statutory", &Case::dueStatutory, &Case::acceptedOn, c.item.limits.statutory},
        {"due_promised", &Case::duePromised, &Case::acceptedOn, c.item.limits.promised},
    };
    Case next = c;
    std::vector<RecountedDate> changes;
    for (const auto& entry : counted) {
        const auto& date = c.*entry.date;
        const auto& from = c.*entry.from;
        if (!c.isProvisional(entry.field) || !date || !from)
            continue;
        auto after = calendar.workingDaysAfter(*from, entry.days);
        if (!after)
            return after.error();
        const bool provisional = calendar.countsProvisionally(*from, *after);
        if (*after == *date && provisional)
            continue;
        changes.push_back({entry.field, *date, *after, provisional});
        next.*entry.date = *after;
        next.markProvisional(entry.field, provisional);
    }
    c = std::move(next);
    return changes;
}

} // namespace ywtb::core
