package cn.onenet.routing.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Monday to Friday. The official calendar of public holidays and make-up workdays (调休) replaces this as
 * data; until then the clock counts weekdays.
 */
@Component
class WeekdayCalendar implements WorkingCalendar {

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
