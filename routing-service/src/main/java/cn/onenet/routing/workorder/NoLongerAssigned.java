package cn.onenet.routing.workorder;

import cn.onenet.contracts.RequestStatus;
import java.util.UUID;

/**
 * A department reports on an order it had but no longer has (returned, transferred, merged, rejected meanwhile, or
 * its own report raced another's): a conflict with the order's state, not a question of permission nor a missing
 * order, whichever moment the report arrived at. Also the answer to a report sent again under its key once the order
 * has left the department: it was applied, and the order as it is now is no longer the department's to read.
 */
public class NoLongerAssigned extends RuntimeException {

    private final transient RequestStatus status;
    private final boolean applied;

    public NoLongerAssigned(UUID id, String department, RequestStatus status, boolean applied) {
        super((applied ? "This report was applied (the Idempotency-Key is known); since then order " : "Order ") + id
                + " has left department " + department + ": it is " + status + " now."
                + (applied ? "" : " Nothing was changed."));
        this.status = status;
        this.applied = applied;
    }

    /** The order's status now. */
    public RequestStatus status() {
        return status;
    }

    /** Whether the report was applied earlier (a repeat under its key), rather than refused now. */
    public boolean applied() {
        return applied;
    }
}
