package cn.onenet.routing.sla;

import cn.onenet.routing.reference.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * Sign-for deadlines run on the clock (hours); resolution deadlines run on working days, keeping the time of
 * day and skipping the days the calendar says are off. An order that starts on a day off starts counting at
 * the start of the next working day.
 */
@Component
public class DeadlineCalculator {

    private final WorkingCalendar calendar;
    private final SlaProperties properties;

    public DeadlineCalculator(WorkingCalendar calendar, SlaProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    /** The zone working days are counted in, and deadlines read by people. */
    public ZoneId zone() {
        return properties.timeZone();
    }

    public Deadlines from(Instant start, ServiceLevel level) {
        return new Deadlines(start.plus(Duration.ofHours(level.acknowledgeWithinHours())),
                addWorkingDays(start, level.resolveWithinWorkingDays()));
    }

    Instant addWorkingDays(Instant start, int workingDays) {
        ZonedDateTime at = start.atZone(properties.timeZone());
        if (!calendar.isWorkingDay(at.toLocalDate())) {
            at = nextWorkingDay(at.toLocalDate()).atTime(properties.workdayStart()).atZone(properties.timeZone());
        }
        LocalDate day = at.toLocalDate();
        for (int i = 0; i < workingDays; i++) {
            day = nextWorkingDay(day);
        }
        return day.atTime(at.toLocalTime()).atZone(properties.timeZone()).toInstant();
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate day = after.plusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
