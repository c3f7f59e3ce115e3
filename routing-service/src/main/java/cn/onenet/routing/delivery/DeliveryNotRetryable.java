package cn.onenet.routing.delivery;

/** Only a parked delivery can be re-queued, or a pending one hurried; this one was delivered or never pushed. */
public class DeliveryNotRetryable extends RuntimeException {

    private final DeliveryState state;

    public DeliveryNotRetryable(String id, DeliveryState state) {
        super("Delivery " + id + " is " + state + "; only a PARKED or PENDING delivery can be retried.");
        this.state = state;
    }

    public DeliveryState state() {
        return state;
    }
}
