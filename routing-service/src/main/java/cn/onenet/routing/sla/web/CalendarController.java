package cn.onenet.routing.sla.web;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.ProblemHandler;
import cn.onenet.routing.sla.CalendarChange;
import cn.onenet.routing.sla.CalendarNotFound;
import cn.onenet.routing.sla.CalendarService;
import cn.onenet.routing.sla.CalendarYear;
import cn.onenet.routing.sla.InvalidCalendar;
import cn.onenet.routing.sla.SlaProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The working-day calendar (法定节假日 and 调休) the SLA clocks run on. The actor recorded in the audit trail is the
 * token's subject (without token checks: the {@code X-Actor} header, or {@code anonymous}).
 */
@RestController
@Validated
@RequestMapping("/api/v1/calendar")
class CalendarController {

    private final CalendarService calendars;
    private final ZoneId zone;

    CalendarController(CalendarService calendars, SlaProperties properties) {
        this.calendars = calendars;
        this.zone = properties.timeZone();
    }

    /** Date and name are checked with the rest of the year, so one answer names every problem. */
    record DayBody(LocalDate date, @Size(max = 50) String name) {

        CalendarYear.Day day() {
            return new CalendarYear.Day(date, name == null ? null : name.trim());
        }
    }

    @CalendarOfYear
    record CalendarBody(@NotNull CalendarYear.Status status, @Size(max = 300) String source,
            @NotNull @Size(max = 60) List<@NotNull @Valid DayBody> holidays,
            @Size(max = 30) List<@NotNull @Valid DayBody> workdays) {

        CalendarService.Draft draft() {
            return new CalendarService.Draft(status, source == null || source.isBlank() ? null : source.trim(),
                    days(holidays), days(workdays));
        }

        /** The days as given, each at its place (a missing one as null, named by the checks). */
        private static List<CalendarYear.Day> days(List<DayBody> days) {
            return days == null ? List.of() : days.stream().map(day -> day == null ? null : day.day()).toList();
        }
    }

    record YearView(int year, CalendarYear.Status status, String source, List<CalendarYear.Day> holidays,
            List<CalendarYear.Day> workdays, OffsetDateTime updatedAt, String updatedBy) {
    }

    record YearSummary(int year, CalendarYear.Status status, int holidays, int workdays, OffsetDateTime updatedAt,
            String updatedBy) {
    }

    record ChangeView(int year, String actor, OffsetDateTime at, YearView before, YearView after) {
    }

    record DayView(LocalDate date, DayOfWeek dayOfWeek, boolean working, CalendarYear.DayKind kind, String name) {
    }

    record DueView(OffsetDateTime start, int workingDays, OffsetDateTime due) {
    }

    @GetMapping
    List<YearSummary> years() {
        return calendars.list().stream().map(year -> new YearSummary(year.year(), year.status(), year.holidays().size(),
                year.workdays().size(), at(year.updatedAt()), year.updatedBy())).toList();
    }

    @GetMapping("/{year}")
    YearView year(@PathVariable int year) {
        return view(calendars.get(year));
    }

    /** Replaces a year's holidays and make-up workdays; deadlines set from now on count on them. */
    @PutMapping("/{year}")
    ResponseEntity<YearView> put(@PathVariable int year, @Valid @RequestBody CalendarBody body,
            @RequestHeader(name = "X-Actor", required = false) String actor) {
        CalendarService.Stored stored = calendars.put(year, body.draft(), Caller.current().auditActor(actor));
        YearView view = view(stored.year());
        return stored.created() ? ResponseEntity.created(URI.create("/api/v1/calendar/" + year)).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/{year}/audit")
    List<ChangeView> audit(@PathVariable int year, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<ChangeView> trail = calendars.auditTrail(year, limit).stream().map(this::view).toList();
        if (trail.isEmpty()) {
            calendars.get(year); // a year never stored answers 404, as reading it does (and as a rule's trail does)
        }
        return trail;
    }

    /** Every day from {@code from} to {@code to} (both included, at most a year): working or not, and why. */
    @GetMapping("/days")
    ResponseEntity<?> days(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (!CalendarService.listable(from, to)) {
            return ProblemHandler.invalidFields(List.of(new FieldProblem("to",
                    "must be on or after from and at most " + CalendarService.MAX_LISTED_DAYS + " days later")));
        }
        return ResponseEntity.ok(calendars.days(from, to).stream()
            .map(day -> new DayView(day.date(), day.dayOfWeek(), day.working(), day.kind(), day.name())).toList());
    }

    /** When a clock started at {@code start} runs out after {@code workingDays} working days: a dry run. */
    @GetMapping("/deadline")
    DueView deadline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime start,
            @RequestParam @Min(0) @Max(365) int workingDays) {
        return new DueView(start.atZoneSameInstant(zone).toOffsetDateTime(), workingDays,
                at(calendars.due(start.toInstant(), workingDays)));
    }

    @ExceptionHandler(InvalidCalendar.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCalendar ex) {
        return ProblemHandler.invalidFields(ex.problems().stream().map(p -> new FieldProblem(p.getKey(), p.getValue())).toList());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> contended(OptimisticLockingFailureException ex) {
        return ProblemHandler.respond(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                "The calendar is being changed by others", ex.getMessage());
    }

    @ExceptionHandler(CalendarNotFound.class)
    ResponseEntity<ProblemDetail> notFound(CalendarNotFound ex) {
        return ProblemHandler.respond(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Calendar not found", ex.getMessage());
    }

    private YearView view(CalendarYear year) {
        return year == null ? null : new YearView(year.year(), year.status(), year.source(), year.holidays(),
                year.workdays(), at(year.updatedAt()), year.updatedBy());
    }

    private ChangeView view(CalendarChange change) {
        return new ChangeView(change.year(), change.actor(), at(change.at()), view(change.before()), view(change.after()));
    }

    private OffsetDateTime at(java.time.Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
