package cn.onenet.routing.delivery;

/** Only a parked delivery can be re-queued; this one is still on its way, delivered, or never pushed. */
public class DeliveryNotParked extends RuntimeException {

    private final DeliveryState state;

    public DeliveryNotParked(String id, DeliveryState state) {
        super("Delivery " + id + " is " + state + "; only a PARKED delivery can be retried.");
        this.state = state;
    }

    public DeliveryState state() {
        return state;
    }
}
