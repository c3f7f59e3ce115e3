package cn.onenet.routing.delivery;

import java.util.concurrent.CompletableFuture;

/** Pushes one delivery to an endpoint, signed with the endpoint's secret. */
public interface WebhookSender {

    /** Completes with the HTTP status the endpoint answered, or exceptionally when no answer came in time. */
    CompletableFuture<Integer> send(WebhookEndpoint endpoint, Delivery delivery);
}
