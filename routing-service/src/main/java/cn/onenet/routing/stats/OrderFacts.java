package cn.onenet.routing.stats;

import static cn.onenet.contracts.RequestStatus.CLOSED;
import static cn.onenet.contracts.RequestStatus.MERGED;
import static cn.onenet.contracts.RequestStatus.REJECTED;
import static cn.onenet.contracts.RequestStatus.RESOLVED;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.routing.workorder.DeadlineKind;
import cn.onenet.routing.workorder.EscalationLevel;
import cn.onenet.routing.workorder.TimelineType;
import cn.onenet.routing.workorder.WorkOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What statistics need of one work order (no description, requester or outbox), and the one place the
 * definitions of the counted facts live: dispatched, acknowledged on time, resolved (on time), satisfied,
 * followed up, overdue. README.md, "Statistics: what the rates mean", states them in words; keep the two in step.
 *
 * @param department the department holding the order now (null while a dispatcher has it)
 * @param acknowledgeBy the sign-for deadline on record: set by the latest dispatch or reopening
 * @param resolveBy the resolution deadline on record: set by the latest dispatch or reopening, moved by an
 *        approved extension
 * @param satisfaction the latest callback's answer
 * @param followUps how many times the requester asked after it (催办) as stored with the order: read where the
 *        timeline is not (absent in orders an earlier routing stored, until the start's upgrade gives it them)
 */
public record OrderFacts(UUID id, String trackingNumber, String title, Channel channel, String category,
        String community, Urgency urgency, Instant acceptedAt, RequestStatus status, String department,
        Instant acknowledgeBy, Instant resolveBy, Satisfaction satisfaction, EscalationLevel escalation,
        List<Step> timeline, int followUps) {

    /** One timeline entry, as far as statistics care. */
    public record Step(TimelineType type, Instant at, String department) {
    }

    /** How late an open order is, against which deadline, as of a moment. */
    public record Lateness(DeadlineKind deadline, Instant due, Duration by) {
    }

    public OrderFacts {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        escalation = escalation == null ? EscalationLevel.NONE : escalation;
    }

    public static OrderFacts of(WorkOrder.State state) {
        return new OrderFacts(state.id(), state.trackingNumber(), state.title(), state.channel(), state.category(),
                state.location() == null ? null : state.location().community(), state.urgency(), state.acceptedAt(),
                state.status(), state.department(),
                state.deadlines() == null ? null : state.deadlines().acknowledgeBy(),
                state.deadlines() == null ? null : state.deadlines().resolveBy(), state.satisfaction(),
                state.supervision().level(),
                state.timeline().stream().map(entry -> new Step(entry.type(), entry.at(), entry.department())).toList(),
                state.followUps());
    }

    /** Rejected (不予受理) and merged (并单) orders are counted as received and nowhere else. */
    public boolean excluded() {
        return status == REJECTED || status == MERGED;
    }

    /** Dispatched to a department at least once. */
    public boolean dispatched() {
        return lastDispatch() >= 0;
    }

    /**
     * The department the order was last dispatched (or transferred) to — it may have returned it since; null if
     * never dispatched. The same as {@link WorkOrder#dispatchedTo}, which each order stores and the order list
     * filters by ({@code ?dispatchedTo=}): both take the latest entry that {@link TimelineType#handsOver}.
     */
    public String dispatchedDepartment() {
        int dispatch = lastDispatch();
        return dispatch < 0 ? null : timeline.get(dispatch).department();
    }

    /**
     * The first sign-for (签收) after the latest dispatch came at or before the sign-for deadline that dispatch
     * set. Not yet signed for — even inside the deadline — is not (yet) on time.
     */
    public boolean acknowledgedOnTime() {
        int dispatch = lastDispatch();
        if (dispatch < 0) {
            return false;
        }
        Instant due = acknowledgeDeadlineOfDispatch(dispatch);
        for (int i = dispatch + 1; i < timeline.size(); i++) {
            if (timeline.get(i).type() == TimelineType.ACKNOWLEDGED) {
                return due != null && !timeline.get(i).at().isAfter(due);
            }
        }
        return false;
    }

    /**
     * The sign-for deadline the latest dispatch set. Orders keep only their current deadlines, and a dissatisfied
     * callback (REOPENED) replaces them; sign-for windows are clock hours from the step that starts them (see
     * {@code DeadlineCalculator}), so the dispatch's deadline was as far from the dispatch as the current one is
     * from the reopening.
     */
    private Instant acknowledgeDeadlineOfDispatch(int dispatch) {
        int reopened = lastIndexOf(TimelineType.REOPENED);
        if (reopened < dispatch || acknowledgeBy == null) {
            return acknowledgeBy;
        }
        Duration window = Duration.between(timeline.get(reopened).at(), acknowledgeBy);
        return window.isNegative() ? null : timeline.get(dispatch).at().plus(window);
    }

    /** 办结 and not reopened since: waiting for the callback, or closed by it. */
    public boolean resolved() {
        return status == RESOLVED || status == CLOSED;
    }

    /**
     * Resolved, and the latest resolution came at or before the resolution deadline in force — the one the latest
     * dispatch or reopening set, or an approved extension moved (nothing moves it once resolved).
     */
    public boolean resolvedOnTime() {
        if (!resolved() || resolveBy == null) {
            return false;
        }
        int resolution = lastIndexOf(TimelineType.RESOLVED);
        return resolution >= 0 && !timeline.get(resolution).at().isAfter(resolveBy);
    }

    public boolean closed() {
        return status == CLOSED;
    }

    /** Called back (回访) at least once. */
    public boolean calledBack() {
        return satisfaction != null;
    }

    /** The requester asked after it (来电催办) at least once: a 催办件. */
    public boolean followedUp() {
        return followUps() > 0;
    }

    /**
     * How many times the requester asked after it (来电催办): its timeline's count where the timeline was read, else
     * the count stored with it.
     */
    public int followUps() {
        int steps = (int) timeline.stream().filter(step -> step.type() == TimelineType.FOLLOWED_UP).count();
        return Math.max(steps, followUps);
    }

    /** The latest callback's answer was satisfied or basically satisfied. */
    public boolean satisfied() {
        return satisfaction == Satisfaction.SATISFIED || satisfaction == Satisfaction.BASICALLY_SATISFIED;
    }

    /** Not closed, rejected or merged (a resolved order waiting for its callback is still open). */
    public boolean open() {
        return status != null && !status.isFinal();
    }

    /**
     * Late as of {@code now}: a department holds the order (DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, REOPENED) and
     * {@code now} is past its resolution deadline, or it is not signed for (DISPATCHED) and past its sign-for
     * deadline. The resolution deadline is reported when both have passed.
     */
    public Optional<Lateness> lateness(Instant now) {
        if (!overdue(now)) {
            return Optional.empty();
        }
        if (resolveBy != null && now.isAfter(resolveBy)) {
            return Optional.of(new Lateness(DeadlineKind.RESOLVE, resolveBy, Duration.between(resolveBy, now)));
        }
        return Optional.of(new Lateness(DeadlineKind.ACKNOWLEDGE, acknowledgeBy, Duration.between(acknowledgeBy, now)));
    }

    /** Late as of {@code now} (see {@link #lateness}): past the moment {@link WorkOrder#lateFrom} gives. */
    public boolean overdue(Instant now) {
        Instant from = WorkOrder.lateFrom(status, acknowledgeBy, resolveBy);
        return from != null && now.isAfter(from);
    }

    /** The latest hand-over to a department: a dispatch, or a transfer (改派) that restarted the clocks. */
    private int lastDispatch() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).type().handsOver()) {
                return i;
            }
        }
        return -1;
    }

    private int lastIndexOf(TimelineType type) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }
}
