package cn.onenet.routing.workorder;

import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.routing.rules.RouteDecision;
import cn.onenet.routing.rules.Router;
import cn.onenet.routing.rules.RoutingRule;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.reference.ServiceLevel;
import cn.onenet.routing.sla.DeadlineCalculator;
import cn.onenet.routing.sla.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Applies commands to work orders: load, let the aggregate decide, store with its events, signal the relay. */
@Service
public class WorkOrderService {

    private static final Logger log = LoggerFactory.getLogger(WorkOrderService.class);
    private static final int ATTEMPTS = 5;
    /** For an order whose category has left the catalogue since it arrived. */
    private static final ServiceLevel FALLBACK_LEVEL = new ServiceLevel(24, 5);

    private final WorkOrderStore store;
    private final OutboxSignal outbox;
    private final ReferenceData referenceData;
    private final Router router;
    private final DuplicateFinder duplicateFinder;
    private final DeadlineCalculator deadlines;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer acceptToDispatch;

    WorkOrderService(WorkOrderStore store, OutboxSignal outbox, ReferenceData referenceData, Router router,
            DuplicateFinder duplicateFinder, DeadlineCalculator deadlines, Clock clock, MeterRegistry meters) {
        this.router = router;
        this.duplicateFinder = duplicateFinder;
        this.store = store;
        this.outbox = outbox;
        this.referenceData = referenceData;
        this.deadlines = deadlines;
        this.clock = clock;
        this.meters = meters;
        this.acceptToDispatch = Timer.builder("onenet.routing.accept.to.dispatch")
            .description("From intake's acceptance to the order's dispatch by the rules")
            .publishPercentileHistogram()
            .register(meters);
    }

    /** Creates the order for an accepted request and routes it; a redelivered submission changes nothing. */
    public void receive(RequestSubmitted submitted) {
        Instant now = clock.instant();
        // RECEIVED is the acceptance the caller was told of (the 202's acceptedAt), however long the submission then
        // waited for routing (a restart, a backlog); never later than now (another machine's clock may run ahead)
        Instant accepted = submitted.acceptedAt() == null || submitted.acceptedAt().isAfter(now) ? now
                : submitted.acceptedAt();
        WorkOrder order = WorkOrder.receive(submitted, accepted);
        RouteDecision decision = router.decide(facts(order), Set.of());
        if (decision.routed()) {
            order.dispatch(decision.department(), decision.coDepartments(), deadlinesFor(order, now), decision.reason(),
                    "routing", false, now);
        }
        else {
            order.sendToTriage(decision.reason(), now);
        }
        order.offerDuplicates(duplicateFinder.candidatesFor(order, now));
        OutboxStore.Lease lease = outbox.leaseForNewOrder();
        Optional<List<OutboxStore.PendingEvent>> events = store.insert(order, lease);
        if (events.isEmpty()) {
            meters.counter("onenet.routing.submissions.duplicate").increment();
            log.info("Request {} is already a work order; duplicate submission ignored", submitted.requestId());
            return;
        }
        duplicateFinder.remember(order);
        meters.counter("onenet.routing.orders.created", "channel", submitted.channel().name(), "outcome",
                order.status().name(), "by", decision.source().name()).increment();
        if (decision.routed()) {
            acceptToDispatch.record(Duration.between(submitted.acceptedAt(), now).abs());
        }
        log.info("Work order {} created: {} {} ({})", order.id(), order.status(),
                decision.routed() ? decision.department() : "", decision.reason());
        if (lease != null) {
            outbox.eventsHeld(order.id(), lease, events.get());
        }
        else {
            outbox.eventsPending(order.id());
        }
    }

    /**
     * The triage queue: orders no rule could route and returned orders, emergencies first, then oldest first (then by
     * id); page {@code page}, or the page after {@code after}.
     */
    public WorkOrderStore.QueuePage triageQueue(WorkOrderStore.QueuePosition after, int page, int size) {
        return store.queue(EnumSet.of(RequestStatus.TRIAGE, RequestStatus.RETURNED), after, page, size);
    }

    /** What supervisors have to decide: orders with an extension request waiting, the longest-waiting first. */
    public WorkOrderStore.Page extensionRequests(int page, int size) {
        return store.extensionRequests(page, size);
    }

    private static RoutingRule.Facts facts(WorkOrder order) {
        return new RoutingRule.Facts(order.category(), order.community(), order.grid(), order.channel(), order.urgency(),
                order.title(), order.description());
    }

    private Deadlines deadlinesFor(WorkOrder order, Instant now) {
        return deadlines.from(now, referenceData.category(order.category())
            .map(category -> category.serviceLevel(order.urgency()))
            .orElse(FALLBACK_LEVEL));
    }

    public WorkOrder.State find(UUID id) {
        return store.find(id).orElseThrow(() -> new WorkOrderNotFound(id.toString())).state();
    }

    public WorkOrder.State findByTrackingNumber(String trackingNumber) {
        return store.findByTrackingNumber(trackingNumber)
            .orElseThrow(() -> new WorkOrderNotFound("with tracking number " + trackingNumber))
            .state();
    }

    public WorkOrderStore.Page search(WorkOrderStore.Filter filter, WorkOrderStore.Position after, int page,
            int size) {
        return store.search(filter, after, page, size);
    }

    /**
     * The name a department's report of {@code type} (ACKNOWLEDGED, EXTENSION_REQUESTED…) is counted and keyed under
     * (acknowledged, extension-requested…): one name wherever a report's key is looked up.
     */
    public static String reportStep(String type) {
        return type.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public WorkOrder.State acknowledge(UUID id, String department, String key, Long ifVersion, String note) {
        return report(id, reportStep("ACKNOWLEDGED"), department, key, ifVersion,
                order -> order.acknowledge(department, note, clock.instant()));
    }

    public WorkOrder.State start(UUID id, String department, String key, Long ifVersion, String note) {
        return report(id, reportStep("STARTED"), department, key, ifVersion,
                order -> order.start(department, note, clock.instant()));
    }

    public WorkOrder.State resolve(UUID id, String department, String key, Long ifVersion, String note) {
        return report(id, reportStep("RESOLVED"), department, key, ifVersion,
                order -> order.resolve(department, note, clock.instant()));
    }

    /**
     * 退单: the department says why; the order goes back to the rules without the departments that returned it,
     * or waits for a dispatcher when no other department fits. One a dispatcher placed (dispatched or transferred
     * by hand) goes back to the dispatchers: the rules would undo their decision (a transfer away from the
     * department the rules chose, returned, went straight back to it). Every return is counted as a dispatch
     * objection.
     */
    public Returned returnOrder(UUID id, String department, String key, Long ifVersion, String reason) {
        // the last attempt that returned it: written if the store moved that order's version on (an attempt that
        // lost a race is retried, and then perhaps only answered, its key found)
        AtomicReference<WorkOrder> returning = new AtomicReference<>();
        AtomicReference<WorkOrder.State> asReturned = new AtomicReference<>();
        WorkOrder.State state = report(id, reportStep("RETURNED"), department, key, ifVersion, order -> {
            Instant now = clock.instant();
            boolean dispatchersDecide = order.placedByDispatcher();
            order.returnOrder(department, reason, now);
            returning.set(order);
            asReturned.set(order.state());
            if (dispatchersDecide) {
                return;
            }
            RouteDecision decision = router.decide(facts(order), Set.copyOf(order.returnedBy()));
            if (decision.routed()) {
                order.dispatch(decision.department(), decision.coDepartments(), deadlinesFor(order, now),
                        TimelineNotes.reroutedAfterReturn(department, decision.reason()), "routing", false, now);
            }
        });
        boolean written = returning.get() != null && returning.get().version() == asReturned.get().version() + 1;
        if (written) {
            meters.counter("onenet.routing.dispatch.objections", "department", department).increment();
        }
        return new Returned(state, written ? asReturned.get() : null);
    }

    /**
     * A department's return: the order as it stands (re-routed at once, perhaps to another department), and as it was
     * when the department returned it — {@code null} when the return was only answered, sent again under its key.
     */
    public record Returned(WorkOrder.State order, WorkOrder.State asReturned) {
    }

    public WorkOrder.State requestExtension(UUID id, String department, String key, Long ifVersion, Instant until,
            String reason) {
        return report(id, reportStep("EXTENSION_REQUESTED"), department, key, ifVersion,
                order -> order.requestExtension(department, until, reason, clock.instant(), deadlines.zone()));
    }

    /** A supervisor approves or refuses the extension a department asked for. */
    public WorkOrder.State decideExtension(UUID id, Step step, boolean approved, String note) {
        return report(id, approved ? "extension-approved" : "extension-refused", step.actor(), step.key(),
                step.ifVersion(),
                order -> order.decideExtension(approved, note, step.actor(), clock.instant(), deadlines.zone()));
    }

    /**
     * Who takes a person's step and how it was sent: {@code actor} as the timeline names them
     * ({@code dispatcher:<user>}); {@code key} the {@code Idempotency-Key} it came with (null: none) — a step sent
     * again under its key, by the same person, is answered with the order as it stands and taken once, as a
     * department's report is; {@code ifVersion} the version the person decided on ({@code If-Match}; null: any).
     */
    public record Step(String actor, String key, Long ifVersion) {
    }

    /** Moves the order up the supervision ladder if it is late enough; a no-op (and no write) otherwise. */
    public boolean escalate(UUID id, EscalationPolicy policy, Instant now) {
        return changeIf(id, "escalated", order -> {
            if (order.escalate(policy, now, deadlines.zone())) {
                return true;
            }
            // looked at early, or scheduled under other settings: due again only at its next level
            store.rescheduleEscalation(order);
            return false;
        });
    }

    /** An order a dispatcher may merge, with those of its likely duplicates it may still be merged into. */
    public record Mergeable(WorkOrder.State order, List<Duplicates.Candidate> candidates) {
    }

    /** A page of {@link Mergeable} orders. */
    public record MergeablePage(List<Mergeable> content, long totalElements) {
    }

    /**
     * The likely duplicates found when {@code order} arrived that are still open: those it may be merged into (one
     * closed, rejected or merged since would refuse the merge).
     */
    public List<Duplicates.Candidate> openCandidates(WorkOrder.State order) {
        List<Duplicates.Candidate> candidates = order.duplicates().candidates();
        return candidates.isEmpty() ? candidates
                : stillOpen(order, store.openAmong(candidates.stream().map(Duplicates.Candidate::id).toList()));
    }

    private static List<Duplicates.Candidate> stillOpen(WorkOrder.State order, Set<UUID> open) {
        return order.duplicates().candidates().stream().filter(candidate -> open.contains(candidate.id())).toList();
    }

    /**
     * Orders with likely duplicates that a dispatcher may still merge, newest first, with the candidates still open
     * ({@link #openCandidates}); an order none of whose candidates is still open is left out (and out of the total,
     * for this page's orders).
     */
    public MergeablePage duplicateCandidates(int page, int size) {
        WorkOrderStore.Page found = store.withDuplicateCandidates(page, size);
        Set<UUID> open = store.openAmong(found.content().stream()
            .flatMap(order -> order.duplicates().candidates().stream())
            .map(Duplicates.Candidate::id)
            .toList());
        List<Mergeable> mergeable = new ArrayList<>();
        for (WorkOrder.State order : found.content()) {
            List<Duplicates.Candidate> candidates = stillOpen(order, open);
            if (!candidates.isEmpty()) {
                mergeable.add(new Mergeable(order, candidates));
            }
        }
        return new MergeablePage(mergeable, found.totalElements() - (found.content().size() - mergeable.size()));
    }

    /** The original moved on: every duplicate merged into it follows (once per original event). */
    public int propagateToDuplicates(UUID originalId, String originalEventId, String originalStatus, String note) {
        int followed = 0;
        for (UUID duplicate : store.mergedInto(originalId)) {
            if (changeIf(duplicate, "followed-original",
                    order -> order.followOriginal(originalId, originalEventId, originalStatus, note, clock.instant()))) {
                followed++;
            }
        }
        return followed;
    }

    /**
     * Counts a step taken ({@code onenet.routing.transitions}) by step and by the department it concerns: the one
     * holding the order when it was taken (the department reporting, returning it, whose order is asked after …),
     * but for a dispatch or transfer the department it went to; {@code none} where no department held it (a
     * rejection in triage).
     */
    private void countTransition(String what, String heldBefore, WorkOrder order) {
        String department = what.equals("dispatched") || what.equals("transferred") ? order.department() : heldBefore;
        String tag = department == null ? "none" : department;
        meters.counter("onenet.routing.transitions", "step", what, "department", tag).increment();
    }

    /** Applies a step that may find nothing to do; writes (and publishes) only when it changed the order. */
    private boolean changeIf(UUID id, String what, java.util.function.Predicate<WorkOrder> step) {
        for (int attempt = 1;; attempt++) {
            Optional<WorkOrder> found = store.find(id);
            String heldBy = found.map(WorkOrder::department).orElse(null);
            if (found.isEmpty() || !step.test(found.get())) {
                return false;
            }
            try {
                store.update(found.get());
            }
            catch (ConcurrentChange ex) {
                if (attempt == ATTEMPTS) {
                    throw ex;
                }
                continue;
            }
            countTransition(what, heldBy, found.get());
            log.info("Work order {} {}: now {}", id, what, found.get().status());
            outbox.eventsPending(id);
            return true;
        }
    }

    public WorkOrder.State recordFeedback(UUID id, Step step, Satisfaction satisfaction, String comment) {
        return report(id, "feedback", step.actor(), step.key(), step.ifVersion(), order -> {
            Instant now = clock.instant();
            Deadlines reopened = referenceData.category(order.category())
                .map(category -> deadlines.from(now, category.serviceLevel(order.urgency())))
                .orElse(null);
            order.recordFeedback(satisfaction, comment, reopened, step.actor(), now);
        });
    }

    /** A dispatcher's decision; with {@code finalRuling} (终审) it binds: the department can't return it. */
    public WorkOrder.State dispatch(UUID id, Step step, String department, List<String> coDepartments,
            String note, boolean finalRuling) {
        requireDepartments(department, coDepartments);
        return report(id, "dispatched", step.actor(), step.key(), step.ifVersion(), order -> {
            Instant now = clock.instant();
            order.dispatch(department, coDepartments, deadlinesFor(order, now), note, step.actor(), finalRuling, now);
        });
    }

    /** 改派: from the department that has the order to another, with fresh deadlines. */
    public WorkOrder.State transfer(UUID id, Step step, String department, List<String> coDepartments,
            String reason, boolean finalRuling) {
        requireDepartments(department, coDepartments);
        return report(id, "transferred", step.actor(), step.key(), step.ifVersion(), order -> {
            Instant now = clock.instant();
            order.transfer(department, coDepartments, deadlinesFor(order, now), reason, step.actor(), finalRuling,
                    now);
        });
    }

    private void requireDepartments(String department, List<String> coDepartments) {
        if (!referenceData.hasDepartment(department)) {
            throw new UnknownDepartment("department", department);
        }
        for (int i = 0; i < coDepartments.size(); i++) {
            if (!referenceData.hasDepartment(coDepartments.get(i))) {
                throw new UnknownDepartment("coDepartments[" + i + "]", coDepartments.get(i));
            }
        }
    }

    /** 催办: an operator records that the requester asked after the order again. */
    public WorkOrder.State followUp(UUID id, Step step, String note) {
        return report(id, "followed-up", step.actor(), step.key(), step.ifVersion(),
                order -> order.followUp(note, step.actor(), clock.instant()));
    }

    public WorkOrder.State reject(UUID id, Step step, RejectionReason code, String reason) {
        return report(id, "rejected", step.actor(), step.key(), step.ifVersion(),
                order -> order.reject(code, reason, step.actor(), clock.instant()));
    }

    /**
     * 并单. The original is read afresh on every attempt and held as read ({@link WorkOrderStore#hold}) before the
     * duplicate is written: two dispatchers merging a pair into each other at once both succeeded before, each
     * order then merged into the other and out of every queue for good; now one of them finds the other changed,
     * reads it again, and is refused (it is merged).
     */
    public WorkOrder.State merge(UUID id, Step step, UUID into) {
        return report(id, "merged", step.actor(), step.key(), step.ifVersion(), order -> {
            WorkOrder original = store.find(into).orElseThrow(() -> new UnknownMergeTarget(into));
            order.mergeInto(original, step.actor(), clock.instant());
            store.hold(original.state());
        });
    }

    /**
     * A step a department reports or a person takes ({@code department}: the department, or the person as the
     * timeline names them); with the {@code Idempotency-Key} it was sent with ({@code key}, may be null), a step
     * already applied under that key by the same sender is answered with the order as it stands and changes nothing.
     * With {@code ifVersion} (the version the caller last saw, from {@code If-Match}), the step is taken only on that
     * version: an order changed since, before or while the step is applied, is refused ({@link OrderChanged}) rather
     * than the step applied to what the caller has not seen.
     */
    private WorkOrder.State report(UUID id, String what, String department, String key, Long ifVersion,
            Consumer<WorkOrder> step) {
        for (int attempt = 1;; attempt++) {
            WorkOrder order = store.find(id).orElseThrow(() -> new WorkOrderNotFound(id.toString()));
            if (key != null && order.reported(department, key, what)) {
                meters.counter("onenet.routing.reports.repeated", "step", what).increment();
                return order.state();
            }
            if (ifVersion != null && ifVersion != order.revision()) {
                meters.counter("onenet.routing.steps.outdated", "step", what).increment();
                throw new OrderChanged(id, ifVersion, order.state());
            }
            String heldBy = order.department();
            try {
                step.accept(order);
                if (key != null) {
                    order.rememberReport(department, key, what);
                }
                store.update(order);
            }
            catch (ConcurrentChange ex) {
                if (attempt == ATTEMPTS) {
                    throw ex;
                }
                meters.counter("onenet.routing.concurrent.retries").increment();
                pauseBefore(attempt + 1);
                continue;
            }
            countTransition(what, heldBy, order);
            log.info("Work order {} {}: now {}", id, what, order.status());
            outbox.eventsPending(id);
            return order.state();
        }
    }

    /**
     * A random pause, longer with each attempt, before trying a step again: two steps that each hold the order the
     * other writes (two merges of a pair into each other) otherwise kept failing each other in step until both ran
     * out of attempts.
     */
    private static void pauseBefore(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 4L << attempt));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a step", ex);
        }
    }
}
