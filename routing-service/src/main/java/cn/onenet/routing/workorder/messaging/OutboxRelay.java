package cn.onenet.routing.workorder.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.StoredTraces;
import cn.onenet.routing.workorder.OutboxSignal;
import cn.onenet.routing.workorder.OutboxStore;
import cn.onenet.routing.workorder.OutboxStore.Lease;
import cn.onenet.routing.workorder.OutboxStore.PendingEvent;
import cn.onenet.routing.workorder.OutboxStore.Published;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events kept in orders' outboxes to {@link Topics#REQUESTS_LIFECYCLE}, in order, and removes
 * them once the broker has acknowledged them. It is told at once when an order has new events; a sweep picks
 * up whatever a crash, a broker outage or a full queue left behind. The sweep looks at every order with events
 * pending, which costs a pass over the orders, so it runs at once (within {@code onenet.routing.outbox-sweep})
 * after something went wrong here — a failed or unacknowledged send, a full queue, this instance's start — and
 * otherwise every {@code onenet.routing.outbox-full-sweep}, for what another instance's crash left.
 *
 * <p>The orders told of wait in a queue; each relay thread takes all that wait (up to {@value #BATCH}) at once. A new
 * order's events come with it: the order was stored with them held under a lease of this relay's
 * ({@link #leaseForNewOrder}), so they need no claim (unless the lease ended while the order waited here). Orders
 * changed later are claimed in two round trips to the store. The thread sends all the batch's events without waiting
 * between them, waits once for the broker's acknowledgements and releases the orders in one round trip more (three
 * when an order got new events meanwhile). Claiming a lone order in one round trip (a find-and-modify) made the
 * batches smaller and the round trips more at 200/s: routing's consumers fell behind by 440–930 records for the first
 * 20–30 s, against 90 without. One order at a time cost a round trip to the broker per order: four threads then
 * published some 165 orders a second here, and above that rate the queue and the events' delay grew for as long as
 * the load lasted. A lease on each order keeps two relays (in one or several instances) from publishing the same
 * order at once. Delivery is at least once: consumers recognise a repeat by its event id and sequence.
 */
@Component
class OutboxRelay implements OutboxSignal, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final long SEND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Orders claimed and published together at most. */
    static final int BATCH = 200;
    private static final int QUEUE = 10_000;

    private final OutboxStore outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final StoredTraces traces;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicLong leases = new AtomicLong();
    private final BlockingQueue<Job> waiting = new LinkedBlockingQueue<>(QUEUE);
    private final List<Thread> relays = new ArrayList<>();
    private volatile boolean running = true;
    private final Counter published;
    private final Counter failures;
    private final DistributionSummary batches;
    private final Duration fullSweep;
    /** Something may have been left pending here: sweep now. True at start, for what a crash left. */
    private volatile boolean suspect = true;
    private volatile Instant lastSweep = Instant.MIN;
    /**
     * Until when the sweep runs at every tick: a batch that failed before its orders were released (the broker or the
     * store away) left them under this relay's lease, which no sweep takes until it ends; they are taken then, not at
     * the next full sweep (up to half a minute later: after a broker outage the last orders were told that late).
     */
    private volatile Instant sweepAtEveryTickUntil = Instant.MIN;

    OutboxRelay(OutboxStore outbox, KafkaTemplate<String, byte[]> kafka, EventCodec codec, StoredTraces traces,
            Clock clock, MeterRegistry meters, @Value("${onenet.routing.outbox-full-sweep:30s}") Duration fullSweep,
            @Value("${onenet.routing.outbox-relay-threads:2}") int relayThreads) {
        this.outbox = outbox;
        this.traces = traces;
        this.fullSweep = fullSweep;
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
        meters.gauge("onenet.routing.outbox.queued", waiting, BlockingQueue::size);
        this.published = meters.counter("onenet.routing.outbox.published");
        this.failures = meters.counter("onenet.routing.outbox.failures");
        this.batches = DistributionSummary.builder("onenet.routing.outbox.batch")
            .description("Orders a relay thread claimed and published together")
            .baseUnit("orders")
            .register(meters);
        for (int i = 1; i <= relayThreads; i++) {
            Thread relay = new Thread(this::relay, "outbox-relay-" + i);
            relay.setDaemon(true);
            relays.add(relay);
            relay.start();
        }
    }

    /**
     * An order for a relay thread: its events with the lease they are held under, or (both null) an order whose
     * events it claims first.
     */
    private record Job(UUID orderId, Lease lease, List<PendingEvent> events) {
    }

    /** Queued for a relay thread; if the queue is full the sweep publishes it instead, nothing is lost. */
    @Override
    public void eventsPending(UUID orderId) {
        if (!waiting.offer(new Job(orderId, null, null))) {
            suspect = true;
        }
    }

    /**
     * None once half the queue is taken: with a lease, an order left out of a full queue would wait for the lease to
     * end before the sweep could take it.
     */
    @Override
    public Lease leaseForNewOrder() {
        if (waiting.size() >= QUEUE / 2) {
            return null;
        }
        return new Lease(newLeaseToken(), clock.instant().plus(LEASE));
    }

    /** A token no other lease of this relay or any other instance has. */
    private String newLeaseToken() {
        return owner + "/" + leases.incrementAndGet();
    }

    /** Queued for a relay thread; if the queue is full the sweep publishes them once the lease has ended. */
    @Override
    public void eventsHeld(UUID orderId, Lease lease, List<PendingEvent> events) {
        if (!events.isEmpty() && !waiting.offer(new Job(orderId, lease, events))) {
            suspect = true;
        }
    }

    @Scheduled(fixedDelayString = "${onenet.routing.outbox-sweep:2s}", initialDelayString = "1s")
    void sweep() {
        Instant now = clock.instant();
        if (!suspect && now.isBefore(lastSweep.plus(fullSweep)) && now.isAfter(sweepAtEveryTickUntil)) {
            return;
        }
        if (waiting.size() >= BATCH) {
            return; // the relays are busy with what they were told of: sweep once they have caught up
        }
        suspect = false;
        lastSweep = now;
        List<UUID> pending = outbox.withPendingEvents(now, 500);
        if (pending.size() == 500) {
            suspect = true;
        }
        if (!pending.isEmpty()) {
            log.info("Outbox sweep: {} orders with unpublished events", pending.size());
            pending.forEach(this::eventsPending);
        }
    }

    private void relay() {
        while (running) {
            try {
                Job first = waiting.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Job> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch, BATCH - 1);
                publish(batch);
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    /**
     * Claims the orders that need it, publishes every order's events and releases the orders; queues again those that
     * got new events meanwhile.
     */
    private void publish(List<Job> batch) {
        try {
            Map<UUID, Held> held = new LinkedHashMap<>();
            Set<UUID> toClaim = new LinkedHashSet<>();
            Instant now = clock.instant();
            for (Job job : batch) {
                // a lease that ended while the order waited here may be another relay's by now: claim it again
                if (job.lease() != null && job.lease().until().isAfter(now)) {
                    held.put(job.orderId(), new Held(job.lease().token(), job.events()));
                }
                else {
                    toClaim.add(job.orderId());
                }
            }
            // an order held here already is released below, and queued again if it has more events
            toClaim.removeAll(held.keySet());
            if (!toClaim.isEmpty()) {
                String lease = newLeaseToken();
                outbox.claim(toClaim, lease, now, LEASE)
                    .forEach((orderId, events) -> held.put(orderId, new Held(lease, events)));
            }
            if (held.isEmpty()) {
                return;
            }
            batches.record(held.size());
            Map<UUID, Published> acknowledged = publish(held);
            Set<UUID> complete = new HashSet<>();
            acknowledged.forEach((orderId, sent) -> {
                if (!sent.eventIds().isEmpty() && sent.eventIds().size() == held.get(orderId).events().size()) {
                    complete.add(orderId);
                }
            });
            if (complete.size() < held.size()) {
                suspect = true; // the sweep retries what the broker did not take
            }
            for (UUID orderId : outbox.release(acknowledged)) {
                if (complete.contains(orderId)) {
                    eventsPending(orderId); // events made while its earlier ones were sent
                }
            }
        }
        catch (RuntimeException ex) {
            suspect = true;
            // the leases this batch took (LEASE from now at the latest) end unreleased: sweep until they have
            sweepAtEveryTickUntil = clock.instant().plus(LEASE).plusSeconds(1);
            failures.increment();
            log.warn("Events of {} orders not published yet (the sweep retries): {}", batch.size(), ex.toString());
        }
    }

    /** An order's events this relay holds, and the lease it holds them under. */
    private record Held(String lease, List<PendingEvent> events) {
    }

    /**
     * Sends every order's events in order, all before waiting for any acknowledgement, and waits for them; answers
     * per order the ids the broker has, a prefix of its events, with the lease they are held under.
     */
    private Map<UUID, Published> publish(Map<UUID, Held> held) {
        Map<UUID, List<CompletableFuture<SendResult<String, byte[]>>>> sends = new LinkedHashMap<>();
        held.forEach((orderId, order) -> {
            List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>();
            for (PendingEvent event : order.events()) {
                // sent within the trace of the change that made the event: one trace from the channel's POST to dispatch
                sent.add(traces.within(event.traceparent(), "outbox publish",
                        () -> kafka.send(codec.record(Topics.REQUESTS_LIFECYCLE, event.key(), event.type(), event.eventId(),
                                event.payload(), event.correlationId()))));
            }
            sends.put(orderId, sent);
        });
        long deadline = System.nanoTime() + SEND_TIMEOUT_NANOS;
        Map<UUID, Published> acknowledged = new LinkedHashMap<>();
        int refused = 0;
        String firstRefusal = null;
        for (Map.Entry<UUID, List<CompletableFuture<SendResult<String, byte[]>>>> order : sends.entrySet()) {
            List<PendingEvent> events = held.get(order.getKey()).events();
            List<CompletableFuture<SendResult<String, byte[]>>> sent = order.getValue();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    ids.add(events.get(i).eventId());
                    published.increment();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
                catch (Exception ex) {
                    failures.increment();
                    refused++;
                    firstRefusal = firstRefusal != null ? firstRefusal : events.get(i).eventId() + ": " + ex;
                    break;
                }
            }
            acknowledged.put(order.getKey(), new Published(held.get(order.getKey()).lease(), ids));
        }
        if (refused > 0) {
            // one line for the batch: a broker outage refuses every order of it
            log.warn("Broker did not acknowledge the events of {} orders (the sweep retries them); first, event {}",
                    refused, firstRefusal);
        }
        return acknowledged;
    }

    /** Lets the batches under way finish (10 s at most in all): their events are then not published twice. */
    @Override
    public void destroy() {
        running = false;
        long deadline = System.nanoTime() + SEND_TIMEOUT_NANOS;
        for (Thread relay : relays) {
            try {
                relay.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
