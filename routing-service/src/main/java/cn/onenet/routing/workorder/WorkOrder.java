package cn.onenet.routing.workorder;

import static cn.onenet.contracts.RequestStatus.ACKNOWLEDGED;
import static cn.onenet.contracts.RequestStatus.CLOSED;
import static cn.onenet.contracts.RequestStatus.DISPATCHED;
import static cn.onenet.contracts.RequestStatus.IN_PROGRESS;
import static cn.onenet.contracts.RequestStatus.MERGED;
import static cn.onenet.contracts.RequestStatus.RECEIVED;
import static cn.onenet.contracts.RequestStatus.REJECTED;
import static cn.onenet.contracts.RequestStatus.REOPENED;
import static cn.onenet.contracts.RequestStatus.RESOLVED;
import static cn.onenet.contracts.RequestStatus.RETURNED;
import static cn.onenet.contracts.RequestStatus.TRIAGE;
import static cn.onenet.routing.workorder.TimelineNotes.local;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.ExtensionDecided;
import cn.onenet.contracts.requests.ExtensionRequested;
import cn.onenet.contracts.requests.RequestEscalated;
import cn.onenet.contracts.requests.RequestFollowedUp;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.MergedOriginalProgressed;
import cn.onenet.contracts.requests.RequestAcknowledged;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.RequestMerged;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.contracts.requests.RequestReopened;
import cn.onenet.contracts.requests.RequestResolved;
import cn.onenet.contracts.requests.RequestReturned;
import cn.onenet.contracts.requests.RequestStarted;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.RequestTriaged;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.pii.FreeTextNumbers;
import cn.onenet.routing.sla.Deadlines;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A work order and the one place its state machine lives (DESIGN.md §3). Every step checks where the order
 * stands and who is asking before it changes anything, appends to the timeline and records the lifecycle event
 * to publish; a refused step changes nothing.
 */
public final class WorkOrder {

    static final Set<RequestStatus> DISPATCHABLE = EnumSet.of(RECEIVED, TRIAGE, RETURNED);
    static final Set<RequestStatus> ACKNOWLEDGEABLE = EnumSet.of(DISPATCHED, REOPENED);
    static final Set<RequestStatus> STARTABLE = EnumSet.of(ACKNOWLEDGED, REOPENED);
    static final Set<RequestStatus> RESOLVABLE = EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, REOPENED);
    static final Set<RequestStatus> RETURNABLE = EnumSet.of(DISPATCHED, ACKNOWLEDGED);
    /** Where a department may ask for more time, and a request waiting for a decision counts. */
    public static final Set<RequestStatus> EXTENDABLE = EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, REOPENED);
    static final Set<RequestStatus> RATEABLE = EnumSet.of(RESOLVED);
    static final Set<RequestStatus> REJECTABLE = EnumSet.of(RECEIVED, TRIAGE, RETURNED, DISPATCHED);
    static final Set<RequestStatus> MERGEABLE = EnumSet.of(TRIAGE, RETURNED, DISPATCHED);
    static final Set<RequestStatus> TRANSFERABLE = EnumSet.of(DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, REOPENED);
    /** Where the requester's asking again (催办) is recorded: every order still open. */
    static final Set<RequestStatus> FOLLOWABLE = EnumSet.complementOf(EnumSet.of(CLOSED, REJECTED, MERGED));

    /** How many keyed reports an order remembers ({@link #reported}). */
    static final int REPORT_KEYS = 50;

    /** How the timeline names the operator who took a hotline call: {@code operator:<user name>}. */
    public static final String OPERATOR_ACTOR = "operator:";

    /**
     * Everything an order is, for the store to keep and give back. {@code title} and {@code description} are as
     * intake published them, phone and ID numbers masked; {@code titleSealed} / {@code descriptionSealed} are the
     * text as submitted, sealed ({@code pii:v1:…}), only when intake masked something in it — for an audited clear
     * read, never for the rules, duplicates, statistics or anything else.
     */
    public record State(UUID id, String trackingNumber, Channel channel, String externalId, String category,
            String title, String description, Urgency urgency, Location location, Requester requester,
            Instant acceptedAt, RequestStatus status, String department, Deadlines deadlines, UUID mergedInto,
            Satisfaction satisfaction, List<TimelineEntry> timeline, long version, List<String> coDepartments,
            List<String> returnedBy, boolean finalRuling, Supervision supervision, Duplicates duplicates,
            List<String> reportKeys, String titleSealed, String descriptionSealed, long holds) {

        /** An order never held by a merge into it ({@link #holds}). */
        public State(UUID id, String trackingNumber, Channel channel, String externalId, String category,
                String title, String description, Urgency urgency, Location location, Requester requester,
                Instant acceptedAt, RequestStatus status, String department, Deadlines deadlines, UUID mergedInto,
                Satisfaction satisfaction, List<TimelineEntry> timeline, long version, List<String> coDepartments,
                List<String> returnedBy, boolean finalRuling, Supervision supervision, Duplicates duplicates,
                List<String> reportKeys, String titleSealed, String descriptionSealed) {
            this(id, trackingNumber, channel, externalId, category, title, description, urgency, location, requester,
                    acceptedAt, status, department, deadlines, mergedInto, satisfaction, timeline, version,
                    coDepartments, returnedBy, finalRuling, supervision, duplicates, reportKeys, titleSealed,
                    descriptionSealed, 0);
        }

        /**
         * The version callers see ({@code version} in answers, the {@code ETag}, what {@code If-Match} names): the
         * store's version less the times a merge into the order held it. A hold moves the store's version on, so
         * that a step written on the order as read before fails, but changes nothing a caller decided on: a step
         * sent for the version it showed was refused (412) for a merge of another order into it (eleventh audit).
         */
        public long revision() {
            return version - holds;
        }

        /** An order whose free text held no personal numbers (or was taken before they were masked in it). */
        public State(UUID id, String trackingNumber, Channel channel, String externalId, String category,
                String title, String description, Urgency urgency, Location location, Requester requester,
                Instant acceptedAt, RequestStatus status, String department, Deadlines deadlines, UUID mergedInto,
                Satisfaction satisfaction, List<TimelineEntry> timeline, long version, List<String> coDepartments,
                List<String> returnedBy, boolean finalRuling, Supervision supervision, Duplicates duplicates,
                List<String> reportKeys) {
            this(id, trackingNumber, channel, externalId, category, title, description, urgency, location, requester,
                    acceptedAt, status, department, deadlines, mergedInto, satisfaction, timeline, version,
                    coDepartments, returnedBy, finalRuling, supervision, duplicates, reportKeys, null, null);
        }

        /** Whether {@code department} has reported {@code step} on this order under {@code key} ({@link #reported}). */
        public boolean reported(String department, String key, String step) {
            return WorkOrder.reported(reportKeys, department, key, step);
        }

        /** Whether {@code department} had the order once ({@link WorkOrder#heldOnceBy}), so knows of it. */
        public boolean heldOnceBy(String department) {
            return WorkOrder.heldOnceBy(timeline, department);
        }

        /** An order without reports keyed by the reporting department ({@link WorkOrder#reported}). */
        public State(UUID id, String trackingNumber, Channel channel, String externalId, String category,
                String title, String description, Urgency urgency, Location location, Requester requester,
                Instant acceptedAt, RequestStatus status, String department, Deadlines deadlines, UUID mergedInto,
                Satisfaction satisfaction, List<TimelineEntry> timeline, long version, List<String> coDepartments,
                List<String> returnedBy, boolean finalRuling, Supervision supervision, Duplicates duplicates) {
            this(id, trackingNumber, channel, externalId, category, title, description, urgency, location, requester,
                    acceptedAt, status, department, deadlines, mergedInto, satisfaction, timeline, version,
                    coDepartments, returnedBy, finalRuling, supervision, duplicates, List.of());
        }

        /** The operator who took the call this order came from, or {@code null} (a channel system's request). */
        public String takenBy() {
            String actor = timeline.isEmpty() || timeline.get(0).type() != TimelineType.RECEIVED ? null
                    : timeline.get(0).actor();
            return actor != null && actor.startsWith(OPERATOR_ACTOR) ? actor.substring(OPERATOR_ACTOR.length()) : null;
        }

        /** When the order falls behind as it stands ({@link WorkOrder#lateFrom}); null while it can't. */
        public Instant lateFrom() {
            return deadlines == null ? null
                    : WorkOrder.lateFrom(status, deadlines.acknowledgeBy(), deadlines.resolveBy());
        }

        /**
         * Supervision as the order stands: the deadline whose clock runs now (sign-for while dispatched, then
         * resolution; none once resolved, closed, returned, …) and the level reached on that clock; an extension
         * request only while a supervisor can still decide it. What is stored keeps the clock of the last reset or
         * escalation: a resolved order showed its sign-for clock still running.
         */
        public Supervision supervisionNow() {
            DeadlineKind kind = runningDeadline(status, deadlines);
            return new Supervision(kind == null ? null : supervision.clockStartedAt(), kind,
                    kind == null ? EscalationLevel.NONE : supervision.levelOn(kind),
                    EXTENDABLE.contains(status) ? supervision.extensionRequestedUntil() : null);
        }

        /** The department the order was last handed to ({@link WorkOrder#dispatchedTo}); null if never. */
        public String dispatchedTo() {
            return WorkOrder.dispatchedTo(timeline);
        }

        /** How many times the requester asked after the order (催办; {@link WorkOrder#followUps}). */
        public int followUps() {
            return WorkOrder.followUps(timeline);
        }

        /** The latest extension request on the timeline (who asked, when, why), or null if none was made. */
        public TimelineEntry latestExtensionRequest() {
            for (int i = timeline.size() - 1; i >= 0; i--) {
                if (timeline.get(i).type() == TimelineType.EXTENSION_REQUESTED) {
                    return timeline.get(i);
                }
            }
            return null;
        }

        public State {
            duplicates = duplicates == null ? Duplicates.NONE : duplicates;
            supervision = supervision == null ? Supervision.NONE : supervision;
            timeline = List.copyOf(timeline);
            coDepartments = coDepartments == null ? List.of() : List.copyOf(coDepartments);
            returnedBy = returnedBy == null ? List.of() : List.copyOf(returnedBy);
            reportKeys = reportKeys == null ? List.of() : List.copyOf(reportKeys);
        }
    }

    private final UUID id;
    private final String trackingNumber;
    private final Channel channel;
    private final String externalId;
    private final String category;
    private final String title;
    private final String description;
    private final String titleSealed;
    private final String descriptionSealed;
    private final Urgency urgency;
    private final Location location;
    private final Requester requester;
    private final Instant acceptedAt;
    private long version;
    private final long holds;
    private final List<TimelineEntry> timeline;
    private final List<RequestLifecycleEvent> pendingEvents = new ArrayList<>();
    private RequestStatus status;
    private String department;
    private Deadlines deadlines;
    private UUID mergedInto;
    private Satisfaction satisfaction;
    private List<String> coDepartments;
    private final List<String> returnedBy;
    private boolean finalRuling;
    private Supervision supervision;
    private Duplicates duplicates;
    /** {@code <department> <key>} of the latest keyed reports, oldest first */
    private final List<String> reportKeys;

    private WorkOrder(State state) {
        this.id = state.id();
        this.trackingNumber = state.trackingNumber();
        this.channel = state.channel();
        this.externalId = state.externalId();
        this.category = state.category();
        this.title = state.title();
        this.description = state.description();
        this.titleSealed = state.titleSealed();
        this.descriptionSealed = state.descriptionSealed();
        this.urgency = state.urgency();
        this.location = state.location();
        this.requester = state.requester();
        this.acceptedAt = state.acceptedAt();
        this.status = state.status();
        this.department = state.department();
        this.deadlines = state.deadlines();
        this.mergedInto = state.mergedInto();
        this.satisfaction = state.satisfaction();
        this.timeline = new ArrayList<>(state.timeline());
        this.version = state.version();
        this.holds = state.holds();
        this.coDepartments = state.coDepartments();
        this.returnedBy = new ArrayList<>(state.returnedBy());
        this.finalRuling = state.finalRuling();
        this.supervision = state.supervision();
        this.duplicates = state.duplicates();
        this.reportKeys = new ArrayList<>(state.reportKeys());
    }

    public static WorkOrder restore(State state) {
        return new WorkOrder(state);
    }

    /** A new order for an accepted request, {@code RECEIVED}; it is routed next. */
    public static WorkOrder receive(RequestSubmitted submitted, Instant now) {
        WorkOrder order = new WorkOrder(new State(submitted.requestId(), submitted.trackingNumber(),
                submitted.channel(), submitted.externalId(), submitted.category(), submitted.title(),
                submitted.description(), submitted.urgency(), submitted.location(), submitted.requester(),
                submitted.acceptedAt(), RECEIVED, null, null, null, null, List.of(), 0, List.of(), List.of(), false,
                Supervision.NONE, Duplicates.NONE, List.of(), submitted.titleSealed(), submitted.descriptionSealed()));
        String actor = submitted.takenBy() == null ? "channel:" + submitted.channel().name()
                : OPERATOR_ACTOR + submitted.takenBy();
        long sequence = order.record(TimelineType.RECEIVED, now, actor, null, null);
        order.pendingEvents.add(new RequestReceived(UUID.randomUUID(), order.id, sequence, now, actor,
                order.trackingNumber, order.channel, order.externalId, order.category,
                order.location == null ? null : order.location.community(), order.urgency));
        return order;
    }

    /**
     * Hands the order to a lead department (主办) with co-departments (协办), from the rules or a dispatcher; the
     * deadlines start now. A dispatcher's final ruling (终审) can't be returned.
     */
    public void dispatch(String toDepartment, List<String> assisting, Deadlines newDeadlines, String note, String actor,
            boolean isFinalRuling, Instant now) {
        note = said(note);
        require(DISPATCHABLE, "dispatch");
        status = DISPATCHED;
        department = Objects.requireNonNull(toDepartment);
        coDepartments = List.copyOf(assisting);
        deadlines = newDeadlines;
        finalRuling = isFinalRuling;
        supervision = new Supervision(now, DeadlineKind.ACKNOWLEDGE, EscalationLevel.NONE, null);
        long sequence = record(TimelineType.DISPATCHED, now, actor, toDepartment,
                isFinalRuling ? TimelineNotes.finalRulingDispatch(note) : note);
        pendingEvents.add(new RequestDispatched(UUID.randomUUID(), id, sequence, now, actor, toDepartment,
                newDeadlines.acknowledgeBy(), newDeadlines.resolveBy(), note, coDepartments, isFinalRuling));
    }

    /**
     * 改派: a dispatcher takes the order from the department that has it and hands it to another, which gets fresh
     * deadlines from now; a waiting extension request lapses with the old department.
     */
    public void transfer(String toDepartment, List<String> assisting, Deadlines newDeadlines, String reason, String actor,
            boolean isFinalRuling, Instant now) {
        reason = said(reason);
        require(TRANSFERABLE, "transfer");
        if (toDepartment.equals(department)) {
            throw new TransitionRefused("Order " + id + " is already with " + department + "; transfer it to another"
                    + " department.", status);
        }
        String from = department;
        List<String> released = releasedBy(toDepartment, assisting);
        status = DISPATCHED;
        department = toDepartment;
        coDepartments = List.copyOf(assisting);
        deadlines = newDeadlines;
        finalRuling = isFinalRuling;
        supervision = new Supervision(now, DeadlineKind.ACKNOWLEDGE, EscalationLevel.NONE, null);
        long sequence = record(TimelineType.TRANSFERRED, now, actor, toDepartment,
                TimelineNotes.transferred(from, reason, isFinalRuling));
        pendingEvents.add(new RequestDispatched(UUID.randomUUID(), id, sequence, now, actor, toDepartment,
                newDeadlines.acknowledgeBy(), newDeadlines.resolveBy(), reason, coDepartments, isFinalRuling, from,
                released));
    }

    /**
     * The departments holding the order now (lead and co-departments) that {@code lead} with {@code assisting} would
     * leave out: those a step tells that the order is no longer theirs.
     */
    private List<String> releasedBy(String lead, List<String> assisting) {
        List<String> released = new ArrayList<>();
        if (department != null) {
            released.add(department);
        }
        released.addAll(coDepartments);
        released.remove(lead);
        released.removeAll(assisting);
        return List.copyOf(released);
    }

    /** No rule could route the order: a dispatcher decides. */
    public void sendToTriage(String reason, Instant now) {
        reason = said(reason);
        require(EnumSet.of(RECEIVED), "triage");
        status = TRIAGE;
        long sequence = record(TimelineType.TRIAGED, now, "routing", null, reason);
        pendingEvents.add(new RequestTriaged(UUID.randomUUID(), id, sequence, now, "routing", reason));
    }

    /** 签收 */
    public void acknowledge(String byDepartment, String note, Instant now) {
        note = said(note);
        requireAssigned(byDepartment);
        require(ACKNOWLEDGEABLE, "ACKNOWLEDGED");
        status = ACKNOWLEDGED;
        String actor = departmentActor(byDepartment);
        long sequence = record(TimelineType.ACKNOWLEDGED, now, actor, byDepartment, note);
        pendingEvents.add(new RequestAcknowledged(UUID.randomUUID(), id, sequence, now, actor, byDepartment, note));
    }

    /** 办理中 */
    public void start(String byDepartment, String note, Instant now) {
        note = said(note);
        requireAssigned(byDepartment);
        require(STARTABLE, "STARTED");
        status = IN_PROGRESS;
        String actor = departmentActor(byDepartment);
        long sequence = record(TimelineType.STARTED, now, actor, byDepartment, note);
        pendingEvents.add(new RequestStarted(UUID.randomUUID(), id, sequence, now, actor, byDepartment, note));
    }

    /** 办结: the note says what was done. */
    public void resolve(String byDepartment, String note, Instant now) {
        note = said(note);
        requireAssigned(byDepartment);
        require(RESOLVABLE, "RESOLVED");
        status = RESOLVED;
        String actor = departmentActor(byDepartment);
        long sequence = record(TimelineType.RESOLVED, now, actor, byDepartment, note);
        pendingEvents.add(new RequestResolved(UUID.randomUUID(), id, sequence, now, actor, byDepartment, note));
    }

    /** 退单: the department says why the order is not theirs; a dispatcher decides where it goes. */
    public void returnOrder(String byDepartment, String reason, Instant now) {
        reason = said(reason);
        requireAssigned(byDepartment);
        require(RETURNABLE, "RETURNED");
        if (finalRuling) {
            throw new TransitionRefused("Order " + id + " was dispatched to " + department
                    + " by the dispatcher's final ruling (终审); it can't be returned.", status);
        }
        List<String> released = releasedBy(byDepartment, List.of());
        status = RETURNED;
        department = null;
        coDepartments = List.of();
        if (!returnedBy.contains(byDepartment)) {
            returnedBy.add(byDepartment);
        }
        String actor = departmentActor(byDepartment);
        long sequence = record(TimelineType.RETURNED, now, actor, byDepartment, reason);
        pendingEvents.add(new RequestReturned(UUID.randomUUID(), id, sequence, now, actor, byDepartment, reason,
                released));
    }

    /** The department asks for more time; the deadline stands until a supervisor approves. */
    public void requestExtension(String byDepartment, Instant until, String reason, Instant now, ZoneId zone) {
        reason = said(reason);
        requireAssigned(byDepartment);
        require(EXTENDABLE, "EXTENSION_REQUESTED");
        if (supervision.extensionRequestedUntil() != null) {
            throw new TransitionRefused("An extension until " + local(supervision.extensionRequestedUntil(), zone)
                    + " is already waiting for a supervisor's decision.", status);
        }
        if (deadlines != null && !until.isAfter(deadlines.resolveBy())) {
            throw new TransitionRefused("An extension must end after the current deadline "
                    + local(deadlines.resolveBy(), zone) + "; " + local(until, zone) + " does not.", status);
        }
        String actor = departmentActor(byDepartment);
        long sequence = record(TimelineType.EXTENSION_REQUESTED, now, actor, byDepartment,
                TimelineNotes.extensionRequested(reason, until, zone));
        pendingEvents.add(new ExtensionRequested(UUID.randomUUID(), id, sequence, now, actor, byDepartment, until, reason));
        supervision = new Supervision(supervision.clockStartedAt(), supervision.kind(), supervision.level(), until);
    }

    /**
     * The reason a department gave for an extension, from its timeline entry: the note adds the date asked for
     * ({@link #requestExtension}), which readers of a list of requests see in a field of its own.
     */
    public static String extensionReason(TimelineEntry request, Instant until, ZoneId zone) {
        String note = request.note();
        String asked = TimelineNotes.asked(until, zone);
        return note != null && note.endsWith(asked) ? note.substring(0, note.length() - asked.length()) : note;
    }

    /**
     * A supervisor's answer to a waiting extension request. Approved, the requested date becomes the resolution
     * deadline and the ladder starts again on it; refused, the deadline stands.
     */
    public void decideExtension(boolean approved, String note, String actor, Instant now, ZoneId zone) {
        note = said(note);
        require(EXTENDABLE, "an extension decision");
        Instant until = supervision.extensionRequestedUntil();
        if (until == null) {
            throw new TransitionRefused("Order " + id + " has no extension request waiting for a decision.", status);
        }
        if (approved) {
            deadlines = new Deadlines(deadlines == null ? null : deadlines.acknowledgeBy(), until);
            supervision = new Supervision(supervision.clockStartedAt(), supervision.kind(),
                    supervision.kind() == DeadlineKind.RESOLVE ? EscalationLevel.NONE : supervision.level(), null);
        }
        else {
            supervision = new Supervision(supervision.clockStartedAt(), supervision.kind(), supervision.level(), null);
        }
        String decided = TimelineNotes.extensionDecided(approved, approved ? until : deadlines.resolveBy(), note, zone);
        long sequence = record(approved ? TimelineType.EXTENSION_APPROVED : TimelineType.EXTENSION_REFUSED, now, actor,
                department, decided);
        pendingEvents.add(new ExtensionDecided(UUID.randomUUID(), id, sequence, now, actor, department, until, approved, note));
    }

    /**
     * Moves a late order up the supervision ladder as far as {@code now} warrants, one recorded step per level
     * (so each level appears once, even after a pause in scanning). Answers whether anything changed.
     */
    public boolean escalate(EscalationPolicy policy, Instant now, ZoneId zone) {
        RunningClock running = runningClock();
        if (running == null) {
            return false;
        }
        EscalationLevel reached = supervision.levelOn(running.kind());
        EscalationLevel target = policy.levelAt(running.started(), running.due(), now);
        if (target.compareTo(reached) <= 0) {
            return false;
        }
        for (EscalationLevel level : EscalationLevel.values()) {
            if (level.compareTo(reached) > 0 && level.compareTo(target) <= 0) {
                long sequence = record(TimelineType.ESCALATED, now, "supervision", department,
                        TimelineNotes.escalated(level, running.kind(), running.due(), zone));
                pendingEvents.add(new RequestEscalated(UUID.randomUUID(), id, sequence, now, "supervision", department,
                        running.kind().name(), level.name(), running.due()));
            }
        }
        supervision = new Supervision(running.started(), running.kind(), target, supervision.extensionRequestedUntil());
        return true;
    }

    /**
     * When {@link #escalate} will next move this order up, unless it moves on first: null when no deadline clock
     * runs or it is at the top of the ladder. Stored with the order, so a scan reads only the orders that are due.
     */
    public Instant nextEscalationAt(EscalationPolicy policy) {
        RunningClock running = runningClock();
        return running == null ? null
                : policy.nextLevelAt(running.started(), running.due(), supervision.levelOn(running.kind()));
    }

    /** The deadline clock that runs in this status (sign-for, then resolution), or null. */
    private RunningClock runningClock() {
        Instant started = supervision.clockStartedAt() != null ? supervision.clockStartedAt() : lastDeadlineChange();
        DeadlineKind kind = runningDeadline(status, deadlines);
        if (kind == null || started == null) {
            return null;
        }
        return new RunningClock(kind, started, kind.of(deadlines));
    }

    /**
     * The deadline whose clock runs for an order in {@code status}: sign-for while dispatched, then resolution; null
     * when none runs (no department holds the order, or that deadline is not set).
     */
    static DeadlineKind runningDeadline(RequestStatus status, Deadlines deadlines) {
        if (!CLOCK_RUNS.contains(status) || deadlines == null) {
            return null;
        }
        DeadlineKind kind = status == DISPATCHED ? DeadlineKind.ACKNOWLEDGE : DeadlineKind.RESOLVE;
        return kind.of(deadlines) == null ? null : kind;
    }

    /** A moment as the people reading a note or a refusal count time: in the SLA's zone, to the second. */
    /**
     * Whether a dispatcher chose the department that has the order (its latest dispatch or transfer was a
     * dispatcher's), rather than the rules.
     */
    public boolean placedByDispatcher() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry entry = timeline.get(i);
            if (entry.type() == TimelineType.DISPATCHED || entry.type() == TimelineType.TRANSFERRED) {
                return entry.actor() != null && entry.actor().startsWith("dispatcher");
            }
        }
        return false;
    }

    /**
     * The department an order was last handed to ({@link TimelineType#handsOver}: the department of its latest
     * dispatch or transfer), whether it holds the order still or has since resolved, returned or passed it on, or
     * the order was rejected or merged after; null if it never was. The department a summary counts the order under
     * ({@code OrderFacts.dispatchedDepartment}); stored with each order, so a list finds the orders a summary row
     * counts.
     */
    public static String dispatchedTo(List<TimelineEntry> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).type().handsOver()) {
                return timeline.get(i).department();
            }
        }
        return null;
    }

    /** The statuses in which a deadline clock runs: sign-for once dispatched, then resolution. */
    public static final Set<RequestStatus> CLOCK_RUNS = EnumSet.of(DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, REOPENED);

    /**
     * The moment an order in {@code status} with these deadlines is late (逾期) from — any moment after it: its
     * resolution deadline, or its sign-for deadline when earlier and not yet signed for (DISPATCHED); null when no
     * deadline runs (no department holds it, or it has none). Stored with each order, so that supervisors' lists
     * read only the late orders.
     */
    public static Instant lateFrom(RequestStatus status, Instant acknowledgeBy, Instant resolveBy) {
        if (!CLOCK_RUNS.contains(status)) {
            return null;
        }
        Instant signFor = status == DISPATCHED ? acknowledgeBy : null;
        if (signFor == null || resolveBy != null && resolveBy.isBefore(signFor)) {
            return resolveBy;
        }
        return signFor;
    }

    private record RunningClock(DeadlineKind kind, Instant started, Instant due) {
    }

    /** For orders stored before supervision was recorded: when their deadlines were last set. */
    private Instant lastDeadlineChange() {
        Instant at = null;
        for (TimelineEntry entry : timeline) {
            if (entry.type() == TimelineType.DISPATCHED || entry.type() == TimelineType.REOPENED) {
                at = entry.at();
            }
        }
        return at;
    }

    /** 回访: satisfied closes the order; dissatisfied reopens it with its department and fresh deadlines. */
    public void recordFeedback(Satisfaction answer, String comment, Deadlines reopenedDeadlines, String actor, Instant now) {
        comment = said(comment);
        require(RATEABLE, "feedback");
        satisfaction = answer;
        String note = answer + (comment == null ? "" : ": " + comment);
        if (answer.closesOrder()) {
            status = CLOSED;
            long sequence = record(TimelineType.CLOSED, now, actor, null, note);
            pendingEvents.add(new RequestClosed(UUID.randomUUID(), id, sequence, now, actor, answer, comment));
        }
        else {
            status = REOPENED;
            deadlines = reopenedDeadlines;
            supervision = new Supervision(now, DeadlineKind.RESOLVE, EscalationLevel.NONE, null);
            long sequence = record(TimelineType.REOPENED, now, actor, department, note);
            pendingEvents.add(new RequestReopened(UUID.randomUUID(), id, sequence, now, actor, answer, comment,
                    department, deadlines == null ? null : deadlines.acknowledgeBy(),
                    deadlines == null ? null : deadlines.resolveBy(), coDepartments));
        }
    }

    /**
     * 催办: the requester asked after the order again (an operator took the call). Any order still open may be
     * followed up; its status, department and deadlines stay as they are. The department holding it is told.
     */
    public void followUp(String note, String actor, Instant now) {
        note = said(note);
        require(FOLLOWABLE, "follow up");
        long sequence = record(TimelineType.FOLLOWED_UP, now, actor, department, note);
        pendingEvents.add(new RequestFollowedUp(UUID.randomUUID(), id, sequence, now, actor, department, note,
                followUps(timeline)));
    }

    /** How many times the requester asked after the order (催办), from its timeline. */
    public static int followUps(List<TimelineEntry> timeline) {
        return (int) timeline.stream().filter(entry -> entry.type() == TimelineType.FOLLOWED_UP).count();
    }

    /** 不予受理, with a reason from the fixed list and free text. */
    public void reject(RejectionReason code, String reason, String actor, Instant now) {
        reason = said(reason);
        require(REJECTABLE, "reject");
        List<String> released = releasedBy(null, List.of());
        status = REJECTED;
        long sequence = record(TimelineType.REJECTED, now, actor, department, TimelineNotes.rejected(code, reason));
        department = null;
        coDepartments = List.of();
        pendingEvents.add(new RequestRejected(UUID.randomUUID(), id, sequence, now, actor, reason, code.name(),
                released));
    }

    /** 并单: this order duplicates {@code original}, an open order, and follows its outcome. */
    public void mergeInto(WorkOrder original, String actor, Instant now) {
        require(MERGEABLE, "merge");
        if (original.id.equals(id)) {
            throw new TransitionRefused("An order can't be merged into itself.", status);
        }
        if (original.status.isFinal()) {
            throw new TransitionRefused("Order " + original.id + " is " + original.status
                    + "; an order can only be merged into an open one.", status);
        }
        List<String> released = releasedBy(null, List.of());
        status = MERGED;
        mergedInto = original.id;
        long sequence = record(TimelineType.MERGED, now, actor, department,
                TimelineNotes.merged(original.trackingNumber));
        department = null;
        coDepartments = List.of();
        pendingEvents.add(new RequestMerged(UUID.randomUUID(), id, sequence, now, actor, original.id, released));
        if (original.status == RESOLVED) {
            // resolved already: no resolution will come to follow, and the callback's comment would be all it heard
            String note = said(original.lastNote(TimelineType.RESOLVED)); // as resolved before notes were masked
            long followed = record(TimelineType.ORIGINAL_PROGRESSED, now, "routing", null,
                    TimelineNotes.originalProgressed("RESOLVED", note));
            pendingEvents.add(new MergedOriginalProgressed(UUID.randomUUID(), id, followed, now, "routing", original.id,
                    "RESOLVED", note));
        }
    }

    /** The note of the latest step of this type in the timeline; null if none has one. */
    private String lastNote(TimelineType type) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).type() == type) {
                return timeline.get(i).note();
            }
        }
        return null;
    }

    /** Offers the dispatcher the open orders this one probably repeats. */
    public void offerDuplicates(List<Duplicates.Candidate> candidates) {
        duplicates = new Duplicates(candidates, duplicates.followedEventIds());
    }

    /**
     * The original this duplicate was merged into moved on: the duplicate follows, so its own requester hears the
     * outcome. Answers false for an event already followed (a redelivery) or not about this order's original.
     */
    public boolean followOriginal(UUID originalId, String originalEventId, String originalStatus, String note, Instant now) {
        note = said(note);
        if (status != MERGED || !originalId.equals(mergedInto) || duplicates.followedEventIds().contains(originalEventId)) {
            return false;
        }
        String heard = TimelineNotes.originalProgressed(originalStatus, note);
        if (heard.equals(lastNote(TimelineType.ORIGINAL_PROGRESSED))) {
            return false; // heard when merged into the order just resolved, before its resolution was read here
        }
        List<String> followed = new ArrayList<>(duplicates.followedEventIds());
        followed.add(originalEventId);
        duplicates = new Duplicates(duplicates.candidates(), followed);
        long sequence = record(TimelineType.ORIGINAL_PROGRESSED, now, "routing", null, heard);
        pendingEvents.add(new MergedOriginalProgressed(UUID.randomUUID(), id, sequence, now, "routing", originalId,
                originalStatus, note));
        return true;
    }

    /**
     * Free text as a caller gave it (a note, a reason, a callback comment), with the phone and ID numbers typed into
     * it masked as intake masks a request's: the timeline, the events, the feed and the webhooks never hold them in
     * clear, and no sealed original is kept (unlike a title or description, a note has no audited clear read).
     */
    private static String said(String text) {
        return FreeTextNumbers.mask(text);
    }

    private void requireAssigned(String byDepartment) {
        if (department == null || !department.equals(byDepartment)) {
            if (heldOnceBy(timeline, byDepartment)) {
                throw new NoLongerAssigned(id, byDepartment, status, false);
            }
            throw new NotAssignedDepartment(id, byDepartment, department);
        }
    }

    /**
     * Whether a dispatch, transfer or report of the timeline names {@code department}: it had the order once (and
     * may have lost it to a return, a transfer, a merge or a rejection meanwhile).
     */
    static boolean heldOnceBy(List<TimelineEntry> timeline, String department) {
        return department != null && timeline.stream().anyMatch(entry -> department.equals(entry.department()));
    }

    private void require(Set<RequestStatus> allowedFrom, String action) {
        if (!allowedFrom.contains(status)) {
            throw new TransitionRefused(id, status, action, allowedFrom);
        }
    }

    private long record(TimelineType type, Instant at, String actor, String forDepartment, String note) {
        long sequence = timeline.size() + 1L;
        timeline.add(new TimelineEntry(sequence, type, at, actor, forDepartment, note));
        return sequence;
    }

    private static String departmentActor(String code) {
        return "department:" + code;
    }

    public State state() {
        return new State(id, trackingNumber, channel, externalId, category, title, description, urgency, location,
                requester, acceptedAt, status, department, deadlines, mergedInto, satisfaction, timeline, version,
                coDepartments, returnedBy, finalRuling, supervision, duplicates, reportKeys, titleSealed,
                descriptionSealed, holds);
    }

    /**
     * Whether {@code department} has reported {@code step} on this order under {@code key} (its
     * {@code Idempotency-Key}) among its last {@value #REPORT_KEYS} keyed reports: a report sent again — a department
     * system retrying after a lost answer — is then answered with the order as it stands, not applied a second time
     * (a late repeat of a resolution re-resolved a reopened order).
     *
     * @throws ReportKeyReused if the key was used for another step: that report would be lost without a word
     */
    public boolean reported(String department, String key, String step) {
        return reported(reportKeys, department, key, step);
    }

    private static boolean reported(List<String> reportKeys, String department, String key, String step) {
        String used = department + " " + key;
        for (String remembered : reportKeys) {
            if (remembered.equals(used)) {
                return true; // remembered before keys named their step
            }
            if (remembered.startsWith(used + " ")) {
                String earlier = remembered.substring(used.length() + 1);
                if (!earlier.equals(step)) {
                    throw new ReportKeyReused(key, earlier, step);
                }
                return true;
            }
        }
        return false;
    }

    /** Remembers a report of {@code step} applied under {@code key} (the last {@value #REPORT_KEYS} only). */
    public void rememberReport(String department, String key, String step) {
        reportKeys.add(department + " " + key + " " + step);
        while (reportKeys.size() > REPORT_KEYS) {
            reportKeys.remove(0);
        }
    }

    /** The lifecycle events of the steps taken since the order was loaded, oldest first. */
    public List<RequestLifecycleEvent> pendingEvents() {
        return List.copyOf(pendingEvents);
    }

    public UUID id() {
        return id;
    }

    public RequestStatus status() {
        return status;
    }

    public String department() {
        return department;
    }

    public String category() {
        return category;
    }

    public Urgency urgency() {
        return urgency;
    }

    /** Departments that returned this order; the rules pass them over. */
    public List<String> returnedBy() {
        return List.copyOf(returnedBy);
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Channel channel() {
        return channel;
    }

    public String community() {
        return location == null ? null : location.community();
    }

    public String grid() {
        return location == null ? null : location.grid();
    }

    public Duplicates duplicates() {
        return duplicates;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public Supervision supervision() {
        return supervision;
    }

    public long version() {
        return version;
    }

    /** The version callers see ({@link State#revision}). */
    public long revision() {
        return version - holds;
    }

    /** The store wrote this order's change and moved its version on: the order answers as it now stands. */
    public void stored() {
        version++;
    }
}
