package cn.onenet.routing.sla;

import java.time.LocalDate;

/** Monday to Friday, nothing else: what the clock falls back to for a year with no calendar stored. */
public final class WeekdayCalendar implements WorkingCalendar {

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return CalendarYear.DayKind.ofWeekday(date).working();
    }
}
