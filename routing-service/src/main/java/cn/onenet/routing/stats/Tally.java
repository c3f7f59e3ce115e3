package cn.onenet.routing.stats;

import cn.onenet.contracts.RequestStatus;
import java.time.Instant;

/** Counts orders into one summary row. Not thread-safe: one tally per computation. */
final class Tally {

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
    private long overdue;

    void add(OrderFacts order, Instant now) {
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
        overdue += order.overdue(now) ? 1 : 0;
    }

    SummaryRow row(String key) {
        return new SummaryRow(key, received, rejected, merged, dispatched, acknowledgedOnTime, resolved, resolvedOnTime,
                closed, callbacks, satisfied, overdue, SummaryRow.rate(acknowledgedOnTime, dispatched),
                SummaryRow.rate(resolvedOnTime, dispatched), SummaryRow.rate(satisfied, callbacks));
    }
}
