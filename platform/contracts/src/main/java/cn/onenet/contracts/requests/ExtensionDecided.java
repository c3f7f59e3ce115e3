package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

/** A supervisor approved or refused a department's request for more time; when approved, {@code until} is the new deadline. */
public record ExtensionDecided(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, Instant until, boolean approved, String note) implements RequestLifecycleEvent {
}
