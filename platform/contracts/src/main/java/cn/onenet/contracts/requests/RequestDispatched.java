package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order was handed to a lead department (主办) with co-departments (协办), by the rules or a dispatcher, and its
 * clocks started. {@code transferredFrom} names the department it was taken from when a dispatcher transferred
 * (改派) it; null for a first dispatch or one after a return. {@code releasedDepartments}: those that held the
 * order before a transfer (lead or co-department) and hold it no longer; each is told through its feed and webhook
 * (null in events published before the field existed).
 */
public record RequestDispatched(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
        String department, Instant acknowledgeBy, Instant resolveBy, String note, List<String> coDepartments,
        boolean finalRuling, String transferredFrom, List<String> releasedDepartments)
        implements RequestLifecycleEvent {

    public RequestDispatched(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
            String department, Instant acknowledgeBy, Instant resolveBy, String note, List<String> coDepartments,
            boolean finalRuling, String transferredFrom) {
        this(eventId, requestId, sequence, occurredAt, actor, department, acknowledgeBy, resolveBy, note, coDepartments,
                finalRuling, transferredFrom, null);
    }

    public RequestDispatched(UUID eventId, UUID requestId, long sequence, Instant occurredAt, String actor,
            String department, Instant acknowledgeBy, Instant resolveBy, String note, List<String> coDepartments,
            boolean finalRuling) {
        this(eventId, requestId, sequence, occurredAt, actor, department, acknowledgeBy, resolveBy, note, coDepartments,
                finalRuling, null);
    }
}
