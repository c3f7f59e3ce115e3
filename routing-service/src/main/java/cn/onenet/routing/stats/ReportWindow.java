package cn.onenet.routing.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The orders a summary counts: those accepted at or after {@code from} and before {@code to}. */
public record ReportWindow(Instant from, Instant to) {

    /** A year, leap years included. */
    public static final Duration LONGEST = Duration.ofDays(366);

    public ReportWindow {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(
                    "A report window runs forwards for at most 366 days: " + from + " – " + to);
        }
    }

    public boolean contains(Instant at) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }
}
