package cn.onenet.routing.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One lifecycle event for one target: pushed to the target's webhook (when it has one) and listed in the
 * target's feed. Its id is derived from the event id and the target, so a redelivered Kafka record finds the
 * delivery it already made. {@code payload} is the event exactly as published; {@code position} orders the
 * target's feed and is set shortly after the delivery is stored. {@code correlationId} and {@code traceparent} are
 * those the event's record carried (null when it carried none, and for deliveries stored before they were kept):
 * every attempt is logged under the correlation id and sent with it, and continues the trace.
 */
public record Delivery(String id, Target target, UUID eventId, UUID orderId, long sequence, String type,
        Instant occurredAt, String payload, DeliveryState state, int attempts, String lastError, Instant createdAt,
        Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt, Instant parkedAt, Long position,
        String correlationId, String traceparent) {

    /** The id of the delivery of {@code eventId} to {@code target}: the same every time it is computed. */
    public static String idOf(UUID eventId, Target target) {
        return UUID.nameUUIDFromBytes((eventId + "|" + target).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Delivery create(Target target, UUID eventId, UUID orderId, long sequence, String type, Instant occurredAt,
            String payload, DeliveryState state, String correlationId, String traceparent, Instant now) {
        return new Delivery(idOf(eventId, target), target, eventId, orderId, sequence, type, occurredAt, payload, state,
                0, null, now, null, state == DeliveryState.PENDING ? now : null, null, null, null, correlationId,
                traceparent);
    }
}
