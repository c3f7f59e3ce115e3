package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

public record RequestMerged(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        UUID into) implements RequestLifecycleEvent {
}
