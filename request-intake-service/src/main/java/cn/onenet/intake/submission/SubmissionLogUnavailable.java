package cn.onenet.intake.submission;

import java.time.Duration;
import java.util.UUID;

/**
 * The log could not confirm a write: the caller gets a 503 and should retry later. Whether the request was kept is
 * {@link Outcome#NOT_ACCEPTED} only when it never reached the producer; once handed to it, a write that was not
 * confirmed in time may still have been (or later be) written by the broker: {@link Outcome#UNKNOWN}.
 */
public class SubmissionLogUnavailable extends RuntimeException {

    /** What the caller can know about the request that was not confirmed. */
    public enum Outcome {
        /** Never handed to the broker (the circuit was open): certainly not kept. */
        NOT_ACCEPTED,
        /** Handed to the broker, not confirmed in time: it may have been kept, and then becomes an order. */
        UNKNOWN
    }

    private final Outcome outcome;
    private final Duration retryAfter;
    private final UUID requestId;
    private final String trackingNumber;
    private final boolean repeatable;

    public SubmissionLogUnavailable(String message, Outcome outcome, Duration retryAfter, Throwable cause) {
        this(message, outcome, retryAfter, null, null, true, cause);
    }

    private SubmissionLogUnavailable(String message, Outcome outcome, Duration retryAfter, UUID requestId,
            String trackingNumber, boolean repeatable, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
        this.retryAfter = retryAfter;
        this.requestId = requestId;
        this.trackingNumber = trackingNumber;
        this.repeatable = repeatable;
    }

    /**
     * The same failure, naming the request it was for; {@code repeatable} says whether sending it again is the same
     * request (it carried an external id or an Idempotency-Key) or a new one (a random id).
     */
    public SubmissionLogUnavailable about(UUID requestId, String trackingNumber, boolean repeatable) {
        SubmissionLogUnavailable named = new SubmissionLogUnavailable(getMessage(), outcome, retryAfter, requestId,
                trackingNumber, repeatable, getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The request's id, {@code null} until {@link #about} named it. */
    public UUID requestId() {
        return requestId;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    /** Whether sending the same request again is the same request (never taken twice). */
    public boolean repeatable() {
        return repeatable;
    }
}
