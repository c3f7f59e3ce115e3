package cn.onenet.routing.sla;

import java.time.Instant;

/** When an order must be signed for and resolved. */
public record Deadlines(Instant acknowledgeBy, Instant resolveBy) {
}
