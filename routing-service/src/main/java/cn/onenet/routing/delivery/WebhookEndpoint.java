package cn.onenet.routing.delivery;

import java.net.URI;
import java.time.Instant;

/**
 * Where a target wants its results pushed: an http(s) URL and the secret its requests are signed with
 * (HMAC-SHA256). A disabled endpoint keeps its queue: nothing is sent and nothing is dropped until it is enabled.
 */
public record WebhookEndpoint(Target target, URI url, String secret, boolean enabled, Instant createdAt,
        Instant updatedAt) {
}
