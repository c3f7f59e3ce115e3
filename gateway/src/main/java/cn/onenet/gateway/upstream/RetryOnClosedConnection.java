package cn.onenet.gateway.upstream;

import cn.onenet.gateway.correlation.CorrelationId;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * Sends a GET or HEAD to the service once more when the connection it went out on was closed (or reset) before any
 * answer was passed to the caller: a pooled connection the service had closed, typically after its restart, which the
 * gateway learns of only by using it. Before, such a call was answered 503 although the service was up. Never a POST,
 * PUT, PATCH or DELETE (the service may have acted on it), never on an answer the service gave (a 5xx included), never
 * on a timeout or a refused connection (a new connection would not fare better), and only once. It runs inside the
 * circuit breaker: the call and its retry count as one call there.
 */
final class RetryOnClosedConnection implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(RetryOnClosedConnection.class);
    private static final Set<HttpMethod> IDEMPOTENT_READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final Upstream upstream;

    RetryOnClosedConnection(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!IDEMPOTENT_READS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).retryWhen(Retry.max(1)
            .filter(failure -> closedBeforeAnswering(exchange, failure))
            .doBeforeRetry(signal -> {
                try (MDC.MDCCloseable ignored = CorrelationId.logContext(exchange)) {
                    log.info("{} closed the connection of {} {} before answering ({}); sending it once more",
                            upstream.serviceName(), exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath().value(), signal.failure().toString());
                }
                ServerWebExchangeUtils.reset(exchange);
            })
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    static boolean closedBeforeAnswering(ServerWebExchange exchange, Throwable failure) {
        return !exchange.getResponse().isCommitted() && (closed(failure) || closed(failure.getCause()));
    }

    private static boolean closed(Throwable failure) {
        return failure instanceof PrematureCloseException
                || failure instanceof IOException io && io.getMessage() != null
                        && io.getMessage().contains("Connection reset");
    }

    @Override
    public String toString() {
        return "RetryOnClosedConnection[" + upstream.circuitBreaker() + "]";
    }
}
