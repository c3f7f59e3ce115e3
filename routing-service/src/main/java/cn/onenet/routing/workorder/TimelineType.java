package cn.onenet.routing.workorder;

/** What happened to an order, as shown on its timeline. */
public enum TimelineType {
    RECEIVED, DISPATCHED, TRIAGED, ACKNOWLEDGED, STARTED, RESOLVED, RETURNED, EXTENSION_REQUESTED, EXTENSION_APPROVED,
    EXTENSION_REFUSED, ESCALATED, CLOSED, REOPENED, REJECTED, MERGED, ORIGINAL_PROGRESSED, TRANSFERRED,
    /** 催办: the requester asked after the order again (see {@link WorkOrder#followUp}). */
    FOLLOWED_UP;

    /**
     * A hand-over of the order to a department (the entry names it): a dispatch, or a transfer (改派) that restarted
     * the clocks. The latest one is the department a summary counts the order under ({@link WorkOrder#dispatchedTo}).
     */
    public boolean handsOver() {
        return this == DISPATCHED || this == TRANSFERRED;
    }
}
