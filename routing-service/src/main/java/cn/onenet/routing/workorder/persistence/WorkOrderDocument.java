package cn.onenet.routing.workorder.persistence;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.routing.sla.Deadlines;
import cn.onenet.routing.workorder.Duplicates;
import cn.onenet.routing.workorder.Supervision;
import cn.onenet.routing.workorder.TimelineEntry;
import cn.onenet.routing.workorder.WorkOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/**
 * How an order is stored: its state, a version for optimistic concurrency, and its outbox — the serialized
 * events of its latest changes, written in the same atomic update as the change itself and removed once the
 * broker has them ({@code pendingCount} mirrors the outbox size so pending orders can be found by index). The
 * requester's phone number is kept sealed (AES-GCM, {@code pii:v1:…}); {@code phoneHash}, its keyed hash, finds a
 * caller's orders without it. {@code escalateAt} is when the order next climbs the supervision ladder under the
 * escalation settings named by {@code escalationPolicy} (absent when no deadline clock runs), so the escalation
 * scan reads only the orders that are due. {@code lateFrom} is the moment the order is late from as it stands
 * ({@link WorkOrder#lateFrom}; absent when no deadline runs), so supervisors' lists of late orders read only those.
 * {@code dispatchedTo} is the department the order was last handed to ({@link WorkOrder#dispatchedTo}; absent until
 * it is dispatched, kept once it leaves the department), so the list finds the orders a summary row counts.
 * {@code reportKeys} are the keys of the latest reports departments sent with an {@code Idempotency-Key}
 * ({@link WorkOrder#reported}). {@code titleSealed} and {@code descriptionSealed} are the free text as submitted,
 * sealed, where intake masked phone or ID numbers in it ({@code title} and {@code description} are masked).
 * {@code holds} counts the merges into the order that held it ({@link WorkOrder.State#revision}; absent: none).
 * {@code followUps} counts the times the requester asked after the order ({@link WorkOrder#followUps}; absent:
 * none), so the list finds the orders asked after (催办件) without reading timelines.
 */
record WorkOrderDocument(@Id String id, String trackingNumber, Channel channel, String externalId, String category,
        String title, String description, Urgency urgency, Location location, Requester requester, Instant acceptedAt,
        RequestStatus status, String department, Deadlines deadlines, String mergedInto, Satisfaction satisfaction,
        List<TimelineEntry> timeline, long version, List<String> coDepartments, List<String> returnedBy,
        Boolean finalRuling, Supervision supervision, Duplicates duplicates, Double topDuplicateScore,
        List<OutboxEntry> outbox, int pendingCount, Instant leaseUntil,
        String leaseOwner, String phoneHash, Instant escalateAt, String escalationPolicy, Instant lateFrom,
        List<String> reportKeys, String titleSealed, String descriptionSealed, String dispatchedTo, Long holds,
        Integer followUps) {

    record OutboxEntry(String eventId, String type, String key, String payload, String correlationId,
            String traceparent) {
    }

    static WorkOrderDocument of(WorkOrder.State state, List<OutboxEntry> outbox) {
        return of(state, outbox, null, null, null);
    }

    static WorkOrderDocument of(WorkOrder.State state, List<OutboxEntry> outbox, String phoneHash, Instant escalateAt,
            String escalationPolicy) {
        return new WorkOrderDocument(state.id().toString(), state.trackingNumber(), state.channel(), state.externalId(),
                state.category(), state.title(), state.description(), state.urgency(), state.location(),
                state.requester(), state.acceptedAt(), state.status(), state.department(), state.deadlines(),
                state.mergedInto() == null ? null : state.mergedInto().toString(), state.satisfaction(),
                state.timeline(), state.version(), state.coDepartments(), state.returnedBy(), state.finalRuling(),
                state.supervision(), state.duplicates(),
                state.duplicates().candidates().stream().mapToDouble(Duplicates.Candidate::score).max().orElse(0), outbox,
                outbox.size(), null, null, phoneHash, escalateAt, escalationPolicy, state.lateFrom(),
                state.reportKeys(), state.titleSealed(), state.descriptionSealed(), state.dispatchedTo(),
                state.holds() == 0 ? null : state.holds(), state.followUps() == 0 ? null : state.followUps());
    }

    /** The same document under another tracking number (one taken by another order). */
    WorkOrderDocument withTrackingNumber(String other) {
        return new WorkOrderDocument(id, other, channel, externalId, category, title, description, urgency, location,
                requester, acceptedAt, status, department, deadlines, mergedInto, satisfaction, timeline, version,
                coDepartments, returnedBy, finalRuling, supervision, duplicates, topDuplicateScore, outbox, pendingCount,
                leaseUntil, leaseOwner, phoneHash, escalateAt, escalationPolicy, lateFrom, reportKeys, titleSealed,
                descriptionSealed, dispatchedTo, holds, followUps);
    }

    WorkOrder.State toState() {
        return new WorkOrder.State(UUID.fromString(id), trackingNumber, channel, externalId, category, title, description,
                urgency, location, requester, acceptedAt, status, department, deadlines,
                mergedInto == null ? null : UUID.fromString(mergedInto), satisfaction,
                timeline == null ? List.of() : timeline, version, coDepartments, returnedBy, Boolean.TRUE.equals(finalRuling), supervision,
                duplicates, reportKeys, titleSealed, descriptionSealed, holds == null ? 0 : holds);
    }
}
