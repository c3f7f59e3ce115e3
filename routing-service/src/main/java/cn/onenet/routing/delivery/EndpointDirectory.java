package cn.onenet.routing.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registered endpoints in memory (a few dozen at most, read for every event): reloaded on every poll, and at
 * once in the instance that changed one, so another instance sees a change within a poll interval.
 */
@Component
class EndpointDirectory {

    private static final Logger log = LoggerFactory.getLogger(EndpointDirectory.class);

    private final WebhookEndpointStore store;
    private volatile Map<Target, WebhookEndpoint> endpoints;

    EndpointDirectory(WebhookEndpointStore store) {
        this.store = store;
        this.endpoints = load();
    }

    void refresh() {
        try {
            endpoints = load();
        }
        catch (RuntimeException ex) {
            log.warn("Webhook endpoints not reloaded (keeping the {} known): {}", endpoints.size(), ex.toString());
        }
    }

    Optional<WebhookEndpoint> find(Target target) {
        return Optional.ofNullable(endpoints.get(target));
    }

    Collection<WebhookEndpoint> all() {
        return endpoints.values();
    }

    private Map<Target, WebhookEndpoint> load() {
        return store.findAll().stream().collect(Collectors.toUnmodifiableMap(WebhookEndpoint::target, Function.identity()));
    }
}
