package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * 不予受理: the order is refused with a reason (and a code from the fixed list).
 * {@code releasedDepartments}: the departments that held the order (lead or co-department) and no longer do after
 * this step; each is told through its feed and webhook (null in events published before the field existed).
 */
public record RequestRejected(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String reason, String code, List<String> releasedDepartments) implements RequestLifecycleEvent {

    public RequestRejected(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
            String reason, String code) {
        this(eventId, requestId, sequence, occurredAt, actor, reason, code, null);
    }
}
