package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * 并单: the order duplicates {@code into}, an open order, and follows its outcome from now on.
 * {@code releasedDepartments}: the departments that held the order (lead or co-department) and no longer do after
 * this step; each is told through its feed and webhook (null in events published before the field existed).
 */
public record RequestMerged(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        UUID into, List<String> releasedDepartments) implements RequestLifecycleEvent {

    public RequestMerged(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor, UUID into) {
        this(eventId, requestId, sequence, occurredAt, actor, into, null);
    }
}
