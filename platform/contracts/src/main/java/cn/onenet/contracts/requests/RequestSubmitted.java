package cn.onenet.contracts.requests;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import java.time.Instant;
import java.util.UUID;

/** A request accepted in the one window and durably written to the log. */
public record RequestSubmitted(
        UUID eventId,
        UUID requestId,
        String trackingNumber,
        Channel channel,
        String externalId,
        String idempotencyKey,
        String category,
        String title,
        String description,
        Urgency urgency,
        Location location,
        Requester requester,
        Instant acceptedAt) implements SubmissionEvent {
}
