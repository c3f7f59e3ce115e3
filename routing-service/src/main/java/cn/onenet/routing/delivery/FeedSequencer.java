package cn.onenet.routing.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives each target's deliveries their feed positions in the order they were stored. One holder per target at a
 * time (a lease on the target's feed document) reserves a block of positions and hands them out one after the
 * other, so a position becomes visible only after every lower one: a reader that has seen position n never later
 * finds a new entry at or below n, whichever instance stored it. (Positions taken from ObjectIds or clocks of
 * several writers can't promise that; a feed reader would silently skip entries.) Positions increase but may
 * have gaps.
 * <p>
 * The deliveries this instance stored are queued in memory, so the usual path touches documents by id only; a
 * sweep finds what a crash left without a position.
 */
@Component
class FeedSequencer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedSequencer.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 200;
    private static final long LEASE_LOST = -1;

    private final DeliveryStore store;
    private final Clock clock;
    private final DeliverySettings settings;
    private final String owner = UUID.randomUUID().toString();
    private final Map<Target, Queue<String>> stored = new ConcurrentHashMap<>();
    private final Map<Target, AtomicBoolean> queued = new ConcurrentHashMap<>();
    private final Set<Target> toScan = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    FeedSequencer(DeliveryStore store, Clock clock, DeliverySettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "delivery-feed-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A delivery this instance stored (or found stored): it gets the next position of its target shortly. */
    void stored(Target target, String deliveryId) {
        stored.computeIfAbsent(target, key -> new ConcurrentLinkedQueue<>()).add(deliveryId);
        wake(target);
    }

    /** Tries again for deliveries whose target was leased by another instance. */
    @Scheduled(fixedDelayString = "${onenet.delivery.poll-interval:1s}", initialDelayString = "${onenet.delivery.poll-interval:1s}")
    void retry() {
        stored.forEach((target, deliveries) -> {
            if (!deliveries.isEmpty()) {
                wake(target);
            }
        });
    }

    /** Finds deliveries left without a position by a crash between storing them and handing out positions. */
    @Scheduled(fixedDelayString = "${onenet.delivery.feed-sweep:10s}", initialDelayString = "${onenet.delivery.feed-sweep:10s}")
    void sweep() {
        if (!settings.enabled()) {
            return;
        }
        try {
            for (Target target : store.withUnpositioned(500)) {
                toScan.add(target);
                wake(target);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Feed sweep failed (the next one tries again): {}", ex.toString());
        }
    }

    private void wake(Target target) {
        AtomicBoolean flag = queued.computeIfAbsent(target, key -> new AtomicBoolean());
        if (flag.compareAndSet(false, true)) {
            try {
                // a moment's wait lets the deliveries stored meanwhile share one lease, one reservation, one write
                executor.schedule(() -> {
                    flag.set(false);
                    sequence(target);
                }, settings.feedBatchDelay().toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (RejectedExecutionException ex) {
                flag.set(false);
            }
        }
    }

    private void sequence(Target target) {
        try {
            Queue<String> mine = stored.get(target);
            int waiting = mine == null ? 0 : Math.min(mine.size(), BATCH);
            OptionalLong claimed = store.claimFeed(target, owner, clock.instant(), LEASE, waiting);
            if (claimed.isEmpty()) {
                return;
            }
            try {
                long last = claimed.getAsLong();
                if (mine != null) {
                    last = positionStored(target, mine, last, waiting);
                }
                if (last != LEASE_LOST && toScan.remove(target)) {
                    positionScanned(target, last);
                }
            }
            finally {
                store.releaseFeed(target, owner);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Feed positions of {} not given out yet (tried again shortly): {}", target, ex.toString());
        }
    }

    /**
     * Positions the queued deliveries after {@code last}, where the next {@code reserved} positions are reserved
     * already; answers the highest position reserved (one reserved but not used stays a gap).
     */
    private long positionStored(Target target, Queue<String> deliveries, long last, int reserved) {
        long reservedUpTo = last + reserved;
        while (!deliveries.isEmpty()) {
            List<String> batch = new ArrayList<>(BATCH);
            for (Iterator<String> next = deliveries.iterator(); next.hasNext() && batch.size() < BATCH;) {
                batch.add(next.next());
            }
            long upTo = last + batch.size();
            boolean held = upTo <= reservedUpTo || store.reserveFeed(target, owner, upTo);
            if (!held || !store.assignPositions(target, batch, last + 1)) {
                return LEASE_LOST;
            }
            reservedUpTo = Math.max(reservedUpTo, upTo);
            last = upTo;
            batch.forEach(id -> deliveries.poll());
        }
        return reservedUpTo;
    }

    private void positionScanned(Target target, long last) {
        List<String> batch;
        do {
            batch = store.unpositioned(target, BATCH).stream().map(Delivery::id).toList();
            if (batch.isEmpty() || !store.reserveFeed(target, owner, last + batch.size())
                    || !store.assignPositions(target, batch, last + 1)) {
                return;
            }
            last += batch.size();
        }
        while (batch.size() == BATCH);
    }

    @Override
    public void destroy() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
