package cn.onenet.routing.workorder;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The notes routing writes on an order's steps itself (routing's reasons for its own decisions are in
 * {@link cn.onenet.routing.rules.RouteReasons}): English with the facts as codes and times in the district's zone,
 * a person's words (a reason, a note) carried inside as said. The console reads each in Chinese by its wording (the
 * {@code ROUTING_NOTES} of its script); {@code gateway/src/test/console/routing-notes.json} holds one of each, which
 * this side and the console's are both tested against, so a note reworded here fails until the console reads it.
 */
public final class TimelineNotes {

    private TimelineNotes() {
    }

    /** 终审: a dispatcher's ruling on a contested order, which the department may not return. */
    public static String finalRulingDispatch(String note) {
        return "终审 final ruling" + (note == null ? "" : ": " + note);
    }

    /** Routing's own dispatch of an order a department returned, to the next department its rules find. */
    public static String reroutedAfterReturn(String department, String reason) {
        return "re-routed after return by " + department + ": " + reason;
    }

    /** 改派 from the department that had it, with the dispatcher's reason. */
    public static String transferred(String from, String reason, boolean finalRuling) {
        return "from " + from + ": " + reason + (finalRuling ? " (终审 final ruling)" : "");
    }

    /** A department asks for more time, with its reason. */
    public static String extensionRequested(String reason, Instant until, ZoneId zone) {
        return reason + asked(until, zone);
    }

    /** A supervisor's answer to an extension request: the deadline the order now has, with the supervisor's note. */
    public static String extensionDecided(boolean approved, Instant due, String note, ZoneId zone) {
        return (approved ? "approved until " : "refused: stays due ") + local(due, zone)
                + (note == null ? "" : " — " + note);
    }

    /** A step up the supervision ladder, on the deadline the order is late on. */
    public static String escalated(EscalationLevel level, DeadlineKind kind, Instant due, ZoneId zone) {
        return level.label() + " " + level + ": " + (kind == DeadlineKind.ACKNOWLEDGE ? "sign-for" : "resolution")
                + " due " + local(due, zone);
    }

    /** 不予受理, with the reason's code and the dispatcher's words. */
    public static String rejected(RejectionReason code, String reason) {
        return "[" + code + "] " + reason;
    }

    /** 并单 into the original, by its tracking number. */
    public static String merged(String originalTrackingNumber) {
        return "duplicate of " + originalTrackingNumber;
    }

    /** What a merged duplicate heard of its original: the original's status and its note. */
    public static String originalProgressed(String originalStatus, String note) {
        return "original " + originalStatus + (note == null ? "" : ": " + note);
    }

    /** The end of an extension request's note: the date asked for. */
    static String asked(Instant until, ZoneId zone) {
        return " (until " + local(until, zone) + ")";
    }

    /** A moment as people of the district read it, to the second with its offset; "—" for none. */
    static String local(Instant at, ZoneId zone) {
        return at == null ? "—" : OffsetDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
