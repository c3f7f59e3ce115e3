package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * 催办: the requester asked again after an open order (a second call to the hotline), recorded by the operator who
 * took the call. It changes neither the status nor the deadlines; it tells the department holding the order
 * ({@code department}, null while no department holds it) that the requester is waiting, with what they said
 * ({@code note}), and {@code count} says how many times the requester has asked after it so far.
 */
public record RequestFollowedUp(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, String note, int count) implements RequestLifecycleEvent {
}
