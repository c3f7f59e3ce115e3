package cn.onenet.contracts.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * The family of events on {@link cn.onenet.contracts.Topics#REQUESTS_LIFECYCLE}. {@code sequence} numbers an
 * order's events from 1 so a consumer can tell a gap or a repeat; {@code actor} says who did it.
 */
public sealed interface RequestLifecycleEvent
        permits RequestReceived, RequestDispatched, RequestTriaged, RequestAcknowledged, RequestStarted,
        RequestResolved, RequestReturned, ExtensionRequested, RequestClosed, RequestReopened, RequestRejected,
        RequestMerged, ExtensionDecided, RequestEscalated, MergedOriginalProgressed, RequestFollowedUp {

    UUID eventId();

    UUID requestId();

    long sequence();

    Instant occurredAt();

    String actor();
}
