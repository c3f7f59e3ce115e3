package cn.onenet.gateway.upstream;

import cn.onenet.gateway.correlation.CorrelationId;
import cn.onenet.gateway.problem.Problem;
import cn.onenet.gateway.problem.ProblemResponses;
import cn.onenet.contracts.ProblemTypes;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Forwards through the service's circuit breaker. What counts against the service is a failure to get its answer:
 * no connection, a connect or response timeout, a connection dropped mid-answer. Any answer the service does give
 * (2xx, 4xx, its own 503 with its own body and {@code Retry-After}) passes through unchanged and counts as a success.
 * When the call fails, or the breaker is open, the caller gets a 503 Problem naming the service, with
 * {@code Retry-After}; its detail tells a service that did not answer within its timeout from one not reachable.
 * <p>
 * A caller that goes away after the service answered (a client's timeout, under load) makes writing its answer fail;
 * that is not the service's failure and doesn't count against it. It did: under overload, callers timing out while
 * their answers were written opened intake's breaker, and for the next 10 s every channel's submissions were refused
 * while intake could take them (README, fifteenth session). Such answers are counted in
 * {@code onenet.gateway.answers.undelivered}.
 * <p>
 * The fallback is written here rather than by forwarding to a fallback URI, so no fallback endpoint is exposed
 * and request bodies need not be cached for a replay.
 */
final class CircuitBreakerFilter implements GatewayFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    /** Readings: nothing to apply twice when repeated. */
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakerFilter.class);

    private final Upstream upstream;
    private final Duration patience;
    private final ReactiveCircuitBreaker circuitBreaker;
    private final ProblemResponses problems;
    private final Predicate<ServerWebExchange> callerGone;
    private final Counter undelivered;

    /** @param patience the route's response timeout, as callers are told when it runs out */
    CircuitBreakerFilter(Upstream upstream, Duration patience, ReactiveCircuitBreaker circuitBreaker,
            ProblemResponses problems, MeterRegistry meters) {
        this(upstream, patience, circuitBreaker, problems, CircuitBreakerFilter::callerConnectionClosed, meters);
    }

    CircuitBreakerFilter(Upstream upstream, Duration patience, ReactiveCircuitBreaker circuitBreaker,
            ProblemResponses problems, Predicate<ServerWebExchange> callerGone, MeterRegistry meters) {
        this.upstream = upstream;
        this.patience = patience;
        this.circuitBreaker = circuitBreaker;
        this.problems = problems;
        this.callerGone = callerGone;
        this.undelivered = Counter.builder("onenet.gateway.answers.undelivered")
                .description("answers of a service the caller had gone away before they were written")
                .tag("service", upstream.serviceName())
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Mono<Void> forwarding = chain.filter(exchange).onErrorResume(
                failure -> exchange.getResponse().isCommitted() && callerGone.test(exchange),
                failure -> undelivered(exchange, failure));
        return circuitBreaker.run(forwarding, failure -> unavailable(exchange, failure));
    }

    /** True once the caller's connection has closed; false where the request is not Reactor Netty's (a test's). */
    static boolean callerConnectionClosed(ServerWebExchange exchange) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        } catch (IllegalStateException | IllegalArgumentException noNativeRequest) {
            return false;
        }
        return nativeRequest instanceof Connection connection && !connection.channel().isActive();
    }

    private Mono<Void> undelivered(ServerWebExchange exchange, Throwable failure) {
        undelivered.increment();
        try (MDC.MDCCloseable ignored = CorrelationId.logContext(exchange)) {
            log.info("{} answered {} {} with {}, but the caller had gone before the answer was written ({})",
                    upstream.serviceName(), exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                    exchange.getResponse().getStatusCode(), describe(failure));
        }
        return Mono.empty();
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
        HttpMethod method = exchange.getRequest().getMethod();
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("service", upstream.serviceName());
        String failed = timedOut(failure) ? upstream.serviceName() + " did not answer within "
                + patience.toSeconds() + " s" : upstream.serviceName() + " closed the connection before answering";
        String detail;
        if (neverSent(failure)) {
            detail = upstream.serviceName() + " is not reachable right now; try again shortly.";
        }
        else if (SAFE_METHODS.contains(method)) {
            detail = failed + "; try again shortly.";
        }
        else {
            // it had the request: it may have applied it before the gateway gave up on the answer
            extensions.put("outcome", "unknown");
            detail = failed + ": what was sent may have been applied. " + repeating(exchange, extensions);
        }
        Problem problem = new Problem(ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", 503, detail, path,
                extensions);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return problems.write(exchange, problem, headers);
    }

    /** How to send a write again that may have been applied; names the gateway's key in {@code extensions}. */
    private static String repeating(ServerWebExchange exchange, Map<String, Object> extensions) {
        String key = exchange.getRequest().getHeaders().getFirst(GatewayKeys.IDEMPOTENCY_KEY);
        if (key != null) {
            return "Send it again with the same Idempotency-Key (" + key + "): it is applied once, and answered as "
                    + "it was.";
        }
        String gatewaysKey = GatewayKeys.of(exchange);
        if (gatewaysKey != null) {
            extensions.put("idempotencyKey", gatewaysKey);
            return "It came without an Idempotency-Key; the gateway gave it the key " + gatewaysKey + ": send it "
                    + "again with the header Idempotency-Key: " + gatewaysKey + ". It is applied once, and answered "
                    + "as it was.";
        }
        return "Look it up before sending it again: sent again, it may be applied twice.";
    }

    /**
     * The request never reached the service: the breaker was open, or no connection could be made. Anything else
     * (no answer in time, a connection closed or reset before the answer) may have come after the service had it.
     */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallNotPermittedException || cause instanceof ConnectException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The route's response timeout ran out (Spring Cloud Gateway maps it to 504). */
    private static boolean timedOut(Throwable failure) {
        return failure instanceof ResponseStatusException statusException
                && statusException.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
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
