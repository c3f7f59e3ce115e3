package cn.onenet.routing.delivery.web;

import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliveryState;
import cn.onenet.routing.delivery.WebhookEndpoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the webhook, delivery and feed endpoints; the secret of an endpoint is never among them. */
final class DeliveryViews {

    record EndpointView(String target, String url, boolean enabled, boolean secretSet, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    record DeliveryView(String id, String target, String eventId, String type, String orderId, long sequence,
            OffsetDateTime occurredAt, DeliveryState state, int attempts, String lastError, OffsetDateTime createdAt,
            OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt,
            OffsetDateTime parkedAt, Long position, JsonNode event) {
    }

    record PageView<T>(List<T> content, int page, int size, long totalElements) {
    }

    record RetryView(String target, int requeued) {
    }

    record FeedEntry(long position, String deliveryId, String eventId, String type, String orderId, long sequence,
            OffsetDateTime occurredAt, JsonNode event) {
    }

    /** {@code nextCursor} is what to send as {@code cursor} next time: the last position read (or the one given). */
    record FeedView(String target, List<FeedEntry> items, String nextCursor) {
    }

    private final ZoneId zone;
    private final JsonMapper json;

    DeliveryViews(ZoneId zone, JsonMapper json) {
        this.zone = zone;
        this.json = json;
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
                event(delivery));
    }

    FeedEntry feedEntry(Delivery delivery) {
        return new FeedEntry(delivery.position(), delivery.id(), delivery.eventId().toString(), delivery.type(),
                delivery.orderId().toString(), delivery.sequence(), at(delivery.occurredAt()), event(delivery));
    }

    private JsonNode event(Delivery delivery) {
        return delivery.payload() == null ? null : json.readTree(delivery.payload());
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
