package cn.onenet.routing.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The spans summary cells count the orders accepted in: minutes, hours and days. Days are the supervisors' days, in
 * Asia/Shanghai (whole-hour offset, no daylight saving), so a month's summary reads a cell a day; hours and minutes
 * are the same in every zone with a whole-hour offset.
 */
public enum CellLevel {

    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    /** Where a day starts: Asia/Shanghai's offset, fixed (cells of other days would not add up to its days). */
    private static final ZoneOffset DAYS_OFFSET = ZoneOffset.ofHours(8);

    private final Duration span;

    CellLevel(Duration span) {
        this.span = span;
    }

    public Duration span() {
        return span;
    }

    /** The start of the cell of this level holding {@code at}. */
    public Instant floor(Instant at) {
        return switch (this) {
            case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> at.truncatedTo(ChronoUnit.HOURS);
            case DAY -> LocalDate.ofInstant(at, DAYS_OFFSET).atStartOfDay(DAYS_OFFSET).toInstant();
        };
    }

    public boolean isStart(Instant at) {
        return floor(at).equals(at);
    }

    /** The level whose cells add this level's up; null for days. */
    public CellLevel parent() {
        return this == DAY ? null : values()[ordinal() + 1];
    }

    /** The level whose cells add up to this level's; null for minutes. */
    public CellLevel child() {
        return this == MINUTE ? null : values()[ordinal() - 1];
    }
}
