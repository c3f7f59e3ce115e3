package cn.onenet.routing.workorder;

import cn.onenet.routing.sla.Deadlines;
import java.time.Instant;

/** Which clock an order is running against: sign-for before acknowledgement, resolution after. */
public enum DeadlineKind {
    ACKNOWLEDGE, RESOLVE;

    /** This clock's deadline among {@code deadlines}; null if not set. */
    public Instant of(Deadlines deadlines) {
        return this == ACKNOWLEDGE ? deadlines.acknowledgeBy() : deadlines.resolveBy();
    }
}
