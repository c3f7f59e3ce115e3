package cn.onenet.routing.delivery;

/** No delivery has the id. */
public class DeliveryNotFound extends RuntimeException {

    public DeliveryNotFound(String id) {
        super("No delivery has the id " + id + ".");
    }
}
