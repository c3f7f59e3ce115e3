package cn.onenet.routing.workorder;

/** What happened to an order, as shown on its timeline. */
public enum TimelineType {
    RECEIVED, DISPATCHED, TRIAGED, ACKNOWLEDGED, STARTED, RESOLVED, RETURNED, EXTENSION_REQUESTED, EXTENSION_APPROVED,
    EXTENSION_REFUSED, ESCALATED, CLOSED, REOPENED, REJECTED, MERGED
}
