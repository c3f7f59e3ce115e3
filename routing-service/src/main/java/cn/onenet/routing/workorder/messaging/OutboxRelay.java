package cn.onenet.routing.workorder.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.StoredTraces;
import cn.onenet.routing.workorder.OutboxSignal;
import cn.onenet.routing.workorder.OutboxStore;
import cn.onenet.routing.workorder.OutboxStore.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * up whatever a crash, a broker outage or a busy queue left behind. The sweep looks at every order with events
 * pending, which costs a pass over the orders, so it runs at once (within {@code onenet.routing.outbox-sweep})
 * after something went wrong here — a failed or unacknowledged send, a full queue, this instance's start — and
 * otherwise every {@code onenet.routing.outbox-full-sweep}, for what another instance's crash left. A lease on the order keeps two relays (in
 * one or several instances) from publishing the same order at once. Delivery is at least once: consumers
 * recognise a repeat by its event id and sequence.
 */
@Component
class OutboxRelay implements OutboxSignal, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final OutboxStore outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final StoredTraces traces;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final ExecutorService executor;
    private final Counter published;
    private final Counter failures;
    private final Duration fullSweep;
    /** Something may have been left pending here: sweep now. True at start, for what a crash left. */
    private volatile boolean suspect = true;
    private volatile Instant lastSweep = Instant.MIN;

    OutboxRelay(OutboxStore outbox, KafkaTemplate<String, byte[]> kafka, EventCodec codec, StoredTraces traces,
            Clock clock, MeterRegistry meters, @Value("${onenet.routing.outbox-full-sweep:30s}") Duration fullSweep,
            @Value("${onenet.routing.outbox-relay-threads:4}") int relayThreads) {
        this.outbox = outbox;
        this.traces = traces;
        this.fullSweep = fullSweep;
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // each thread mostly waits (for the store twice and for the broker's acknowledgement once per order); how
        // many orders wait for a thread is the gauge below
        ThreadPoolExecutor pool = new ThreadPoolExecutor(relayThreads, relayThreads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(10_000), task -> {
            Thread thread = new Thread(task, "outbox-relay-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (task, full) -> suspect = true);
        this.executor = pool;
        meters.gauge("onenet.routing.outbox.queued", pool, waiting -> waiting.getQueue().size());
        this.published = meters.counter("onenet.routing.outbox.published");
        this.failures = meters.counter("onenet.routing.outbox.failures");
    }

    /** Queued for a relay thread; if the queue is full the sweep publishes it instead, nothing is lost. */
    @Override
    public void eventsPending(UUID orderId) {
        executor.execute(() -> drain(orderId));
    }

    @Scheduled(fixedDelayString = "${onenet.routing.outbox-sweep:2s}", initialDelayString = "1s")
    void sweep() {
        Instant now = clock.instant();
        if (!suspect && now.isBefore(lastSweep.plus(fullSweep))) {
            return;
        }
        suspect = false;
        lastSweep = now;
        List<UUID> pending = outbox.withPendingEvents(now, 500);
        if (pending.size() == 500) {
            suspect = true;
        }
        if (!pending.isEmpty()) {
            log.info("Outbox sweep: {} orders with unpublished events", pending.size());
            pending.forEach(this::drain);
        }
    }

    void drain(UUID orderId) {
        try {
            boolean more = true;
            while (more) {
                Optional<List<PendingEvent>> claimed = outbox.claim(orderId, owner, clock.instant(), LEASE);
                if (claimed.isEmpty()) {
                    return;
                }
                List<String> sent = publish(claimed.get());
                if (sent.size() < claimed.get().size()) {
                    suspect = true;
                }
                more = outbox.release(orderId, owner, sent) && sent.size() == claimed.get().size();
            }
        }
        catch (RuntimeException ex) {
            suspect = true;
            failures.increment();
            log.warn("Events of order {} not published yet (the sweep retries): {}", orderId, ex.toString());
        }
    }

    /** Sends in order and waits for the acknowledgements; answers the ids the broker has, a prefix of the list. */
    private List<String> publish(List<PendingEvent> events) {
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        for (PendingEvent event : events) {
            // sent within the trace of the change that made the event: one trace from the channel's POST to dispatch
            sends.add(traces.within(event.traceparent(), "outbox publish",
                    () -> kafka.send(codec.record(Topics.REQUESTS_LIFECYCLE, event.key(), event.type(), event.eventId(),
                            event.payload(), event.correlationId()))));
        }
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                acknowledged.add(events.get(i).eventId());
                published.increment();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (Exception ex) {
                failures.increment();
                log.warn("Broker did not acknowledge event {}: {}", events.get(i).eventId(), ex.toString());
                break;
            }
        }
        return acknowledged;
    }

    @Override
    public void destroy() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
