package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.platform.pii.Masking;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.routing.workorder.Duplicates;
import cn.onenet.routing.workorder.Supervision;
import cn.onenet.routing.workorder.TimelineEntry;
import cn.onenet.routing.workorder.TimelineType;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** What callers see of work orders: timestamps with the district's offset, personal data masked. */
final class WorkOrderViews {

    private final PersonalData personalData;

    record OrderView(UUID id, String trackingNumber, Channel channel, String externalId, String category, String title,
            String description, Urgency urgency, boolean emergency, Location location, RequesterView requester,
            RequestStatus status, String department, OffsetDateTime acceptedAt, DeadlinesView deadlines,
            UUID mergedInto, Satisfaction satisfaction, List<TimelineView> timeline, List<String> coDepartments,
            List<String> returnedBy, boolean finalRuling, SupervisionView supervision,
            List<Duplicates.Candidate> duplicateCandidates, long version, int followUps) {
    }

    record DuplicateView(UUID id, String trackingNumber, String category, String community, String title,
            RequestStatus status, OffsetDateTime acceptedAt, List<Duplicates.Candidate> candidates) {
    }

    record SupervisionView(String deadline, String escalation, OffsetDateTime extensionRequestedUntil) {
    }

    record QueueView(UUID id, String trackingNumber, Channel channel, String category, String title, Urgency urgency,
            boolean emergency, String community, RequestStatus status, OffsetDateTime acceptedAt, String reason,
            OffsetDateTime since, List<String> returnedBy, long version) {
    }

    record SummaryView(UUID id, String trackingNumber, Channel channel, String category, String title, Urgency urgency,
            boolean emergency, String community, RequestStatus status, String department, OffsetDateTime acceptedAt,
            DeadlinesView deadlines, OffsetDateTime lastChangedAt, List<String> coDepartments,
            List<String> returnedBy, OffsetDateTime extensionRequestedUntil, int followUps) {
    }

    /**
     * An order whose extension request waits for a supervisor: {@code deadline} is the clock it runs on
     * ({@code RESOLVE} or {@code ACKNOWLEDGE}) and {@code due} that deadline — the one an approval moves to
     * {@code requestedUntil}; {@code reason} and {@code requestedAt} are the department's request.
     */
    record ExtensionRequestView(UUID id, String trackingNumber, String category, String title, Urgency urgency,
            String department, RequestStatus status, String deadline, OffsetDateTime due,
            OffsetDateTime requestedUntil, String reason, OffsetDateTime requestedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequesterView(String name, String phone, String idNumber) {
    }

    /** The deadlines, and {@code lateFrom}: the moment the order is late (逾期) from as it stands (null: it can't be). */
    record DeadlinesView(OffsetDateTime acknowledgeBy, OffsetDateTime resolveBy, OffsetDateTime lateFrom) {
    }

    record TimelineView(long sequence, TimelineType type, OffsetDateTime at, String actor, String department, String note) {
    }

    record PageView<T>(List<T> content, int page, int size, long totalElements) {
    }

    /**
     * A page of the order list or the triage queue: {@code totalElements} counts every order the list holds;
     * {@code next}, when another page follows, is where it starts ({@code after=<next>}); null on the last.
     */
    record ListView<T>(List<T> content, int page, int size, long totalElements, String next) {
    }

    private final ZoneId zone;

    WorkOrderViews(ZoneId zone, PersonalData personalData) {
        this.personalData = personalData;
        this.zone = zone;
    }

    /** The order, offering of its likely duplicates {@code candidates} (those still open). */
    OrderView order(WorkOrder.State state, List<Duplicates.Candidate> candidates) {
        return new OrderView(state.id(), state.trackingNumber(), state.channel(), state.externalId(), state.category(),
                state.title(), state.description(), state.urgency(), state.urgency() == Urgency.EMERGENCY,
                state.location(),
                state.requester() == null ? null
                        : new RequesterView(Masking.name(state.requester().name()),
                                Masking.phone(personalData.open(state.requester().phone())),
                                Masking.idNumber(personalData.open(state.requester().idNumber()))),
                state.status(), state.department(), at(state.acceptedAt()), deadlines(state), state.mergedInto(),
                state.satisfaction(),
                state.timeline().stream().map(this::timeline).toList(), state.coDepartments(), state.returnedBy(),
                state.finalRuling(), supervision(state.supervisionNow()),
                candidates, state.revision(), state.followUps());
    }

    private SupervisionView supervision(Supervision now) {
        return new SupervisionView(now.kind() == null ? null : now.kind().name(), now.level().name(),
                at(now.extensionRequestedUntil()));
    }

    DuplicateView duplicate(WorkOrderService.Mergeable mergeable) {
        WorkOrder.State state = mergeable.order();
        return new DuplicateView(state.id(), state.trackingNumber(), state.category(),
                state.location() == null ? null : state.location().community(), state.title(), state.status(),
                at(state.acceptedAt()), mergeable.candidates());
    }

    /** Why the order waits for a dispatcher: the note of the step that put it in the queue. */
    QueueView queued(WorkOrder.State state) {
        TimelineEntry why = null;
        for (TimelineEntry entry : state.timeline()) {
            if (entry.type() == TimelineType.TRIAGED || entry.type() == TimelineType.RETURNED) {
                why = entry;
            }
        }
        String reason = why == null ? null
                : why.type() == TimelineType.RETURNED ? "returned by " + why.department() + ": " + why.note() : why.note();
        return new QueueView(state.id(), state.trackingNumber(), state.channel(), state.category(), state.title(),
                state.urgency(), state.urgency() == Urgency.EMERGENCY,
                state.location() == null ? null : state.location().community(), state.status(), at(state.acceptedAt()),
                reason, why == null ? null : at(why.at()), state.returnedBy(), state.revision());
    }

    SummaryView summary(WorkOrder.State state) {
        List<TimelineEntry> timeline = state.timeline();
        return new SummaryView(state.id(), state.trackingNumber(), state.channel(), state.category(), state.title(),
                state.urgency(), state.urgency() == Urgency.EMERGENCY,
                state.location() == null ? null : state.location().community(), state.status(), state.department(),
                at(state.acceptedAt()), deadlines(state),
                timeline.isEmpty() ? null : at(timeline.get(timeline.size() - 1).at()), state.coDepartments(),
                state.returnedBy(), at(state.supervisionNow().extensionRequestedUntil()),
                state.followUps());
    }

    ExtensionRequestView extensionRequest(WorkOrder.State state) {
        Supervision now = state.supervisionNow();
        Instant until = now.extensionRequestedUntil();
        TimelineEntry request = state.latestExtensionRequest();
        Instant due = now.kind() == null ? null : now.kind().of(state.deadlines());
        return new ExtensionRequestView(state.id(), state.trackingNumber(), state.category(), state.title(),
                state.urgency(), state.department(), state.status(), now.kind() == null ? null : now.kind().name(),
                at(due), at(until), request == null ? null : WorkOrder.extensionReason(request, until, zone),
                request == null ? null : at(request.at()));
    }

    private DeadlinesView deadlines(WorkOrder.State state) {
        return state.deadlines() == null ? null
                : new DeadlinesView(at(state.deadlines().acknowledgeBy()), at(state.deadlines().resolveBy()),
                        at(state.lateFrom()));
    }

    private TimelineView timeline(TimelineEntry entry) {
        return new TimelineView(entry.sequence(), entry.type(), at(entry.at()), entry.actor(), entry.department(),
                entry.note());
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
