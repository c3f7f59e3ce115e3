package cn.onenet.routing.workorder;

import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.reference.ServiceLevel;
import cn.onenet.routing.sla.DeadlineCalculator;
import cn.onenet.routing.sla.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
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
    private final DeadlineCalculator deadlines;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer acceptToDispatch;

    WorkOrderService(WorkOrderStore store, OutboxSignal outbox, ReferenceData referenceData, DeadlineCalculator deadlines,
            Clock clock, MeterRegistry meters) {
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
        WorkOrder order = WorkOrder.receive(submitted, now);
        Optional<Category> category = referenceData.category(submitted.category());
        Optional<String> department = category.flatMap(Category::responsibleDepartment).filter(referenceData::hasDepartment);
        if (department.isPresent()) {
            order.dispatch(department.get(), deadlines.from(now, category.get().serviceLevel(order.urgency())),
                    null, "routing", now);
        }
        else {
            order.sendToTriage(category.isEmpty() ? "category " + submitted.category() + " is not in the catalogue"
                    : "no department is responsible for category " + submitted.category(), now);
        }
        if (!store.insert(order)) {
            meters.counter("onenet.routing.submissions.duplicate").increment();
            log.info("Request {} is already a work order; duplicate submission ignored", submitted.requestId());
            return;
        }
        meters.counter("onenet.routing.orders.created", "channel", submitted.channel().name(), "outcome",
                order.status().name()).increment();
        if (department.isPresent()) {
            acceptToDispatch.record(Duration.between(submitted.acceptedAt(), now).abs());
        }
        log.info("Work order {} created: {} {}", order.id(), order.status(), department.orElse(""));
        outbox.eventsPending(order.id());
    }

    public WorkOrder.State find(UUID id) {
        return store.find(id).orElseThrow(() -> new WorkOrderNotFound(id.toString())).state();
    }

    public WorkOrder.State findByTrackingNumber(String trackingNumber) {
        return store.findByTrackingNumber(trackingNumber)
            .orElseThrow(() -> new WorkOrderNotFound("with tracking number " + trackingNumber))
            .state();
    }

    public WorkOrderStore.Page search(WorkOrderStore.Filter filter, int page, int size) {
        return store.search(filter, page, size);
    }

    public WorkOrder.State acknowledge(UUID id, String department, String note) {
        return change(id, "acknowledged", order -> order.acknowledge(department, note, clock.instant()));
    }

    public WorkOrder.State start(UUID id, String department, String note) {
        return change(id, "started", order -> order.start(department, note, clock.instant()));
    }

    public WorkOrder.State resolve(UUID id, String department, String note) {
        return change(id, "resolved", order -> order.resolve(department, note, clock.instant()));
    }

    public WorkOrder.State returnOrder(UUID id, String department, String reason) {
        return change(id, "returned", order -> order.returnOrder(department, reason, clock.instant()));
    }

    public WorkOrder.State requestExtension(UUID id, String department, Instant until, String reason) {
        return change(id, "extension-requested", order -> order.requestExtension(department, until, reason, clock.instant()));
    }

    public WorkOrder.State recordFeedback(UUID id, Satisfaction satisfaction, String comment) {
        return change(id, "feedback", order -> {
            Instant now = clock.instant();
            Deadlines reopened = referenceData.category(order.category())
                .map(category -> deadlines.from(now, category.serviceLevel(order.urgency())))
                .orElse(null);
            order.recordFeedback(satisfaction, comment, reopened, "callback", now);
        });
    }

    public WorkOrder.State dispatch(UUID id, String department, String note) {
        if (!referenceData.hasDepartment(department)) {
            throw new UnknownDepartment("department", department);
        }
        return change(id, "dispatched", order -> {
            Instant now = clock.instant();
            Deadlines due = referenceData.category(order.category())
                .map(category -> deadlines.from(now, category.serviceLevel(order.urgency())))
                .orElseGet(() -> deadlines.from(now, FALLBACK_LEVEL));
            order.dispatch(department, due, note, "dispatcher", now);
        });
    }

    public WorkOrder.State reject(UUID id, String reason) {
        return change(id, "rejected", order -> order.reject(reason, "dispatcher", clock.instant()));
    }

    public WorkOrder.State merge(UUID id, UUID into) {
        WorkOrder original = store.find(into).orElseThrow(() -> new UnknownMergeTarget(into));
        return change(id, "merged", order -> order.mergeInto(original, "dispatcher", clock.instant()));
    }

    private WorkOrder.State change(UUID id, String what, Consumer<WorkOrder> step) {
        for (int attempt = 1;; attempt++) {
            WorkOrder order = store.find(id).orElseThrow(() -> new WorkOrderNotFound(id.toString()));
            step.accept(order);
            try {
                store.update(order);
            }
            catch (ConcurrentChange ex) {
                if (attempt == ATTEMPTS) {
                    throw ex;
                }
                meters.counter("onenet.routing.concurrent.retries").increment();
                continue;
            }
            meters.counter("onenet.routing.transitions", "step", what).increment();
            log.info("Work order {} {}: now {}", id, what, order.status());
            outbox.eventsPending(id);
            return order.state();
        }
    }
}
