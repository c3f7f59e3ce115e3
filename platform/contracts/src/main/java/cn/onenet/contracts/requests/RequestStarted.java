package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

public record RequestStarted(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, String note) implements RequestLifecycleEvent {
}
