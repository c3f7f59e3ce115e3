package cn.onenet.routing.delivery;

/** No webhook is registered for the target. */
public class WebhookNotFound extends RuntimeException {

    public WebhookNotFound(Target target) {
        super("No webhook is registered for " + target + ".");
    }
}
