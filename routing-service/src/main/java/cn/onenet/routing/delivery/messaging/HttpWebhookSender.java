package cn.onenet.routing.delivery.messaging;

import cn.onenet.platform.web.CorrelationId;
import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliverySettings;
import cn.onenet.routing.delivery.EventBodies;
import cn.onenet.routing.delivery.WebhookEndpoint;
import cn.onenet.routing.delivery.WebhookSender;
import cn.onenet.routing.delivery.WebhookSignature;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a delivery as JSON — {@code deliveryId, target, type, orderId, sequence, occurredAt} and the {@code event},
 * every time of both in the district's zone ({@link EventBodies}) — signed per {@link WebhookSignature} over the
 * very bytes sent, with the headers {@code X-OneNet-Event-Type},
 * {@code X-OneNet-Delivery-Id} (the same on every attempt: receivers drop repeats by it),
 * {@code X-OneNet-Timestamp} (epoch seconds) and {@code X-OneNet-Signature}; and {@code X-Correlation-Id}, the
 * correlation id of the event's record, when it had one. A delivery that knows its event's trace is sent in a client
 * span of that trace ({@code webhook delivery}, ended with the answer), whose W3C {@code traceparent} goes with the
 * request. Asynchronous: waiting for an endpoint holds no thread. Redirects are not followed.
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
    private final Propagator propagator;
    private final JsonMapper json = JsonMapper.builder().build();

    HttpWebhookSender(DeliverySettings settings, Clock clock, EventBodies bodies,
            ObjectProvider<Propagator> propagator) {
        this.settings = settings;
        this.clock = clock;
        this.bodies = bodies;
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        this.http = HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    @Override
    public CompletableFuture<Integer> send(WebhookEndpoint endpoint, Delivery delivery) {
        byte[] body = body(delivery);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "OneNetwork-Webhooks/1")
            .header(EVENT_TYPE, delivery.type())
            .header(DELIVERY_ID, delivery.id())
            .header(TIMESTAMP, timestamp)
            .header(SIGNATURE, WebhookSignature.sign(endpoint.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (delivery.correlationId() != null) {
            request.header(CorrelationId.HEADER, delivery.correlationId());
        }
        Span attempt = span(delivery);
        if (delivery.traceparent() != null) {
            propagator.inject(attempt.context(), request, HttpRequest.Builder::header);
        }
        try {
            HttpRequest built = request.build();
            return http.sendAsync(built, HttpResponse.BodyHandlers.discarding())
                // a kept-alive connection the endpoint had closed (an HTTP/1.0 server, its idle timeout): sent again
                // at once on a new one — it waited out the first backoff (5 s) before, for every such delivery
                .exceptionallyCompose(failure -> closedUnanswered(failure)
                        ? http.sendAsync(built, HttpResponse.BodyHandlers.discarding())
                        : CompletableFuture.failedFuture(failure))
                .thenApply(HttpResponse::statusCode)
                .whenComplete((status, failure) -> {
                    if (failure != null) {
                        attempt.error(failure);
                    }
                    else {
                        attempt.tag("http.response.status_code", Integer.toString(status));
                    }
                    attempt.end();
                });
        }
        catch (RuntimeException ex) {
            attempt.error(ex).end();
            throw ex;
        }
    }

    /**
     * The connection failed after it was made and before any answer: not a timeout, not a refused connection (the
     * endpoint down), whose next attempt waits its backoff. Receivers drop a delivery they had by its id.
     */
    private static boolean closedUnanswered(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof IOException && !(cause instanceof HttpTimeoutException)
                && !(cause instanceof ConnectException);
    }

    /** A client span in the trace the delivery's event carried; a no-op one when it carried none. */
    private Span span(Delivery delivery) {
        if (delivery.traceparent() == null) {
            return Span.NOOP;
        }
        return propagator.extract(Map.of("traceparent", delivery.traceparent()), Map::get)
            .name("webhook delivery")
            .kind(Span.Kind.CLIENT)
            .tag("onenet.delivery.target", delivery.target().toString())
            .start();
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
