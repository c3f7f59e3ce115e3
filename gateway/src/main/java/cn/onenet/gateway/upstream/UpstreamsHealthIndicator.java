package cn.onenet.gateway.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The health component {@code upstreams}: each service's circuit breaker as the gateway sees it (state, failure
 * rate over the last calls, calls refused while open), from the Resilience4j registry; no service is called.
 * <p>
 * With a breaker open the component's status is {@value #CIRCUIT_OPEN} and the gateway's overall status stays UP
 * (HTTP 200): Boot's status aggregation leaves out statuses not in its order ({@code DOWN, OUT_OF_SERVICE, UP,
 * UNKNOWN}). That is deliberate: the gateway itself still serves the console and every other service's routes, and
 * answers the broken service's callers at once with 503 Problem Details; a load balancer or orchestrator taking the
 * gateway out because intake is down would make all of that unreachable too. Whoever watches the services reads
 * the component (or {@code resilience4j_circuitbreaker_state}); liveness and readiness never include it.
 */
@Component
class UpstreamsHealthIndicator implements ReactiveHealthIndicator {

    static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

    private final CircuitBreakerRegistry registry;

    UpstreamsHealthIndicator(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::read);
    }

    private Health read() {
        Map<String, Object> breakers = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            CircuitBreaker breaker = registry.circuitBreaker(upstream.circuitBreaker());
            CircuitBreaker.State state = breaker.getState();
            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
                open.add(upstream.circuitBreaker());
            }
            breakers.put(upstream.circuitBreaker(), details(upstream, breaker));
        }
        Health.Builder health = open.isEmpty() ? Health.up() : Health.status(new Status(CIRCUIT_OPEN,
                "calls to " + String.join(", ", open) + " are refused at once until the breaker lets a trial through"));
        return health.withDetail("open", open).withDetails(breakers).build();
    }

    private static Map<String, Object> details(Upstream upstream, CircuitBreaker breaker) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("service", upstream.serviceName());
        details.put("state", breaker.getState().name());
        // -1 until the breaker has seen its minimum number of calls: then there is no rate to tell
        if (metrics.getFailureRate() >= 0) {
            details.put("failureRate", metrics.getFailureRate());
        }
        details.put("bufferedCalls", metrics.getNumberOfBufferedCalls());
        details.put("failedCalls", metrics.getNumberOfFailedCalls());
        details.put("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
        return details;
    }
}
