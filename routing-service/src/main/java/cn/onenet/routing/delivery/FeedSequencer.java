package cn.onenet.routing.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import java.util.concurrent.atomic.AtomicLong;
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
 * The deliveries this instance stored are queued in memory, so the usual path touches documents by id only. One
 * turn at a time serves every target with deliveries waiting: one lease and reservation for all their feeds, one
 * write of all their positions, one release — four round trips, however many targets and deliveries. A sweep finds
 * what a crash left without a position.
 */
@Component
class FeedSequencer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedSequencer.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 200;

    private final DeliveryStore store;
    private final Clock clock;
    private final DeliverySettings settings;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicLong turns = new AtomicLong();
    private final Map<Target, Queue<String>> stored = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Set<Target> toScan = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    FeedSequencer(DeliveryStore store, Clock clock, DeliverySettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        // one thread: turns never overlap, so each takes all that waits
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "delivery-feed");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A delivery this instance stored (or found stored): it gets the next position of its target shortly. */
    void stored(Target target, String deliveryId) {
        stored.computeIfAbsent(target, key -> new ConcurrentLinkedQueue<>()).add(deliveryId);
        wake();
    }

    /** Tries again for deliveries whose target was leased by another instance. */
    @Scheduled(fixedDelayString = "${onenet.delivery.poll-interval:1s}", initialDelayString = "${onenet.delivery.poll-interval:1s}")
    void retry() {
        if (waiting()) {
            wake();
        }
    }

    private boolean waiting() {
        return stored.values().stream().anyMatch(deliveries -> !deliveries.isEmpty());
    }

    /** Finds deliveries left without a position by a crash between storing them and handing out positions. */
    @Scheduled(fixedDelayString = "${onenet.delivery.feed-sweep:10s}", initialDelayString = "${onenet.delivery.feed-sweep:10s}")
    void sweep() {
        if (!settings.enabled()) {
            return;
        }
        try {
            List<Target> found = store.withUnpositioned(500);
            toScan.addAll(found);
            if (!found.isEmpty()) {
                wake();
            }
        }
        catch (RuntimeException ex) {
            log.warn("Feed sweep failed (the next one tries again): {}", ex.toString());
        }
    }

    private void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                // a moment's wait lets the deliveries stored meanwhile share the turn's lease, reservation and write
                executor.schedule(() -> {
                    queued.set(false);
                    turn();
                }, settings.feedBatchDelay().toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (RejectedExecutionException ex) {
                queued.set(false);
            }
        }
    }

    private void turn() {
        Map<Target, Integer> reserve = new LinkedHashMap<>();
        stored.forEach((target, deliveries) -> {
            if (!deliveries.isEmpty()) {
                reserve.put(target, Math.min(deliveries.size(), BATCH));
            }
        });
        toScan.forEach(target -> reserve.putIfAbsent(target, 0));
        if (reserve.isEmpty()) {
            return;
        }
        String holder = owner + "/" + turns.incrementAndGet();
        Map<Target, Long> held = Map.of();
        boolean positioned = false;
        try {
            held = store.claimFeeds(reserve, holder, clock.instant(), LEASE);
            // the first block of each target, in one write; only this turn takes from the queues
            List<DeliveryStore.Positions> blocks = new ArrayList<>(held.size());
            held.forEach((target, last) -> {
                List<String> block = first(stored.get(target), reserve.get(target));
                if (!block.isEmpty()) {
                    blocks.add(new DeliveryStore.Positions(target, block, last + 1));
                }
            });
            Set<Target> lost = store.assignPositions(blocks);
            // what was stored after the claim waits for the next turn, a moment later
            for (DeliveryStore.Positions block : blocks) {
                if (!lost.contains(block.target())) {
                    Queue<String> deliveries = stored.get(block.target());
                    block.ids().forEach(id -> deliveries.poll());
                    positioned = true;
                }
            }
            for (Target target : held.keySet()) {
                if (lost.contains(target)) {
                    log.warn("The lease on {}'s feed ran out while its positions were given; they are given again", target);
                }
                else if (toScan.remove(target)) {
                    positionScanned(target, holder, held.get(target) + reserve.get(target));
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Feed positions not given out yet (tried again shortly): {}", ex.toString());
        }
        finally {
            release(held.keySet(), holder);
        }
        // more was stored meanwhile: the next turn shortly; a target held elsewhere, or a failure, waits for retry()
        if (positioned && waiting()) {
            wake();
        }
    }

    private static List<String> first(Queue<String> deliveries, int count) {
        List<String> block = new ArrayList<>(count);
        if (deliveries != null) {
            for (Iterator<String> next = deliveries.iterator(); next.hasNext() && block.size() < count;) {
                block.add(next.next());
            }
        }
        return block;
    }

    private void positionScanned(Target target, String holder, long last) {
        List<String> batch;
        do {
            batch = store.unpositioned(target, BATCH).stream().map(Delivery::id).toList();
            if (batch.isEmpty() || !store.reserveFeed(target, holder, last + batch.size())
                    || !store.assignPositions(List.of(new DeliveryStore.Positions(target, batch, last + 1))).isEmpty()) {
                return;
            }
            last += batch.size();
        }
        while (batch.size() == BATCH);
    }

    private void release(Set<Target> held, String holder) {
        try {
            store.releaseFeeds(held, holder);
        }
        catch (RuntimeException ex) {
            log.warn("Feed leases not given up (they run out in {}): {}", LEASE, ex.toString());
        }
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
