package cn.onenet.routing.delivery.messaging;

import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliverySettings;
import cn.onenet.routing.delivery.EventBodies;
import cn.onenet.routing.delivery.WebhookEndpoint;
import cn.onenet.routing.delivery.WebhookSender;
import cn.onenet.routing.delivery.WebhookSignature;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a delivery as JSON — {@code deliveryId, target, type, orderId, sequence, occurredAt} and the {@code event},
 * every time of both in the district's zone ({@link EventBodies}) — signed per {@link WebhookSignature} over the
 * very bytes sent, with the headers {@code X-OneNet-Event-Type},
 * {@code X-OneNet-Delivery-Id} (the same on every attempt: receivers drop repeats by it),
 * {@code X-OneNet-Timestamp} (epoch seconds) and {@code X-OneNet-Signature}. Asynchronous: waiting for an
 * endpoint holds no thread. Redirects are not followed.
 */
@Component
class HttpWebhookSender implements WebhookSender {

    static final String EVENT_TYPE = "X-OneNet-Event-Type";
    static final String DELIVERY_ID = "X-OneNet-Delivery-Id";
    static final String TIMESTAMP = "X-OneNet-Timestamp";
    static final String SIGNATURE = "X-OneNet-Signature";

    private final HttpClient http;
    private final DeliverySettings settings;
    private final Clock clock;
    private final EventBodies bodies;
    private final JsonMapper json = JsonMapper.builder().build();

    HttpWebhookSender(DeliverySettings settings, Clock clock, EventBodies bodies) {
        this.settings = settings;
        this.clock = clock;
        this.bodies = bodies;
        this.http = HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    @Override
    public CompletableFuture<Integer> send(WebhookEndpoint endpoint, Delivery delivery) {
        byte[] body = body(delivery);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "OneNetwork-Webhooks/1")
            .header(EVENT_TYPE, delivery.type())
            .header(DELIVERY_ID, delivery.id())
            .header(TIMESTAMP, timestamp)
            .header(SIGNATURE, WebhookSignature.sign(endpoint.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    byte[] body(Delivery delivery) {
        ObjectNode body = json.createObjectNode();
        body.put("deliveryId", delivery.id());
        body.put("target", delivery.target().toString());
        body.put("type", delivery.type());
        body.put("orderId", delivery.orderId().toString());
        body.put("sequence", delivery.sequence());
        // in the district's zone, as the feed and every other answer give times; the event's too
        body.put("occurredAt", bodies.format(delivery.occurredAt()));
        body.set("event", bodies.event(delivery));
        return json.writeValueAsBytes(body);
    }
}
