package cn.onenet.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The ends of a window of accepted orders as a query gives them — the summary's {@code from} / {@code to}, and the
 * order list's {@code acceptedFrom} / {@code acceptedTo}, read alike so that a list finds what a summary row counts:
 * an ISO date ({@code 2026-11-01}: a start is that midnight, an end includes that whole day), a date-time with an
 * offset ({@code 2026-11-01T08:00:00+08:00}; an end exclusive; a {@code +} left unencoded, arriving as a space, read
 * as the {@code +} it was) or a local date-time (in {@code zone}, the district's).
 */
public final class WindowEnds {

    /** The forms an end may take, as a problem names them. */
    public static final String FORMATS =
            "an ISO date (2026-11-01) or date-time with offset (2026-11-01T08:00:00+08:00)";

    private WindowEnds() {
    }

    /** The moment a window given as starting at {@code value} starts at; empty when {@code value} is none of them. */
    public static Optional<Instant> start(String value, ZoneId zone) {
        return read(value, false, zone);
    }

    /** The moment (exclusive) a window given as ending at {@code value} ends at; empty when it is none of them. */
    public static Optional<Instant> end(String value, ZoneId zone) {
        return read(value, true, zone);
    }

    /** What a problem says of {@code value}, an end that could not be read. */
    public static String unreadable(String value) {
        return "must be " + FORMATS + "; got '" + value + "'";
    }

    private static Optional<Instant> read(String value, boolean end, ZoneId zone) {
        // an offset's '+' sent unencoded in a query string arrives as a space
        String text = value.trim().replace(' ', '+');
        try {
            LocalDate date = LocalDate.parse(text);
            return Optional.of((end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant());
        }
        catch (DateTimeParseException notADate) {
            // try the next form
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        }
        catch (DateTimeParseException notAnOffsetDateTime) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
        }
        catch (DateTimeParseException notALocalDateTime) {
            return Optional.empty();
        }
    }
}
