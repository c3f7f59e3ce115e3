package cn.onenet.routing.sla;

import java.time.LocalDate;

/** Which days the clock runs on. */
public interface WorkingCalendar {

    boolean isWorkingDay(LocalDate date);
}
