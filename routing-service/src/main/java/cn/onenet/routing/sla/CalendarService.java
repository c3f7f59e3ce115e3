package cn.onenet.routing.sla;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Reads and replaces calendar years, each replacement validated and audited. A change applies to deadlines set
 * after it (at dispatch, transfer or reopening); deadlines already running stay as they were set.
 */
@Service
public class CalendarService {

    /** How often a change is tried again over a year changed meanwhile. */
    static final int ATTEMPTS = 20;

    /** The longest span one listing of days covers. */
    public static final int MAX_LISTED_DAYS = 366;

    private static final Logger log = LoggerFactory.getLogger(CalendarService.class);

    private final CalendarStore store;
    private final OfficialCalendar calendar;
    private final DeadlineCalculator deadlines;
    private final Clock clock;

    CalendarService(CalendarStore store, OfficialCalendar calendar, DeadlineCalculator deadlines, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** A date and what it is. */
    public record DayInfo(LocalDate date, DayOfWeek dayOfWeek, boolean working, CalendarYear.DayKind kind, String name) {
    }

    /** What a supervisor sends to replace a year. */
    public record Draft(CalendarYear.Status status, String source, List<CalendarYear.Day> holidays,
            List<CalendarYear.Day> workdays) {
    }

    public List<CalendarYear> list() {
        return store.findAll().stream().sorted(Comparator.comparingInt(CalendarYear::year)).toList();
    }

    public CalendarYear get(int year) {
        return store.find(year).orElseThrow(() -> new CalendarNotFound(year));
    }

    /** Replaces (or first stores) a year's holidays and make-up workdays. */
    /** A year as stored by a {@link #put}, and whether that put created it. */
    public record Stored(CalendarYear year, boolean created) {
    }

    /**
     * Replaces (or first stores) a year's holidays and make-up workdays, over the year as read: when another change
     * came first, it is read again and replaced over that one, so each audit entry's "before" is what it replaced and
     * of changes made at once only one creates the year.
     */
    public Stored put(int year, Draft draft, String actor) {
        validate(year, draft);
        for (int attempt = 1;; attempt++) {
            CalendarYear before = store.find(year).orElse(null);
            Instant now = clock.instant();
            if (before != null && before.updatedAt() != null && !now.isAfter(before.updatedAt())) {
                // the audit lists changes by time: each after the one it replaced
                now = before.updatedAt().plusMillis(1);
            }
            CalendarYear after = new CalendarYear(year, draft.status(), draft.source(),
                    draft.holidays().stream().sorted(Comparator.comparing(CalendarYear.Day::date)).toList(),
                    draft.workdays().stream().sorted(Comparator.comparing(CalendarYear.Day::date)).toList(),
                    now, actor);
            if (!store.write(before, after)) {
                if (attempt == ATTEMPTS) {
                    throw new OptimisticLockingFailureException("The calendar of " + year + " kept being changed by"
                            + " others while this change was applied; nothing was changed by it. Retry.");
                }
                continue;
            }
            store.audit(new CalendarChange(year, actor, after.updatedAt(), before, after));
            calendar.reload();
            log.info("Working-day calendar {} {} by {}: {} holidays, {} make-up workdays ({})", year,
                    before == null ? "created" : "replaced", actor, after.holidays().size(), after.workdays().size(),
                    after.status());
            return new Stored(after, before == null);
        }
    }

    public List<CalendarChange> auditTrail(int year, int limit) {
        return store.auditTrail(year, limit);
    }

    /** Every day from {@code from} to {@code to}, both included, with what it is. */
    public List<DayInfo> days(LocalDate from, LocalDate to) {
        List<DayInfo> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day(day));
        }
        return days;
    }

    /** What {@code date} is. */
    public DayInfo day(LocalDate date) {
        CalendarYear year = calendar.year(date.getYear());
        CalendarYear.DayKind kind = calendar.kindOf(date);
        return new DayInfo(date, date.getDayOfWeek(), kind.working(), kind, year == null ? null : year.nameOf(date));
    }

    /** The first working day after {@code date} (a year's longest run of days off is well under a month). */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate day = date.plusDays(1);
        for (int tries = 0; tries < MAX_LISTED_DAYS && !calendar.isWorkingDay(day); tries++) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** When an order whose clock starts at {@code start} is due after {@code workingDays} working days. */
    public Instant due(Instant start, int workingDays) {
        return deadlines.addWorkingDays(start, workingDays);
    }

    /** Whether {@code from}..{@code to} is a span {@link #days} answers. */
    public static boolean listable(LocalDate from, LocalDate to) {
        return !to.isBefore(from) && ChronoUnit.DAYS.between(from, to) < MAX_LISTED_DAYS;
    }

    private static void validate(int year, Draft draft) {
        List<Map.Entry<String, String>> problems = problems(year, draft);
        if (!problems.isEmpty()) {
            throw new InvalidCalendar(problems);
        }
    }

    /**
     * What keeps a draft from being the given year's calendar, each with the field to name (empty when nothing does):
     * the year itself, days missing a date or a name, days of another year, days listed twice, make-up workdays on
     * a weekday.
     */
    public static List<Map.Entry<String, String>> problems(int year, Draft draft) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (year < 2000 || year > 2100) {
            problems.add(new SimpleEntry<>("year", "must be between 2000 and 2100"));
        }
        Map<LocalDate, String> seen = new HashMap<>();
        check("holidays", draft.holidays(), year, seen, problems, false);
        check("workdays", draft.workdays(), year, seen, problems, true);
        return problems;
    }

    private static void check(String field, List<CalendarYear.Day> days, int year, Map<LocalDate, String> seen,
            List<Map.Entry<String, String>> problems, boolean makeUp) {
        for (int i = 0; i < days.size(); i++) {
            CalendarYear.Day day = days.get(i);
            String at = field + "[" + i + "]";
            if (day == null) {
                problems.add(new SimpleEntry<>(at, "must not be null"));
                continue;
            }
            // a missing name is named whether the date can be read or not
            if (day.name() == null || day.name().isBlank()) {
                problems.add(new SimpleEntry<>(at + ".name", "is required, e.g. 国庆节"));
            }
            if (day.date() == null) {
                problems.add(new SimpleEntry<>(at + ".date", "is required"));
                continue;
            }
            if (day.date().getYear() != year) {
                problems.add(new SimpleEntry<>(at + ".date", day.date() + " is not in " + year));
            }
            String earlier = seen.putIfAbsent(day.date(), at);
            if (earlier != null) {
                problems.add(new SimpleEntry<>(at + ".date", day.date() + " is already listed as " + earlier));
            }
            if (makeUp && !CalendarYear.DayKind.ofWeekday(day.date()).equals(CalendarYear.DayKind.WEEKEND)) {
                problems.add(new SimpleEntry<>(at + ".date", day.date() + " is a " + day.date().getDayOfWeek()
                        + ", already a working day; make-up workdays (调休) fall on a Saturday or Sunday"));
            }
        }
    }
}
