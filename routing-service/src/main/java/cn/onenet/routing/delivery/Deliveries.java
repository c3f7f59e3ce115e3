package cn.onenet.routing.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What operators and pulling systems do with deliveries: look at them, retry them (re-queue parked ones, hurry
 * pending ones), read a target's feed. Each retry is logged with who asked.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    static final int MAX_RETRY_BATCH = 1000;

    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final Clock clock;

    Deliveries(DeliveryStore store, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    public Delivery get(String id) {
        return store.find(id).orElseThrow(() -> new DeliveryNotFound(id));
    }

    public DeliveryStore.Page search(DeliveryState state, Target target, DeliveryStore.Position after, int page,
            int size) {
        return store.search(state, target, after, page, size);
    }

    /** What a target's retry did: deliveries re-queued from parked, and pending ones whose wait was cut short. */
    public record Retried(int requeued, int hurried) {
    }

    /**
     * Retries one delivery. A parked one is re-queued with fresh attempts: it goes ahead of the order's later pending
     * deliveries to the same target; those already delivered while it was parked stay delivered (receivers order by
     * {@code sequence}). A pending one waiting out its backoff is attempted now, and so are the order's earlier
     * pending deliveries to the target, which still go first: the order's deliveries stay strictly in sequence.
     *
     * @param actor who asked, for the log line
     * @throws DeliveryNotFound for an unknown id
     * @throws DeliveryNotRetryable when it is delivered or was never pushed
     */
    public Delivery retry(String id, String actor) {
        Instant now = clock.instant();
        Optional<Delivery> requeued = store.requeue(id, now);
        if (requeued.isPresent()) {
            Delivery delivery = requeued.get();
            store.touchStream(delivery.target(), delivery.orderId(), now);
            worker.wake(delivery.target());
            log.info("Delivery {} of {} (order {}, sequence {}) to {} re-queued from parked by {}", delivery.id(),
                    delivery.type(), delivery.orderId(), delivery.sequence(), delivery.target(), actor);
            return delivery;
        }
        Delivery delivery = get(id);
        if (delivery.state() != DeliveryState.PENDING) {
            throw new DeliveryNotRetryable(id, delivery.state());
        }
        int hurried = hurry(store.waiting(delivery.target(), delivery.orderId(), delivery.sequence(), now,
                MAX_RETRY_BATCH), now, new LinkedHashSet<>());
        store.touchStream(delivery.target(), delivery.orderId(), now);
        worker.wake(delivery.target());
        log.info("Delivery {} of {} (order {}, sequence {}) to {} hurried by {}: {} pending of the order up to it"
                + " brought forward to now", delivery.id(), delivery.type(), delivery.orderId(), delivery.sequence(),
                delivery.target(), actor, hurried);
        return store.find(id).orElse(delivery);
    }

    /**
     * Retries the target's deliveries (up to {@value #MAX_RETRY_BATCH} of each kind a call), e.g. once its endpoint
     * is fixed: the parked ones are re-queued with fresh attempts, and the pending ones waiting out a backoff are
     * attempted now (each order's still strictly in sequence).
     *
     * @param actor who asked, for the log line
     */
    public Retried retryAll(Target target, String actor) {
        Instant now = clock.instant();
        Set<UUID> orders = new LinkedHashSet<>();
        int requeued = 0;
        for (Delivery parked : store.parked(target, MAX_RETRY_BATCH)) {
            if (store.requeue(parked.id(), now).isPresent()) {
                orders.add(parked.orderId());
                requeued++;
            }
        }
        int hurried = hurry(store.waiting(target, null, Long.MAX_VALUE, now, MAX_RETRY_BATCH), now, orders);
        orders.forEach(order -> store.touchStream(target, order, now));
        worker.wake(target);
        log.info("Deliveries to {} retried by {}: {} re-queued from parked, {} pending brought forward to now", target,
                actor, requeued, hurried);
        return new Retried(requeued, hurried);
    }

    /** Brings the next attempt of each delivery forward to now; answers how many were still waiting. */
    private int hurry(List<Delivery> waiting, Instant now, Set<UUID> orders) {
        int hurried = 0;
        for (Delivery delivery : waiting) {
            if (store.hurry(delivery.id(), now)) {
                orders.add(delivery.orderId());
                hurried++;
            }
        }
        return hurried;
    }

    /** The target's events after {@code cursor}, in order; an entry appears once it has its position. */
    public List<Delivery> feed(Target target, long cursor, int limit) {
        return store.feed(target, cursor, limit);
    }

    /** The last position the target's feed has given out: no cursor it answered lies beyond it. */
    public long feedHead(Target target) {
        return store.feedHead(target);
    }
}
