package cn.onenet.routing.delivery;

/** A target that is neither {@code channel:<CHANNEL>} nor {@code department:<code>} of a known department. */
public class InvalidTarget extends RuntimeException {

    public InvalidTarget(String message) {
        super(message);
    }
}
