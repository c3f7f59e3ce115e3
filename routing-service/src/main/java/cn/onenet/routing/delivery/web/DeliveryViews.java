package cn.onenet.routing.delivery.web;

import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliveryState;
import cn.onenet.routing.delivery.EventBodies;
import cn.onenet.routing.delivery.WebhookEndpoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Response bodies of the webhook, delivery and feed endpoints; the secret of an endpoint is never among them. */
final class DeliveryViews {

    record EndpointView(String target, String url, boolean enabled, boolean secretSet, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    record DeliveryView(String id, String target, String eventId, String type, String orderId, long sequence,
            OffsetDateTime occurredAt, DeliveryState state, int attempts, String lastError, OffsetDateTime createdAt,
            OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt,
            OffsetDateTime parkedAt, Long position, String correlationId, JsonNode event) {
    }

    /**
     * A page of the deliveries: {@code totalElements} counts every delivery the filters match; {@code next}, when
     * another page follows, is where it starts ({@code after=<next>}); null on the last.
     */
    record PageView<T>(List<T> content, int page, int size, long totalElements, String next) {
    }

    /** {@code requeued}: parked deliveries re-queued; {@code hurried}: pending ones attempted now, not later. */
    record RetryView(String target, int requeued, int hurried) {
    }

    record FeedEntry(long position, String deliveryId, String eventId, String type, String orderId, long sequence,
            OffsetDateTime occurredAt, JsonNode event) {
    }

    /** {@code nextCursor} is what to send as {@code cursor} next time: the last position read (or the one given). */
    record FeedView(String target, List<FeedEntry> items, String nextCursor) {
    }

    private final ZoneId zone;
    private final EventBodies bodies;

    DeliveryViews(ZoneId zone, EventBodies bodies) {
        this.zone = zone;
        this.bodies = bodies;
    }

    EndpointView endpoint(WebhookEndpoint endpoint) {
        return new EndpointView(endpoint.target().toString(), endpoint.url().toString(), endpoint.enabled(),
                endpoint.secret() != null && !endpoint.secret().isEmpty(), at(endpoint.createdAt()), at(endpoint.updatedAt()));
    }

    DeliveryView delivery(Delivery delivery) {
        return new DeliveryView(delivery.id(), delivery.target().toString(), delivery.eventId().toString(), delivery.type(),
                delivery.orderId().toString(), delivery.sequence(), at(delivery.occurredAt()), delivery.state(),
                delivery.attempts(), delivery.lastError(), at(delivery.createdAt()), at(delivery.lastAttemptAt()),
                at(delivery.nextAttemptAt()), at(delivery.deliveredAt()), at(delivery.parkedAt()), delivery.position(),
                delivery.correlationId(), event(delivery));
    }

    FeedEntry feedEntry(Delivery delivery) {
        return new FeedEntry(delivery.position(), delivery.id(), delivery.eventId().toString(), delivery.type(),
                delivery.orderId().toString(), delivery.sequence(), at(delivery.occurredAt()), event(delivery));
    }

    /** The event with its times in the district's zone, as the webhook body gives it. */
    private JsonNode event(Delivery delivery) {
        return bodies.event(delivery);
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
