package cn.onenet.benchmark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches {@code dispatched} and {@code triaged} lifecycle events to accepted requests. Accept → dispatched is
 * measured from the receipt of the 202 to the publication of the event; submit → dispatched from the intended send
 * time. An event may overtake its 202 (it is then parked until the 202 is recorded); both sides claim a match
 * with a {@code remove} from a concurrent map, so each request is counted once whichever comes first. Events
 * for requests of no run (another client's, or a redelivery) are parked too, at most {@code earlyLimit} of them.
 */
final class DispatchMatcher {

    private record Pending(RunRecorder run, long intendedNanos, long acceptedNanos, boolean measured) {
    }

    private record Seen(String type, long nanos) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Seen> early = new ConcurrentHashMap<>();
    private final int earlyLimit;

    DispatchMatcher(int earlyLimit) {
        this.earlyLimit = earlyLimit;
    }

    /**
     * A lifecycle event for {@code requestId} was published at {@code nanos}. Together with {@link #accepted}: an
     * entry put in {@code pending} is counted by whoever removes it; an event parked in {@code early} before the
     * 202 was recorded is counted by the 202's side when it finds it there first.
     */
    void seen(String requestId, String type, long nanos) {
        Pending match = pending.remove(requestId);
        if (match == null) {
            if (early.size() < earlyLimit) {
                early.put(requestId, new Seen(type, nanos));
            }
            // the 202 may have been recorded in between: the pending entry goes to whoever removes it first
            match = pending.remove(requestId);
            if (match == null) {
                return;
            }
            early.remove(requestId);
        }
        record(match, type, nanos);
    }

    /** Request {@code requestId} was accepted by {@code run}; intended and 202 times in nanos. */
    void accepted(RunRecorder run, String requestId, long intendedNanos, long acceptedNanos, boolean measured) {
        Pending entry = new Pending(run, intendedNanos, acceptedNanos, measured);
        if (measured) {
            run.followingDispatch();
        }
        Seen seen = early.remove(requestId);
        if (seen == null) {
            pending.put(requestId, entry);
            seen = early.remove(requestId);
            if (seen == null || pending.remove(requestId) == null) {
                return;
            }
        }
        record(entry, seen.type(), seen.nanos());
    }

    private static void record(Pending match, String type, long nanos) {
        if (!match.measured()) {
            return;
        }
        if (DispatchFollower.DISPATCHED.equals(type)) {
            match.run().dispatched(match.intendedNanos(), match.acceptedNanos(), nanos);
        } else {
            match.run().triaged();
        }
    }

    /** Forgets the requests of {@code run} still waiting; returns how many of its measured ones never arrived. */
    long abandon(RunRecorder run) {
        pending.values().removeIf(entry -> entry.run() == run);
        return run.awaitingDispatch();
    }
}
