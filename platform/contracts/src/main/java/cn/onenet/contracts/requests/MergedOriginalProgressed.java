package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * The order a duplicate was merged into moved on (resolved, closed, reopened, rejected): the duplicate follows,
 * so its requester hears the outcome on their own channel too.
 */
public record MergedOriginalProgressed(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        UUID originalId, String originalStatus, String note) implements RequestLifecycleEvent {
}
