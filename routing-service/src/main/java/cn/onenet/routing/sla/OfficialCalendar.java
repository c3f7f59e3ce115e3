package cn.onenet.routing.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The working-day calendar the clocks run on, read from the {@link CalendarStore} and kept in memory. A change
 * made through this instance applies at once; one made through another instance within
 * {@code onenet.sla.calendar-refresh}. A year with no calendar stored counts Monday to Friday, and says so in
 * the log once.
 */
@Component
public class OfficialCalendar implements WorkingCalendar {

    private static final Logger log = LoggerFactory.getLogger(OfficialCalendar.class);

    private final CalendarStore store;
    private final Clock clock;
    private final Duration refresh;
    private final Set<Integer> missingYearsReported = ConcurrentHashMap.newKeySet();
    private volatile Map<Integer, CalendarYear> years;
    private volatile Instant loadedAt = Instant.MIN;

    OfficialCalendar(CalendarStore store, Clock clock, SlaProperties properties) {
        this.store = store;
        this.clock = clock;
        this.refresh = properties.calendarRefresh();
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return kindOf(date).working();
    }

    /** What {@code date} is: a working day, a weekend, a public holiday or a make-up workday. */
    public CalendarYear.DayKind kindOf(LocalDate date) {
        CalendarYear year = years().get(date.getYear());
        if (year == null) {
            if (missingYearsReported.add(date.getYear())) {
                log.warn("No working-day calendar for {}: deadlines in it count Monday to Friday", date.getYear());
            }
            return CalendarYear.DayKind.ofWeekday(date);
        }
        return year.kindOf(date);
    }

    CalendarYear year(int year) {
        return years().get(year);
    }

    Map<Integer, CalendarYear> years() {
        Map<Integer, CalendarYear> current = years;
        if (current == null || clock.instant().isAfter(loadedAt.plus(refresh))) {
            current = store.findAll().stream().collect(Collectors.toUnmodifiableMap(CalendarYear::year, Function.identity()));
            years = current;
            loadedAt = clock.instant();
        }
        return current;
    }

    /** Forget the cached years after a change, so the next question reads the new ones. */
    void reload() {
        years = null;
        missingYearsReported.clear();
    }
}
