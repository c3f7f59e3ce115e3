package cn.onenet.routing.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** What operators and pulling systems do with deliveries: look at them, re-queue parked ones, read a target's feed. */
@Service
public class Deliveries {

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

    public DeliveryStore.Page search(DeliveryState state, Target target, int page, int size) {
        return store.search(state, target, page, size);
    }

    /**
     * Re-queues a parked delivery with fresh attempts. It goes ahead of the order's later pending deliveries to
     * the same target; those already delivered while it was parked stay delivered (receivers order by
     * {@code sequence}).
     *
     * @throws DeliveryNotFound for an unknown id
     * @throws DeliveryNotParked when it is not parked
     */
    public Delivery retry(String id) {
        Instant now = clock.instant();
        Delivery requeued = store.requeue(id, now).orElseThrow(() -> new DeliveryNotParked(id, get(id).state()));
        store.touchStream(requeued.target(), requeued.orderId(), now);
        worker.wake(requeued.target());
        return requeued;
    }

    /** Re-queues the target's parked deliveries (up to {@value #MAX_RETRY_BATCH} a call); answers how many. */
    public int retryParked(Target target) {
        Instant now = clock.instant();
        int requeued = 0;
        for (Delivery parked : store.parked(target, MAX_RETRY_BATCH)) {
            if (store.requeue(parked.id(), now).isPresent()) {
                store.touchStream(target, parked.orderId(), now);
                requeued++;
            }
        }
        worker.wake(target);
        return requeued;
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
