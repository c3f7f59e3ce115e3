package cn.onenet.contracts.requests;

import cn.onenet.contracts.Satisfaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The requester was not satisfied (回访不满意): the order is reopened with its department, which signs for it again
 * by {@code acknowledgeBy} and resolves it by {@code resolveBy} (the fresh deadlines); its {@code coDepartments} are
 * told too. The three are null in events published before they existed.
 */
public record RequestReopened(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        Satisfaction satisfaction, String comment, String department, Instant acknowledgeBy, Instant resolveBy,
        List<String> coDepartments) implements RequestLifecycleEvent {

    public RequestReopened(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
            Satisfaction satisfaction, String comment, String department) {
        this(eventId, requestId, sequence, occurredAt, actor, satisfaction, comment, department, null, null, null);
    }
}
