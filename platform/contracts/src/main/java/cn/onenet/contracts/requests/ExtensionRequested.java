package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

public record ExtensionRequested(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, Instant until, String reason) implements RequestLifecycleEvent {
}
