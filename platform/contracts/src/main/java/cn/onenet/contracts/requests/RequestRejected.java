package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

public record RequestRejected(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String reason, String code) implements RequestLifecycleEvent {
}
