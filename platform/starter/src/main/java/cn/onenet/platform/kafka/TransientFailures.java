package cn.onenet.platform.kafka;

import java.util.Set;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Failures of the infrastructure rather than of the record — the document store unreachable or timing out, the
 * broker not answering, a connection refused. A record that meets one is retried, with a backoff growing to 10 s,
 * for as long as it takes: the partition waits (its order kept, lag growing and then draining) instead of parking
 * a good record in the dead-letter topic because the store restarted. Anything else is the record's own problem:
 * a few retries, then the dead-letter topic.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.QueryTimeoutException",
            "org.springframework.dao.RecoverableDataAccessException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.apache.kafka.common.errors.RetriableException",
            "java.net.ConnectException",
            "java.net.SocketTimeoutException");

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything that caused it, is a failure of the infrastructure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 0.5 s, doubling to 10 s, without end. */
    public static BackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        return backOff;
    }
}
