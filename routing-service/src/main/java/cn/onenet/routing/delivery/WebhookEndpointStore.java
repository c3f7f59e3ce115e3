package cn.onenet.routing.delivery;

import java.util.List;
import java.util.Optional;

/** Where webhook endpoints are kept, one per target. */
public interface WebhookEndpointStore {

    /** Creates or replaces the target's endpoint; answers whether it was new. */
    boolean save(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(Target target);

    List<WebhookEndpoint> findAll();

    /** Answers whether there was one. */
    boolean delete(Target target);
}
