package cn.onenet.routing.delivery.persistence;

import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliveryState;
import cn.onenet.routing.delivery.Target;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/**
 * How a delivery is stored. {@code position} and {@code feedKey} ({@code <target>#<position>}, unique where
 * present) are written together when the feed position is given.
 */
record DeliveryDocument(@Id String id, String target, String eventId, String orderId, long sequence, String type,
        Instant occurredAt, String payload, DeliveryState state, int attempts, String lastError, Instant createdAt,
        Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt, Instant parkedAt, Long position,
        String feedKey, String correlationId, String traceparent) {

    static DeliveryDocument of(Delivery delivery) {
        return new DeliveryDocument(delivery.id(), delivery.target().toString(), delivery.eventId().toString(),
                delivery.orderId().toString(), delivery.sequence(), delivery.type(), delivery.occurredAt(),
                delivery.payload(), delivery.state(), delivery.attempts(), delivery.lastError(), delivery.createdAt(),
                delivery.lastAttemptAt(), delivery.nextAttemptAt(), delivery.deliveredAt(), delivery.parkedAt(),
                delivery.position(),
                delivery.position() == null ? null : feedKey(delivery.target(), delivery.position()),
                delivery.correlationId(), delivery.traceparent());
    }

    /** Zero-padded, so that keys compare like positions (which start at 1). */
    static String feedKey(Target target, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a feed position is positive: " + position);
        }
        String digits = Long.toString(position);
        return target + "#" + "0".repeat(19 - digits.length()) + digits;
    }

    Delivery toDelivery() {
        return new Delivery(id, Target.parse(target), UUID.fromString(eventId), UUID.fromString(orderId), sequence, type,
                occurredAt, payload, state, attempts, lastError, createdAt, lastAttemptAt, nextAttemptAt, deliveredAt,
                parkedAt, position, correlationId, traceparent);
    }
}
