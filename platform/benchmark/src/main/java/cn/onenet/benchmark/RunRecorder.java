package cn.onenet.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one run measured. Requests due before {@code measureStartNanos} are the warm-up: sent, counted, but kept
 * out of every histogram. Latencies are microseconds from the intended send time; per-second figures are
 * grouped by the second the request was due in.
 */
final class RunRecorder implements OpenLoopScheduler.Listener {

    private final String name;
    private final long measureStartNanos;
    private final int seconds;

    private final Histogram accept = histogram();
    private final Histogram sendLateness = histogram();
    private final Histogram acceptToDispatched = histogram();
    private final Histogram submitToDispatched = histogram();
    private final Histogram[] acceptPerSecond;
    private final AtomicLongArray scheduledPerSecond;
    private final AtomicLongArray acceptedPerSecond;
    private final AtomicLongArray errorsPerSecond;

    private final LongAdder scheduled = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final LongAdder warmupSent = new LongAdder();
    private final LongAdder warmupAccepted = new LongAdder();
    private final LongAdder warmupFailed = new LongAdder();
    private final Map<String, LongAdder> warmupErrors = new ConcurrentHashMap<>();

    private final LongAdder dispatched = new LongAdder();
    private final LongAdder triaged = new LongAdder();
    private final LongAdder dispatchSeenBefore202 = new LongAdder();
    private final AtomicLong awaitingDispatch = new AtomicLong();
    private final AtomicLong followed = new AtomicLong();

    /** Called with each accepted request's id, the intended send time and the 202's receipt time. */
    private volatile AcceptedListener acceptedListener = (run, id, intended, received, measured) -> { };

    interface AcceptedListener {
        void accepted(RunRecorder run, String requestId, long intendedNanos, long receivedNanos, boolean measured);
    }

    RunRecorder(String name, long measureStartNanos, int seconds) {
        this.name = name;
        this.measureStartNanos = measureStartNanos;
        this.seconds = Math.max(1, seconds);
        this.acceptPerSecond = new Histogram[this.seconds];
        for (int i = 0; i < this.seconds; i++) {
            acceptPerSecond[i] = histogram();
        }
        this.scheduledPerSecond = new AtomicLongArray(this.seconds);
        this.acceptedPerSecond = new AtomicLongArray(this.seconds);
        this.errorsPerSecond = new AtomicLongArray(this.seconds);
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(3);
    }

    void onAccepted(AcceptedListener listener) {
        this.acceptedListener = listener;
    }

    String name() {
        return name;
    }

    private boolean measured(long intendedNanos) {
        return intendedNanos >= measureStartNanos;
    }

    private int second(long intendedNanos) {
        long index = (intendedNanos - measureStartNanos) / 1_000_000_000L;
        return (int) Math.max(0, Math.min(seconds - 1, index));
    }

    private static long micros(long nanos) {
        return Math.max(1, nanos / 1000);
    }

    @Override
    public void onSent(long sequence, long intendedNanos, long sentNanos) {
        if (!measured(intendedNanos)) {
            warmupSent.increment();
            return;
        }
        scheduled.increment();
        scheduledPerSecond.incrementAndGet(second(intendedNanos));
        sent.increment();
        sendLateness.recordValue(Math.max(0, sentNanos - intendedNanos) / 1000);
    }

    @Override
    public void onSaturated(long sequence, long intendedNanos) {
        if (!measured(intendedNanos)) {
            warmupFailed.increment();
            warmupErrors.computeIfAbsent(Outcome.CLIENT_SATURATED, k -> new LongAdder()).increment();
            return;
        }
        scheduled.increment();
        scheduledPerSecond.incrementAndGet(second(intendedNanos));
        error(Outcome.CLIENT_SATURATED, intendedNanos);
    }

    @Override
    public void onCompleted(long sequence, long intendedNanos, long completedNanos, Outcome outcome) {
        boolean measured = measured(intendedNanos);
        if (outcome.isAccepted()) {
            acceptedListener.accepted(this, outcome.requestId(), intendedNanos, completedNanos, measured);
        }
        if (!measured) {
            (outcome.isAccepted() ? warmupAccepted : warmupFailed).increment();
            if (!outcome.isAccepted()) {
                String kind = outcome.status() != 0 ? "http-" + outcome.status() : outcome.clientError();
                warmupErrors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            }
            return;
        }
        completed.increment();
        if (outcome.status() != 0) {
            statuses.computeIfAbsent(outcome.status(), s -> new LongAdder()).increment();
        }
        if (outcome.isAccepted()) {
            accepted.increment();
            long latency = micros(completedNanos - intendedNanos);
            accept.recordValue(latency);
            int second = second(intendedNanos);
            acceptPerSecond[second].recordValue(latency);
            acceptedPerSecond.incrementAndGet(second);
        } else if (outcome.status() != 0) {
            error("http-" + outcome.status(), intendedNanos);
            String problem = outcome.status() + " "
                    + (outcome.problem() == null ? "(no Problem Details)" : outcome.problem());
            problems.computeIfAbsent(problem, p -> new LongAdder()).increment();
        } else {
            error(outcome.clientError(), intendedNanos);
        }
    }

    private void error(String kind, long intendedNanos) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        errorsPerSecond.incrementAndGet(second(intendedNanos));
    }

    // --- accepted → dispatched, fed by the DispatchFollower ---

    void followingDispatch() {
        followed.incrementAndGet();
        awaitingDispatch.incrementAndGet();
    }

    void dispatched(long intendedNanos, long acceptedNanos, long seenNanos) {
        awaitingDispatch.decrementAndGet();
        dispatched.increment();
        if (seenNanos < acceptedNanos) {
            dispatchSeenBefore202.increment();
        }
        acceptToDispatched.recordValue(micros(seenNanos - acceptedNanos));
        submitToDispatched.recordValue(micros(seenNanos - intendedNanos));
    }

    void triaged() {
        awaitingDispatch.decrementAndGet();
        triaged.increment();
    }

    long awaitingDispatch() {
        return awaitingDispatch.get();
    }

    // --- read-outs ---

    long scheduled() {
        return scheduled.sum();
    }

    long sent() {
        return sent.sum();
    }

    long completed() {
        return completed.sum();
    }

    long accepted() {
        return accepted.sum();
    }

    long warmupSent() {
        return warmupSent.sum();
    }

    long warmupAccepted() {
        return warmupAccepted.sum();
    }

    long warmupFailed() {
        return warmupFailed.sum();
    }

    Map<String, Long> warmupErrors() {
        Map<String, Long> copy = new TreeMap<>();
        warmupErrors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    long followed() {
        return followed.get();
    }

    long dispatchedCount() {
        return dispatched.sum();
    }

    long triagedCount() {
        return triaged.sum();
    }

    long dispatchSeenBefore202() {
        return dispatchSeenBefore202.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Error answers by status and Problem Details type and title. */
    Map<String, Long> problems() {
        Map<String, Long> copy = new TreeMap<>();
        problems.forEach((problem, count) -> copy.put(problem, count.sum()));
        return copy;
    }

    Map<String, Long> statuses() {
        Map<String, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(String.valueOf(status), count.sum()));
        return copy;
    }

    Histogram acceptHistogram() {
        return accept;
    }

    Histogram sendLatenessHistogram() {
        return sendLateness;
    }

    Histogram acceptToDispatchedHistogram() {
        return acceptToDispatched;
    }

    Histogram submitToDispatchedHistogram() {
        return submitToDispatched;
    }

    int seconds() {
        return seconds;
    }

    Histogram acceptInSecond(int second) {
        return acceptPerSecond[second];
    }

    long scheduledInSecond(int second) {
        return scheduledPerSecond.get(second);
    }

    long acceptedInSecond(int second) {
        return acceptedPerSecond.get(second);
    }

    long errorsInSecond(int second) {
        return errorsPerSecond.get(second);
    }
}
