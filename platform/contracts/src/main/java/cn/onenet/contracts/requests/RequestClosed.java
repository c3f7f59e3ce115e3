package cn.onenet.contracts.requests;

import cn.onenet.contracts.Satisfaction;
import java.time.Instant;
import java.util.UUID;

public record RequestClosed(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        Satisfaction satisfaction, String comment) implements RequestLifecycleEvent {
}
