package cn.onenet.routing.delivery;

import cn.onenet.platform.observability.StoredTraces;
import cn.onenet.platform.web.CorrelationId;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends pending deliveries to their endpoints.
 * <ul>
 * <li><b>In order per order.</b> One order's deliveries to one target form a stream; a worker leases the stream
 * (single-document findAndModify, like the outbox relay), sends only its head — the pending delivery with the
 * lowest sequence — and releases it. A later event is sent only after the earlier one was delivered or parked.
 * Leases make it safe to run any number of instances.</li>
 * <li><b>Retry with exponential backoff, durably.</b> A failed attempt is recorded on the delivery with the time
 * of the next one (Resilience4j's exponential random backoff); after {@code max-attempts} it is parked. Waiting
 * holds no thread and survives a restart.</li>
 * <li><b>Per endpoint a circuit breaker and a bulkhead</b> (Resilience4j, named {@code webhook:<target>}). While
 * the breaker is open nothing is sent to the endpoint and no attempt is used up; the bulkhead caps the
 * deliveries in flight to one endpoint, and the HTTP calls are asynchronous, so a dead or slow endpoint holds
 * only its own permits — never a thread other endpoints need, never the Kafka consumers.</li>
 * <li><b>One log line per attempt</b> — INFO delivered, WARN failed (with when the next attempt is due), WARN
 * parked — with the delivery, order, target, event type and sequence, attempt, HTTP status and duration as fields,
 * under the correlation id of the event's record, in a span of its trace ({@link StoredTraces}: the line's
 * {@code traceId} is the one the department's request carried in {@code traceparent}).</li>
 * </ul>
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_CLAIMS_PER_TURN = 200;

    private final DeliveryStore store;
    private final EndpointDirectory directory;
    private final WebhookSender sender;
    private final StoredTraces traces;
    private final DeliverySettings settings;
    private final Clock clock;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final CircuitBreakerConfig breakerConfig;
    private final BulkheadConfig bulkheadConfig;
    private final IntervalFunction backoff;
    private final String owner = UUID.randomUUID().toString();
    private final ExecutorService executor;
    private final Map<Target, AtomicBoolean> queued = new ConcurrentHashMap<>();
    private final Map<Target, Lane> lanes = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter failed;
    private final Counter parked;
    private volatile boolean stopping;

    /** The circuit breaker and bulkhead of one endpoint. */
    record Lane(CircuitBreaker breaker, Bulkhead bulkhead) {
    }

    DeliveryWorker(DeliveryStore store, EndpointDirectory directory, WebhookSender sender, DeliverySettings settings,
            Clock clock, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, MeterRegistry meters,
            StoredTraces traces) {
        this.store = store;
        this.traces = traces;
        this.directory = directory;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        DeliverySettings.CircuitBreaker breaker = settings.circuitBreaker();
        this.breakerConfig = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(breaker.slidingWindowSize())
            .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
            .failureRateThreshold(breaker.failureRateThreshold())
            .waitDurationInOpenState(breaker.waitInOpenState())
            .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
            .build();
        this.bulkheadConfig = BulkheadConfig.custom()
            .maxConcurrentCalls(settings.bulkhead().maxConcurrentCalls())
            .maxWaitDuration(Duration.ZERO)
            .build();
        DeliverySettings.Retry retry = settings.retry();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), retry.multiplier(), retry.jitter(),
                retry.maxBackoff());
        // completions and claims only: bounded by the in-flight deliveries (bulkheads) plus one turn per target
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "delivery-worker-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.delivered = outcome(meters, "delivered");
        this.failed = outcome(meters, "failed");
        this.parked = outcome(meters, "parked");
        Gauge.builder("onenet.delivery.parked", store, deliveries -> deliveries.count(DeliveryState.PARKED))
            .description("Deliveries set aside after failing every attempt, waiting for a retry")
            .register(meters);
        Gauge.builder("onenet.delivery.pending", store, deliveries -> deliveries.count(DeliveryState.PENDING))
            .description("Deliveries waiting to be sent (including those held for a disabled or removed webhook)")
            .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("onenet.delivery.deliveries")
            .description("Webhook delivery attempts by outcome: delivered, failed (to be retried or parked), parked")
            .tag("outcome", outcome)
            .register(meters);
    }

    /** Looks for due work of every enabled endpoint: retries whose backoff ran out, work stored by other instances. */
    @Scheduled(fixedDelayString = "${onenet.delivery.poll-interval:1s}", initialDelayString = "${onenet.delivery.poll-interval:1s}")
    void poll() {
        if (!settings.enabled() || stopping) {
            return;
        }
        directory.refresh();
        directory.all().stream().filter(WebhookEndpoint::enabled).forEach(endpoint -> wake(endpoint.target()));
    }

    /** Asks for a turn for the target's endpoint; turns asked for while one is queued are merged into it. */
    void wake(Target target) {
        AtomicBoolean flag = queued.computeIfAbsent(target, key -> new AtomicBoolean());
        if (!stopping && flag.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    flag.set(false);
                    turn(target);
                });
            }
            catch (RejectedExecutionException ex) {
                flag.set(false);
            }
        }
    }

    /** A changed endpoint gets a fresh start: its breaker closes (the fix may be what was wrong) and it is woken. */
    void endpointChanged(Target target) {
        lane(target).breaker().reset();
        wake(target);
    }

    /** Sends as many due heads of the target's streams as the endpoint's bulkhead and breaker allow. */
    private void turn(Target target) {
        Optional<WebhookEndpoint> found = directory.find(target).filter(WebhookEndpoint::enabled);
        if (found.isEmpty() || stopping) {
            return;
        }
        WebhookEndpoint endpoint = found.get();
        Lane lane = lane(target);
        try {
            for (int claims = 0; claims < MAX_CLAIMS_PER_TURN; claims++) {
                if (!lane.bulkhead().tryAcquirePermission()) {
                    return;
                }
                if (!lane.breaker().tryAcquirePermission()) {
                    lane.bulkhead().releasePermission();
                    return;
                }
                boolean sent = false;
                try {
                    Instant now = clock.instant();
                    Optional<DeliveryStore.StreamClaim> claim = store.claimStream(target, owner, now, settings.lease());
                    if (claim.isEmpty()) {
                        return;
                    }
                    Optional<Delivery> head = store.head(target, claim.get().orderId());
                    if (head.isEmpty()) {
                        store.releaseStream(claim.get(), owner, null, now);
                    }
                    else if (head.get().nextAttemptAt() != null && head.get().nextAttemptAt().isAfter(now)) {
                        store.releaseStream(claim.get(), owner, head.get().nextAttemptAt(), now);
                    }
                    else {
                        send(endpoint, lane, claim.get(), head.get());
                        sent = true;
                    }
                }
                finally {
                    if (!sent) {
                        lane.breaker().releasePermission();
                        lane.bulkhead().releasePermission();
                    }
                }
            }
            wake(target);
        }
        catch (RuntimeException ex) {
            log.warn("Deliveries to {} not sent this turn (the next poll tries again): {}", target, ex.toString());
        }
    }

    private void send(WebhookEndpoint endpoint, Lane lane, DeliveryStore.StreamClaim claim, Delivery delivery) {
        long started = System.nanoTime();
        CompletableFuture<Integer> call;
        try {
            call = sender.send(endpoint, delivery);
        }
        catch (RuntimeException ex) {
            call = CompletableFuture.failedFuture(ex);
        }
        call.orTimeout(settings.connectTimeout().plus(settings.requestTimeout()).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)
            .whenCompleteAsync((status, failure) -> completed(lane, claim, delivery, status, failure,
                    System.nanoTime() - started), executor);
    }

    /** Records an attempt's outcome in a span of the event's trace: its log line carries the trace's ids. */
    private void completed(Lane lane, DeliveryStore.StreamClaim claim, Delivery delivery, Integer status, Throwable failure,
            long nanos) {
        traces.within(delivery.traceparent(), "webhook delivery outcome", () -> {
            recordOutcome(lane, claim, delivery, status, failure, nanos);
            return null;
        });
    }

    private void recordOutcome(Lane lane, DeliveryStore.StreamClaim claim, Delivery delivery, Integer status,
            Throwable failure, long nanos) {
        Target target = delivery.target();
        if (delivery.correlationId() != null) {
            CorrelationId.set(delivery.correlationId());
        }
        try {
            Instant now = clock.instant();
            int attempts = delivery.attempts() + 1;
            if (failure == null && status != null && status / 100 == 2) {
                lane.breaker().onSuccess(nanos, TimeUnit.NANOSECONDS);
                store.markDelivered(delivery.id(), attempts, now);
                delivered.increment();
                attempt(log.atInfo(), delivery, attempts, status, nanos, "delivered")
                    .log("Delivered {} of {} (order {}, sequence {}) to {} on attempt {}: HTTP {} in {} ms",
                            delivery.id(), delivery.type(), delivery.orderId(), delivery.sequence(), target, attempts,
                            status, millis(nanos));
                store.releaseStream(claim, owner, now, now);
                return;
            }
            Throwable problem = failure == null ? new WebhookRefused(status) : unwrap(failure);
            lane.breaker().onError(nanos, TimeUnit.NANOSECONDS, problem);
            failed.increment();
            String error = describe(problem);
            if (attempts >= settings.retry().maxAttempts()) {
                store.markParked(delivery.id(), attempts, error, now);
                parked.increment();
                attempt(log.atWarn(), delivery, attempts, status, nanos, "parked")
                    .addKeyValue("error.message", error)
                    .log("Parked delivery {} of {} (order {}, sequence {}) to {} after {} attempts; last: {}",
                            delivery.id(), delivery.type(), delivery.orderId(), delivery.sequence(), target, attempts,
                            error);
                store.releaseStream(claim, owner, now, now);
            }
            else {
                Instant next = now.plusMillis(backoff.apply(attempts));
                store.markFailed(delivery.id(), attempts, error, now, next);
                attempt(log.atWarn(), delivery, attempts, status, nanos, "failed")
                    .addKeyValue("error.message", error)
                    .addKeyValue("delivery.nextAttemptAt", next.toString())
                    .log("Delivery {} of {} (order {}, sequence {}) to {} failed on attempt {} of {}: {} after {} ms;"
                            + " next attempt at {}", delivery.id(), delivery.type(), delivery.orderId(),
                            delivery.sequence(), target, attempts, settings.retry().maxAttempts(), error, millis(nanos),
                            next);
                store.releaseStream(claim, owner, next, now);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Outcome of delivery {} to {} not recorded (it is sent again when the lease ends): {}", delivery.id(),
                    target, ex.toString());
        }
        finally {
            CorrelationId.clear();
            lane.bulkhead().onComplete();
            wake(target);
        }
    }

    /**
     * The fields of an attempt's log line (ECS lines nest the dotted names: {@code .delivery.orderId} in {@code jq}):
     * never the body, which may name the resident.
     */
    private static LoggingEventBuilder attempt(LoggingEventBuilder line, Delivery delivery, int attempt, Integer status,
            long nanos, String outcome) {
        line.addKeyValue("delivery.id", delivery.id())
            .addKeyValue("delivery.target", delivery.target().toString())
            .addKeyValue("delivery.orderId", delivery.orderId().toString())
            .addKeyValue("delivery.eventType", delivery.type())
            .addKeyValue("delivery.sequence", delivery.sequence())
            .addKeyValue("delivery.attempt", attempt)
            .addKeyValue("delivery.outcome", outcome)
            .addKeyValue("event.duration", nanos);
        if (status != null) {
            line.addKeyValue("http.response.status_code", status);
        }
        return line;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private Lane lane(Target target) {
        return lanes.computeIfAbsent(target, key -> new Lane(breakers.circuitBreaker("webhook:" + key, breakerConfig),
                bulkheads.bulkhead("webhook:" + key, bulkheadConfig)));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String describe(Throwable problem) {
        String text = problem instanceof WebhookRefused ? problem.getMessage()
                : problem instanceof TimeoutException ? "no answer in time"
                : problem.getClass().getSimpleName() + (problem.getMessage() == null ? "" : ": " + problem.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Override
    public void destroy() {
        stopping = true;
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
