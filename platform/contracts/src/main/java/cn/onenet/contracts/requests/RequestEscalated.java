package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * An order nearing or past a deadline moved up the supervision ladder: {@code level} is WARNING (预警), REMINDER
 * (催办), SUPERVISION (督办) or RAISED (提级督办); {@code deadline} names the clock (ACKNOWLEDGE or RESOLVE) and {@code due} when it runs out.
 */
public record RequestEscalated(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, String deadline, String level, Instant due) implements RequestLifecycleEvent {
}
