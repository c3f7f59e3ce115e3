package cn.onenet.benchmark;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues requests at a fixed arrival rate (an open model): request {@code i} is due at {@code start + i / rate},
 * whatever happened to the ones before it. Sending never waits for an answer; a slow answer only raises the number
 * of outstanding requests. Latency is taken from the <em>intended</em> send time, so a stall anywhere (server,
 * network, this JVM's scheduler thread or GC) is charged to every request it delayed — the coordinated-omission
 * correction. When {@code maxOutstanding} requests are already in flight the due request is not sent but counted
 * as the client error {@code client-saturated}, so an overloaded target shows as errors instead of a silently
 * lower rate.
 */
final class OpenLoopScheduler {

    /** Receives what happens to each request; called from the scheduler thread and from completion threads. */
    interface Listener {

        /** Request {@code sequence}, due at {@code intendedNanos}, actually left at {@code sentNanos}. */
        void onSent(long sequence, long intendedNanos, long sentNanos);

        /** Not sent because {@code maxOutstanding} requests were in flight. */
        void onSaturated(long sequence, long intendedNanos);

        /** Answered (or failed) at {@code completedNanos}. */
        void onCompleted(long sequence, long intendedNanos, long completedNanos, Outcome outcome);
    }

    private final Ticker ticker;
    private final RequestSender sender;
    private final int maxOutstanding;
    private final AtomicInteger outstanding = new AtomicInteger();

    OpenLoopScheduler(Ticker ticker, RequestSender sender, int maxOutstanding) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1 but was " + maxOutstanding);
        }
        this.ticker = ticker;
        this.sender = sender;
        this.maxOutstanding = maxOutstanding;
    }

    /** The intended send time of request {@code sequence}. */
    static long intendedTime(long startNanos, double ratePerSecond, long sequence) {
        return startNanos + Math.round(sequence * 1e9 / ratePerSecond);
    }

    /**
     * Issues {@code count} requests from {@code startNanos} at {@code ratePerSecond}; returns when the last one has
     * been issued (not answered: see {@link #awaitOutstanding(long)}).
     */
    void run(long startNanos, double ratePerSecond, long count, Listener listener) throws InterruptedException {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive but was " + ratePerSecond);
        }
        for (long sequence = 0; sequence < count; sequence++) {
            long intended = intendedTime(startNanos, ratePerSecond, sequence);
            ticker.sleepUntil(intended);
            if (outstanding.get() >= maxOutstanding) {
                listener.onSaturated(sequence, intended);
                continue;
            }
            outstanding.incrementAndGet();
            long sent = ticker.nanoTime();
            listener.onSent(sequence, intended, sent);
            CompletableFuture<Outcome> answer;
            try {
                answer = sender.send(sequence);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            long seq = sequence;
            answer.whenComplete((outcome, failure) -> {
                try {
                    listener.onCompleted(seq, intended, ticker.nanoTime(),
                            outcome != null ? outcome : Outcome.clientError(errorKind(failure)));
                } finally {
                    // after recording: outstanding() == 0 means every answer has been recorded
                    outstanding.decrementAndGet();
                }
            });
        }
    }

    /** Waits until every request sent has been answered, or until {@code deadlineNanos}; true if all were. */
    boolean awaitOutstanding(long deadlineNanos) throws InterruptedException {
        while (outstanding.get() > 0) {
            long now = ticker.nanoTime();
            if (now >= deadlineNanos) {
                return false;
            }
            ticker.sleepUntil(Math.min(deadlineNanos, now + 1_000_000));
        }
        return true;
    }

    int outstanding() {
        return outstanding.get();
    }

    /** A short, bounded name for a client-side failure, e.g. {@code timeout} or {@code connect-refused}. */
    static String errorKind(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return "unknown";
        }
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return "connect-timeout";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connect-refused";
        }
        if (cause instanceof java.io.IOException) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("reset") || message.contains("closed") || message.contains("eof")) {
                return "connection-closed";
            }
            return "io-error";
        }
        return "other:" + cause.getClass().getSimpleName();
    }
}
