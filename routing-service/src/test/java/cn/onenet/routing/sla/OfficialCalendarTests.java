package cn.onenet.routing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.reference.ServiceLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The clock on the official calendar as shipped: 2026 with its 调休, 2027's statutory days. */
class OfficialCalendarTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final InMemoryCalendarStore store = new InMemoryCalendarStore();
    final SlaProperties properties = new SlaProperties(SHANGHAI, LocalTime.of(9, 0), Duration.ofSeconds(30));
    final OfficialCalendar calendar = new OfficialCalendar(store, Clock.systemUTC(), properties);
    final DeadlineCalculator calculator = new DeadlineCalculator(calendar, properties);

    OfficialCalendarTests() {
        DemoCalendar.SEEDED_YEARS.forEach(year -> store.write(null, DemoCalendar.read(year)));
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
        2026-09-29T10:00 | 1 | 2026-09-30T10:00 | Tuesday before National Day: the next day
        2026-09-29T10:00 | 2 | 2026-10-08T10:00 | the 7 days of 国庆节 are skipped
        2026-09-30T15:00 | 1 | 2026-10-08T15:00 | the eve of the holiday: due the first day back
        2026-10-01T11:00 | 1 | 2026-10-09T09:00 | dispatched on a holiday: counts from the next working day, 09:00
        2026-10-09T16:00 | 1 | 2026-10-10T16:00 | Saturday 10 October is a make-up workday (调休)
        2026-10-09T16:00 | 2 | 2026-10-12T16:00 | then Sunday is off again
        2026-10-10T10:00 | 1 | 2026-10-12T10:00 | dispatched on the make-up Saturday: it counts as a working day
        2026-09-18T10:00 | 1 | 2026-09-20T10:00 | Sunday 20 September is a make-up workday
        2026-09-24T10:00 | 1 | 2026-09-28T10:00 | 中秋节 (25–27 September) is skipped
        2026-11-29T20:00 | 3 | 2026-12-03T09:00 | dispatched on a Sunday: counts from Monday 09:00
        2026-02-13T10:00 | 1 | 2026-02-14T10:00 | Saturday 14 February 2026 is a make-up workday before 春节
        2026-02-13T10:00 | 2 | 2026-02-24T10:00 | 春节 15–23 February 2026 is skipped
        2026-12-31T10:00 | 1 | 2027-01-04T10:00 | across the year: 元旦 2027 and the weekend
        2027-02-04T10:00 | 1 | 2027-02-09T10:00 | 春节 2027: 5–8 February are off
        2027-02-07T12:00 | 2 | 2027-02-11T09:00 | dispatched on the Spring Festival Sunday: counts from Tuesday 09:00
        2026-09-20T09:30 | 0 | 2026-09-20T09:30 | no working days on a make-up workday: due at once
        """)
    void resolutionDeadlinesFollowTheOfficialCalendar(LocalDateTime start, int days, LocalDateTime due, String why) {
        Deadlines deadlines = calculator.from(start.atZone(SHANGHAI).toInstant(), new ServiceLevel(24, days));

        assertThat(deadlines.resolveBy()).as(why).isEqualTo(due.atZone(SHANGHAI).toInstant());
        assertThat(deadlines.acknowledgeBy()).as("sign-for runs on the clock").isEqualTo(start.plusHours(24).atZone(SHANGHAI).toInstant());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2026-10-01, HOLIDAY", "2026-10-07, HOLIDAY", "2026-10-08, WORKDAY", "2026-10-10, MAKEUP_WORKDAY",
        "2026-10-11, WEEKEND", "2026-01-04, MAKEUP_WORKDAY", "2026-05-09, MAKEUP_WORKDAY", "2026-06-19, HOLIDAY",
        "2027-02-08, HOLIDAY", "2027-02-09, WORKDAY", "2027-01-02, WEEKEND"
    })
    void everyDayHasAKind(LocalDate date, CalendarYear.DayKind kind) {
        assertThat(calendar.kindOf(date)).isEqualTo(kind);
    }

    @Test
    void aYearWithNoCalendarCountsMondayToFriday() {
        assertThat(calendar.kindOf(LocalDate.of(2028, 10, 2))).isEqualTo(CalendarYear.DayKind.WORKDAY);
        assertThat(calendar.kindOf(LocalDate.of(2028, 10, 1))).isEqualTo(CalendarYear.DayKind.WEEKEND);
    }

    @Test
    void aReplacedYearAppliesAtOnce() {
        CalendarYear year2027 = store.find(2027).orElseThrow();
        List<CalendarYear.Day> workdays = new ArrayList<>(year2027.workdays());
        workdays.add(new CalendarYear.Day(LocalDate.of(2027, 2, 20), "春节调休上班"));
        store.write(null, new CalendarYear(2027, CalendarYear.Status.OFFICIAL, "test", year2027.holidays(), workdays,
                null, "test"));
        calendar.reload();

        assertThat(calendar.kindOf(LocalDate.of(2027, 2, 20))).isEqualTo(CalendarYear.DayKind.MAKEUP_WORKDAY);
    }

    static final class InMemoryCalendarStore implements CalendarStore {

        private final Map<Integer, CalendarYear> years = new ConcurrentHashMap<>();
        private final List<CalendarChange> changes = new ArrayList<>();

        @Override
        public List<CalendarYear> findAll() {
            return List.copyOf(years.values());
        }

        @Override
        public Optional<CalendarYear> find(int year) {
            return Optional.ofNullable(years.get(year));
        }

        @Override
        public boolean write(CalendarYear before, CalendarYear after) {
            years.put(after.year(), after);
            return true;
        }

        @Override
        public void audit(CalendarChange change) {
            changes.add(change);
        }

        @Override
        public List<CalendarChange> auditTrail(int year, int limit) {
            return changes.stream().filter(change -> change.year() == year).limit(limit).toList();
        }
    }
}
