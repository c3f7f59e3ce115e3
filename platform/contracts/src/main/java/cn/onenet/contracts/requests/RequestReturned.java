package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

public record RequestReturned(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, String reason) implements RequestLifecycleEvent {
}
