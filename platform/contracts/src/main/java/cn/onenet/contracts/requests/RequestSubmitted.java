package cn.onenet.contracts.requests;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import java.time.Instant;
import java.util.UUID;

/**
 * A request accepted in the one window and durably written to the log.
 *
 * <p>{@code takenBy} names the operator who took a {@code HOTLINE} call (the user name in their token); it is
 * {@code null} for requests a channel system submitted and in events written before it existed.
 *
 * <p>{@code title} and {@code description} carry no phone or resident ID number in clear: intake masks those it finds
 * ({@code 139****0000}). Only when it masked something, {@code titleSealed} / {@code descriptionSealed} carry the text
 * as submitted, sealed ({@code pii:v1:…}), for an audited clear read; {@code null} otherwise and in events written
 * before free text was masked.
 */
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
        Instant acceptedAt,
        String takenBy,
        String titleSealed,
        String descriptionSealed) implements SubmissionEvent {

    /** A request whose free text held nothing to mask, as events were before the sealed originals. */
    public RequestSubmitted(UUID eventId, UUID requestId, String trackingNumber, Channel channel, String externalId,
            String idempotencyKey, String category, String title, String description, Urgency urgency,
            Location location, Requester requester, Instant acceptedAt, String takenBy) {
        this(eventId, requestId, trackingNumber, channel, externalId, idempotencyKey, category, title, description,
                urgency, location, requester, acceptedAt, takenBy, null, null);
    }

    /** A request no operator took (a channel system's), as events were before {@code takenBy}. */
    public RequestSubmitted(UUID eventId, UUID requestId, String trackingNumber, Channel channel, String externalId,
            String idempotencyKey, String category, String title, String description, Urgency urgency,
            Location location, Requester requester, Instant acceptedAt) {
        this(eventId, requestId, trackingNumber, channel, externalId, idempotencyKey, category, title, description,
                urgency, location, requester, acceptedAt, null, null, null);
    }
}
