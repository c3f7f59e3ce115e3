package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record RequestDispatched(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, Instant acknowledgeBy, Instant resolveBy, String note, List<String> coDepartments,
        boolean finalRuling) implements RequestLifecycleEvent {
}
