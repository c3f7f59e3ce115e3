package cn.onenet.routing.delivery;

/** Where a delivery of one event to one target stands. */
public enum DeliveryState {
    /** To be pushed to the target's webhook (held while the webhook is disabled or removed). */
    PENDING,
    /** The webhook answered 2xx. */
    DELIVERED,
    /** Kept failing: set aside, visible and retryable, never dropped; later events of the order go on. */
    PARKED,
    /** The target had no webhook when the event happened: it is in the target's feed only. */
    PULL_ONLY
}
