package cn.onenet.routing.workorder;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When late orders climb the ladder.
 *
 * @param warnAt share of the time used at which a warning (预警) goes out
 * @param grace time past the deadline before supervision (督办); three graces past it the order is raised (提级)
 * @param scanInterval how often the scheduler looks
 * @param enabled whether this instance scans (every instance may: escalations are never doubled)
 */
@ConfigurationProperties("onenet.escalation")
public record EscalationPolicy(@DefaultValue("0.8") double warnAt, @DefaultValue("24h") Duration grace,
        @DefaultValue("30s") Duration scanInterval, @DefaultValue("true") boolean enabled) {

    EscalationLevel levelAt(Instant start, Instant due, Instant now) {
        if (!now.isBefore(due.plus(grace.multipliedBy(3)))) {
            return EscalationLevel.RAISED;
        }
        if (!now.isBefore(due.plus(grace))) {
            return EscalationLevel.SUPERVISION;
        }
        if (!now.isBefore(due)) {
            return EscalationLevel.REMINDER;
        }
        long total = Duration.between(start, due).toMillis();
        long used = Duration.between(start, now).toMillis();
        return total > 0 && used >= warnAt * total ? EscalationLevel.WARNING : EscalationLevel.NONE;
    }

    /** The first instant at which {@link #levelAt} is above {@code reached}; null at the top of the ladder. */
    Instant nextLevelAt(Instant start, Instant due, EscalationLevel reached) {
        long total = Duration.between(start, due).toMillis();
        if (reached == EscalationLevel.NONE && total > 0) {
            Instant warning = start.plusMillis((long) Math.ceil(warnAt * total));
            return warning.isBefore(due) ? warning : due;
        }
        switch (reached) {
            case NONE:
            case WARNING:
                return due;
            case REMINDER:
                return due.plus(grace);
            case SUPERVISION:
                return due.plus(grace.multipliedBy(3));
            default:
                return null;
        }
    }

    /** Names the thresholds: an order scheduled under other settings is looked at once and scheduled again. */
    public String fingerprint() {
        return warnAt + "/" + grace;
    }
}
