package cn.onenet.routing.delivery;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.requests.ExtensionDecided;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestEscalated;
import cn.onenet.contracts.requests.RequestFollowedUp;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.RequestMerged;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.contracts.requests.RequestReopened;
import cn.onenet.contracts.requests.RequestReturned;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns lifecycle events into deliveries: every event of an order goes to the channel it came from; a dispatch
 * (to the lead and every co-department), a reopening (to both too), an escalation and an extension decision go to
 * the department concerned, and a step that takes the order from departments (a transfer, a return, a rejection, a
 * merge) to each of them, so that no department's system goes on working an order that is no longer its own. It only
 * stores them — sending is the worker's job — so a slow endpoint never holds up the topic.
 * Idempotent: a redelivered event finds its deliveries and adds none.
 */
@Service
public class DeliveryPlanner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPlanner.class);
    private static final int RECENT_ORDERS = 20_000;

    /**
     * An event as read from the topic: the record, its wire type, its JSON exactly as published, and the correlation
     * id and W3C {@code traceparent} its record carried (either may be null).
     */
    public record Published(RequestLifecycleEvent event, String type, String payload, String correlationId,
            String traceparent) {
    }

    private final DeliveryStore store;
    private final WorkOrderStore workOrders;
    private final EndpointDirectory directory;
    private final DeliveryWorker worker;
    private final FeedSequencer sequencer;
    private final Clock clock;
    /** Order → channel of the orders seen last (an order's events come close together); else the order says. */
    private final Map<UUID, Channel> channels = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Channel> eldest) {
            return size() > RECENT_ORDERS;
        }
    });

    DeliveryPlanner(DeliveryStore store, WorkOrderStore workOrders, EndpointDirectory directory, DeliveryWorker worker,
            FeedSequencer sequencer, Clock clock) {
        this.store = store;
        this.workOrders = workOrders;
        this.directory = directory;
        this.worker = worker;
        this.sequencer = sequencer;
        this.clock = clock;
    }

    /** Stores the deliveries of a batch of events (in one write when none of them is a repeat). */
    public void plan(List<Published> events) {
        Instant now = clock.instant();
        List<Delivery> deliveries = new ArrayList<>();
        for (Published published : events) {
            RequestLifecycleEvent event = published.event();
            for (Target target : targetsOf(event)) {
                boolean push = directory.find(target).isPresent();
                deliveries.add(Delivery.create(target, event.eventId(), event.requestId(), event.sequence(), published.type(),
                        event.occurredAt(), published.payload(), push ? DeliveryState.PENDING : DeliveryState.PULL_ONLY,
                        published.correlationId(), published.traceparent(), now));
            }
        }
        store.addAll(deliveries);
        // the next steps also for deliveries that were there already: the first try may have died before them
        for (Delivery delivery : deliveries) {
            if (delivery.state() == DeliveryState.PENDING) {
                store.touchStream(delivery.target(), delivery.orderId(), now);
                worker.wake(delivery.target());
            }
            sequencer.stored(delivery.target(), delivery.id());
        }
    }

    private Set<Target> targetsOf(RequestLifecycleEvent event) {
        // a closing goes to the departments that handled the order: read once, it also tells the channel
        WorkOrder.State closed = event instanceof RequestClosed
                ? workOrders.find(event.requestId()).map(WorkOrder::state).orElse(null) : null;
        if (closed != null) {
            channels.put(closed.id(), closed.channel());
        }
        Set<Target> targets = new LinkedHashSet<>();
        channelOf(event).map(Target::channel).ifPresent(targets::add);
        for (String code : departmentsOf(event, closed)) {
            targets.add(Target.department(code));
        }
        return targets;
    }

    private Optional<Channel> channelOf(RequestLifecycleEvent event) {
        UUID orderId = event.requestId();
        if (event instanceof RequestReceived received) {
            channels.put(orderId, received.channel());
            return Optional.of(received.channel());
        }
        Channel known = channels.get(orderId);
        if (known != null) {
            return Optional.of(known);
        }
        // its RequestReceived was read by another instance, or long ago: the order itself knows
        Optional<Channel> fromOrder = workOrders.find(orderId).map(order -> order.state().channel());
        fromOrder.ifPresentOrElse(channel -> channels.put(orderId, channel),
                () -> log.warn("Order {} is unknown: event {} goes to no channel", orderId, event.eventId()));
        return fromOrder;
    }

    /** {@code closed}: the order a {@link RequestClosed} closed, as stored (null for other events, or unknown). */
    private static Set<String> departmentsOf(RequestLifecycleEvent event, WorkOrder.State closed) {
        Set<String> departments = new LinkedHashSet<>();
        if (closed != null) {
            // the callback's outcome (满意/不满意) to the departments that handled the order: they never heard the
            // order was closed, and kept it open in their own systems
            departments.add(closed.department());
            addAll(departments, closed.coDepartments());
        }
        else if (event instanceof RequestDispatched dispatched) {
            departments.add(dispatched.department());
            if (dispatched.coDepartments() != null) {
                departments.addAll(dispatched.coDepartments());
            }
            // a transfer (改派) also tells the departments the order was taken from
            departments.add(dispatched.transferredFrom());
            addAll(departments, dispatched.releasedDepartments());
        }
        else if (event instanceof RequestRejected rejected) {
            addAll(departments, rejected.releasedDepartments());
        }
        else if (event instanceof RequestMerged merged) {
            addAll(departments, merged.releasedDepartments());
        }
        else if (event instanceof RequestReturned returned) {
            addAll(departments, returned.releasedDepartments());
        }
        else if (event instanceof RequestReopened reopened) {
            departments.add(reopened.department());
            addAll(departments, reopened.coDepartments());
        }
        else if (event instanceof RequestEscalated escalated) {
            departments.add(escalated.department());
        }
        else if (event instanceof ExtensionDecided decided) {
            departments.add(decided.department());
        }
        else if (event instanceof RequestFollowedUp followedUp) {
            // 催办: the department holding the order hears the requester is waiting (none while no one holds it)
            departments.add(followedUp.department());
        }
        departments.remove(null);
        departments.removeIf(String::isBlank);
        return departments;
    }

    private static void addAll(Set<String> departments, List<String> released) {
        if (released != null) {
            departments.addAll(released);
        }
    }
}
