package cn.onenet.contracts.requests;

import cn.onenet.contracts.Satisfaction;
import java.time.Instant;
import java.util.UUID;

public record RequestReopened(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        Satisfaction satisfaction, String comment, String department) implements RequestLifecycleEvent {
}
