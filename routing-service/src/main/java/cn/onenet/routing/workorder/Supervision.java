package cn.onenet.routing.workorder;

import java.time.Instant;

/**
 * What supervision knows of an order: when its current deadlines were set, how far up the ladder it is on
 * which clock, and an extension waiting for a decision.
 */
public record Supervision(Instant clockStartedAt, DeadlineKind kind, EscalationLevel level, Instant extensionRequestedUntil) {

    public static final Supervision NONE = new Supervision(null, null, EscalationLevel.NONE, null);

    EscalationLevel levelOn(DeadlineKind clock) {
        return clock == kind && level != null ? level : EscalationLevel.NONE;
    }
}
