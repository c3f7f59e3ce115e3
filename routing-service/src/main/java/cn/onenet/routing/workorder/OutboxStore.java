package cn.onenet.routing.workorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
     * Takes the order's pending events for {@code lease}, so no other relay (in this or another instance)
     * publishes them meanwhile. Empty when there is nothing pending or another relay holds the lease.
     */
    Optional<List<PendingEvent>> claim(UUID orderId, String owner, Instant now, Duration lease);

    /** Removes the published events and gives up the lease; answers whether events are still pending. */
    boolean release(UUID orderId, String owner, List<String> publishedEventIds);

    /** Orders with events pending and no live lease, oldest first. */
    List<UUID> withPendingEvents(Instant now, int limit);
}
