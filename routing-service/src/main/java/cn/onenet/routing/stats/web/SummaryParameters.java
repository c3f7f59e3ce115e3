package cn.onenet.routing.stats.web;

import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.WindowEnds;
import cn.onenet.routing.stats.GroupBy;
import cn.onenet.routing.stats.ReportWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The summary's query parameters, read in the district's zone ({@link WindowEnds}, as the order list reads its
 * {@code acceptedFrom} / {@code acceptedTo}). {@code from} and {@code to} are ISO dates
 * ({@code 2026-11-01}: {@code from} starts at that midnight, {@code to} includes that whole day), date-times with
 * an offset ({@code 2026-11-01T08:00:00+08:00}, {@code to} exclusive) or local date-times (in the district's zone).
 * Defaults: {@code to} now, {@code from} 30 days before {@code to}, {@code groupBy} department.
 */
record SummaryParameters(ReportWindow window, GroupBy groupBy) {

    static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    static SummaryParameters parse(String from, String to, String groupBy, ZoneId zone, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        Instant start = blank(from) ? null : bound("from", from, false, zone, errors);
        Instant end = blank(to) ? now : bound("to", to, true, zone, errors);
        GroupBy grouping = blank(groupBy) ? GroupBy.DEPARTMENT : GroupBy.fromParameter(groupBy.trim()).orElse(null);
        if (grouping == null) {
            errors.add(new FieldProblem("groupBy", "must be one of " + Arrays.stream(GroupBy.values())
                .map(GroupBy::parameter).collect(Collectors.joining(", "))));
        }
        // the window is judged once both ends could be read, whatever the grouping
        if (errors.stream().noneMatch(error -> error.field().equals("from") || error.field().equals("to"))) {
            if (start == null) {
                start = end.minus(DEFAULT_SPAN);
            }
            if (!start.isBefore(end)) {
                errors.add(new FieldProblem("from", "must be before to (" + end.atZone(zone).toOffsetDateTime() + ")"));
            }
            else if (Duration.between(start, end).compareTo(ReportWindow.LONGEST) > 0) {
                errors.add(new FieldProblem("to", "must be at most 366 days after from; the range asked for is "
                        + Duration.between(start, end).toDays() + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new SummaryParameters(new ReportWindow(start, end), grouping);
    }

    /** Read as {@link WindowEnds} reads an end (the order list's window is read the same way). */
    private static Instant bound(String field, String value, boolean end, ZoneId zone, List<FieldProblem> errors) {
        Optional<Instant> bound = end ? WindowEnds.end(value, zone) : WindowEnds.start(value, zone);
        if (bound.isEmpty()) {
            errors.add(new FieldProblem(field, WindowEnds.unreadable(value)));
        }
        return bound.orElse(null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
