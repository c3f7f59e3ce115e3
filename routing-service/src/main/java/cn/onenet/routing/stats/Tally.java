package cn.onenet.routing.stats;

import cn.onenet.contracts.RequestStatus;
import java.time.Instant;

/**
 * Counts orders into one summary row: the counts settled by each order's state, which summary cells keep, and the
 * overdue ones, which depend on the moment asked. Not thread-safe: one tally per computation.
 */
public final class Tally {

    /**
     * How many counts {@link #counts()} holds: received to satisfied, then the orders followed up and how often
     * ({@link SummaryRow}'s order).
     */
    public static final int COUNTS = 12;

    private long received;
    private long rejected;
    private long merged;
    private long dispatched;
    private long acknowledgedOnTime;
    private long resolved;
    private long resolvedOnTime;
    private long closed;
    private long callbacks;
    private long satisfied;
    private long followedUp;
    private long followUps;
    private long overdue;

    void add(OrderFacts order, Instant now) {
        count(order);
        overdue += !order.excluded() && order.overdue(now) ? 1 : 0;
    }

    /** Counts the order's state: everything but whether it is overdue. */
    void count(OrderFacts order) {
        received++;
        if (order.excluded()) {
            if (order.status() == RequestStatus.REJECTED) {
                rejected++;
            }
            else {
                merged++;
            }
            return;
        }
        if (order.dispatched()) {
            dispatched++;
            acknowledgedOnTime += order.acknowledgedOnTime() ? 1 : 0;
            resolvedOnTime += order.resolvedOnTime() ? 1 : 0;
        }
        resolved += order.resolved() ? 1 : 0;
        closed += order.closed() ? 1 : 0;
        callbacks += order.calledBack() ? 1 : 0;
        satisfied += order.satisfied() ? 1 : 0;
        followedUp += order.followedUp() ? 1 : 0;
        followUps += order.followUps();
    }

    void countOverdue() {
        overdue++;
    }

    /** Adds counts as {@link #counts()} gives them (a cell's). */
    public void add(long[] counts) {
        if (counts.length != COUNTS) {
            throw new IllegalArgumentException("Expected " + COUNTS + " counts, got " + counts.length);
        }
        received += counts[0];
        rejected += counts[1];
        merged += counts[2];
        dispatched += counts[3];
        acknowledgedOnTime += counts[4];
        resolved += counts[5];
        resolvedOnTime += counts[6];
        closed += counts[7];
        callbacks += counts[8];
        satisfied += counts[9];
        followedUp += counts[10];
        followUps += counts[11];
    }

    /** The counts settled by the orders' states: received to satisfied, followed up and how often (not overdue). */
    public long[] counts() {
        return new long[] { received, rejected, merged, dispatched, acknowledgedOnTime, resolved, resolvedOnTime,
                closed, callbacks, satisfied, followedUp, followUps };
    }

    SummaryRow row(String key) {
        return new SummaryRow(key, received, rejected, merged, dispatched, acknowledgedOnTime, resolved, resolvedOnTime,
                closed, callbacks, satisfied, overdue, SummaryRow.rate(acknowledgedOnTime, dispatched),
                SummaryRow.rate(resolvedOnTime, dispatched), SummaryRow.rate(satisfied, callbacks), followedUp,
                followUps, SummaryRow.rate(followedUp, received - rejected - merged));
    }
}
