package cn.onenet.intake.submission;

import java.time.Duration;

/** The log could not confirm a write: the request is not accepted and the caller should retry later. */
public class SubmissionLogUnavailable extends RuntimeException {

    private final Duration retryAfter;

    public SubmissionLogUnavailable(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
