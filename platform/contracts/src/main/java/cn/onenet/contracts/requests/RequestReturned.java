package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * 退单: the lead {@code department} says the order is not theirs; a dispatcher decides where it goes.
 * {@code releasedDepartments}: the co-departments that assisted the order and no longer do after
 * this step; each is told through its feed and webhook (null in events published before the field existed).
 */
public record RequestReturned(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, String reason, List<String> releasedDepartments) implements RequestLifecycleEvent {

    public RequestReturned(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
            String department, String reason) {
        this(eventId, requestId, sequence, occurredAt, actor, department, reason, null);
    }
}
