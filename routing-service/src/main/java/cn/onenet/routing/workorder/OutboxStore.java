package cn.onenet.routing.workorder;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The events each order still has to publish, kept in the order's own document until the broker has them. */
public interface OutboxStore {

    /**
     * A serialized lifecycle event waiting to be published, with the correlation id and the trace
     * ({@code traceparent}, null if none) of the change that made it.
     */
    record PendingEvent(String eventId, String type, String key, byte[] payload, String correlationId,
            String traceparent) {
    }

    /**
     * A hold on an order's pending events until {@code until}: while it lasts only its holder publishes them.
     * {@code token} is the holder's and no other hold's.
     */
    record Lease(String token, Instant until) {
    }

    /** What a relay got acknowledged of one order it held under {@code lease}: the ids, a prefix of its events. */
    record Published(String lease, List<String> eventIds) {
    }

    /**
     * Takes the pending events of those of {@code orderIds} that have some and no live lease, for {@code duration},
     * under the lease {@code lease} (a token no other claim uses), so no other relay (in this or another instance)
     * publishes them meanwhile. Answers each order claimed with its events, in the order they were made; orders
     * with nothing pending or leased elsewhere are left out.
     */
    Map<UUID, List<PendingEvent>> claim(Collection<UUID> orderIds, String lease, Instant now, Duration duration);

    /**
     * Removes each order's published events (its key; the ids of those the broker has) and gives up its lease, for
     * the orders still held under the lease named; answers the orders that still have events pending: ones not
     * published, made meanwhile, or held by another lease now.
     */
    Set<UUID> release(Map<UUID, Published> published);

    /** Orders with events pending and no live lease, oldest first. */
    List<UUID> withPendingEvents(Instant now, int limit);
}
