package cn.onenet.routing.workorder;

import java.util.UUID;

/**
 * A step sent for the version of the order its caller saw ({@code If-Match}) found the order changed since: nothing
 * was applied; the caller reads the order again and decides anew.
 */
public class OrderChanged extends RuntimeException {

    private final long seen;
    private final WorkOrder.State current;

    public OrderChanged(UUID id, long seen, WorkOrder.State current) {
        super("Order " + id + " changed since version " + seen + " (now version " + current.revision() + ", "
                + current.status() + "); nothing was changed by this call. Read it again and decide on what it is"
                + " now.");
        this.seen = seen;
        this.current = current;
    }

    public long seen() {
        return seen;
    }

    public WorkOrder.State current() {
        return current;
    }
}
