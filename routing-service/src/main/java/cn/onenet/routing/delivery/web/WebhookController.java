package cn.onenet.routing.delivery.web;

import cn.onenet.platform.security.Caller;
import cn.onenet.routing.ListTokens;
import cn.onenet.routing.delivery.Deliveries;
import cn.onenet.routing.delivery.DeliveryState;
import cn.onenet.routing.delivery.DeliveryStore;
import cn.onenet.routing.delivery.EventBodies;
import cn.onenet.routing.delivery.Target;
import cn.onenet.routing.delivery.Webhooks;
import cn.onenet.routing.delivery.web.DeliveryViews.DeliveryView;
import cn.onenet.routing.delivery.web.DeliveryViews.EndpointView;
import cn.onenet.routing.delivery.web.DeliveryViews.PageView;
import cn.onenet.routing.delivery.web.DeliveryViews.RetryView;
import cn.onenet.routing.sla.SlaProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints per target ({@code channel:<CHANNEL>} or {@code department:<code>}) and their deliveries:
 * what is pending, delivered or parked, and re-queueing what was parked.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    static final int MAX_PAGE_SIZE = 100;
    private static final String ACTOR = "X-Actor";

    private final Webhooks webhooks;
    private final Deliveries deliveries;
    private final DeliveryViews views;

    WebhookController(Webhooks webhooks, Deliveries deliveries, SlaProperties sla, EventBodies bodies) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.views = new DeliveryViews(sla.timeZone(), bodies);
    }

    /**
     * @param secret at least 16 characters; may be left out when changing an existing webhook, which keeps its secret
     * @param enabled {@code false} holds the target's deliveries (nothing sent, nothing dropped); default {@code true}
     */
    record EndpointBody(@NotBlank @Size(max = 2048) @WebhookUrl String url,
            @Size(min = Webhooks.MIN_SECRET_LENGTH, max = 256,
                    message = "must have at least " + Webhooks.MIN_SECRET_LENGTH + " characters (at most 256)")
            String secret, Boolean enabled) {
    }

    @GetMapping
    List<EndpointView> list() {
        return webhooks.list().stream().map(views::endpoint).toList();
    }

    @GetMapping("/{target}")
    EndpointView get(@PathVariable String target) {
        return views.endpoint(webhooks.get(Target.parse(target)));
    }

    @PutMapping("/{target}")
    ResponseEntity<EndpointView> put(@PathVariable @KnownTarget String target, @Valid @RequestBody EndpointBody body,
            @RequestHeader(name = ACTOR, required = false) String actor) {
        Webhooks.Registration registration = webhooks.register(webhooks.target(target), body.url(), body.secret(),
                body.enabled() == null || body.enabled(), actor(actor));
        EndpointView view = views.endpoint(registration.endpoint());
        return registration.created()
                ? ResponseEntity.created(URI.create("/api/v1/webhooks/" + view.target())).body(view)
                : ResponseEntity.ok(view);
    }

    @DeleteMapping("/{target}")
    ResponseEntity<Void> delete(@PathVariable String target,
            @RequestHeader(name = ACTOR, required = false) String actor) {
        webhooks.remove(Target.parse(target), actor(actor));
        return ResponseEntity.noContent().build();
    }

    /**
     * Newest first; filter by {@code state} (e.g. PARKED) and {@code target}. Each page says where the next one starts
     * ({@code next}); read with {@code after=<next>} (and the same filters), it continues after the page's last
     * delivery however many were made meanwhile: a page number counts from the newest again, so that deliveries made
     * while an administrator read through the parked ones showed some twice.
     */
    @GetMapping("/deliveries")
    PageView<DeliveryView> deliveries(@RequestParam(required = false) DeliveryState state,
            @RequestParam(required = false) @KnownTarget String target,
            @RequestParam(required = false) @Size(max = 256) String after,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) int size,
            @RequestParam MultiValueMap<String, String> parameters) {
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        DeliveryStore.Position position = ListTokens.after(after, parameters, WebhookController::read, "list");
        DeliveryStore.Page result = deliveries.search(state, target == null || target.isBlank() ? null : Target.parse(target),
                position, page, cappedSize);
        return new PageView<>(result.content().stream().map(views::delivery).toList(), page, cappedSize,
                result.totalElements(), result.next() == null ? null : token(result.next()));
    }

    /** A place in the deliveries list as a token ({@link ListTokens}): when it was made, order, sequence and id. */
    private static String token(DeliveryStore.Position position) {
        return ListTokens.token(ListTokens.part(position.createdAt()), position.orderId().toString(),
                String.valueOf(position.sequence()), position.id());
    }

    /** The place {@code token} names; empty if it is not one {@link #token} made. */
    private static Optional<DeliveryStore.Position> read(String token) {
        return ListTokens.read(token, 4, parts -> new DeliveryStore.Position(ListTokens.instant(parts.get(0)),
                UUID.fromString(parts.get(1)), Long.parseLong(parts.get(2)), UUID.fromString(parts.get(3)).toString()));
    }

    @GetMapping("/deliveries/{id}")
    DeliveryView delivery(@PathVariable String id) {
        return views.delivery(deliveries.get(id));
    }

    /**
     * Re-queues a parked delivery with fresh attempts, or has a pending one (and its order's earlier pending ones to
     * the target, which go first) attempted now instead of at the end of its backoff; 409 for any other.
     */
    @PostMapping("/deliveries/{id}/retry")
    DeliveryView retry(@PathVariable String id, @RequestHeader(name = ACTOR, required = false) String actor) {
        return views.delivery(deliveries.retry(id, actor(actor)));
    }

    /**
     * Re-queues every parked delivery of a target and has its pending ones waiting out a backoff attempted now (up to
     * 1000 of each a call), e.g. once its endpoint is fixed.
     */
    @PostMapping("/deliveries/retry")
    RetryView retryAll(@RequestParam @NotBlank String target,
            @RequestHeader(name = ACTOR, required = false) String actor) {
        Target parsed = Target.parse(target);
        Deliveries.Retried retried = deliveries.retryAll(parsed, actor(actor));
        return new RetryView(parsed.toString(), retried.requeued(), retried.hurried());
    }

    /** Who made a change, for its log line: the token's subject; without token checks {@code X-Actor} or anonymous. */
    private static String actor(String claimed) {
        return Caller.current().auditActor(claimed);
    }
}
