package cn.onenet.gateway.upstream;

import cn.onenet.gateway.correlation.CorrelationId;
import cn.onenet.gateway.problem.Problem;
import cn.onenet.gateway.problem.ProblemResponses;
import cn.onenet.contracts.ProblemTypes;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Forwards through the service's circuit breaker. What counts against the service is a failure to get its answer:
 * no connection, a connect or response timeout, a connection dropped mid-answer. Any answer the service does give
 * (2xx, 4xx, its own 503 with its own body and {@code Retry-After}) passes through unchanged and counts as a success.
 * When the call fails, or the breaker is open, the caller gets a 503 Problem naming the service, with
 * {@code Retry-After}.
 * <p>
 * The fallback is written here rather than by forwarding to a fallback URI, so no fallback endpoint is exposed
 * and request bodies need not be cached for a replay.
 */
final class CircuitBreakerFilter implements GatewayFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakerFilter.class);

    private final Upstream upstream;
    private final ReactiveCircuitBreaker circuitBreaker;
    private final ProblemResponses problems;

    CircuitBreakerFilter(Upstream upstream, ReactiveCircuitBreaker circuitBreaker, ProblemResponses problems) {
        this.upstream = upstream;
        this.circuitBreaker = circuitBreaker;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return circuitBreaker.run(chain.filter(exchange), failure -> unavailable(exchange, failure));
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            // part of the service's answer has reached the caller: nothing sensible can replace it
            return Mono.error(failure);
        }
        String path = exchange.getRequest().getPath().value();
        try (MDC.MDCCloseable ignored = CorrelationId.logContext(exchange)) {
            log.warn("{} unavailable for {} {}: {}", upstream.serviceName(), exchange.getRequest().getMethod(), path,
                    describe(failure));
        }
        Problem problem = new Problem(ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", 503,
                upstream.serviceName() + " is not reachable right now; try again shortly.", path,
                Map.of("service", upstream.serviceName()));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return problems.write(exchange, problem, headers);
    }

    private String describe(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "circuit breaker '" + upstream.circuitBreaker() + "' is open";
        }
        if (failure instanceof ResponseStatusException statusException && statusException.getReason() != null) {
            return statusException.getReason();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + upstream.circuitBreaker() + "]";
    }
}
