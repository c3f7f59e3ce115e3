package cn.onenet.gateway.correlation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Runs first for every exchange (routed, static, actuator, and the gateway's own errors): accepts the caller's
 * {@value CorrelationId#HEADER} when well formed or creates one, passes it downstream, sets it on the response just
 * before it is committed (replacing whatever a service echoed) and writes one access-log line carrying it
 * ({@code onenet.gateway.access}; management endpoints only at DEBUG).
 * <p>
 * The access line also names the exchange's trace ({@code traceId}, {@code spanId}: the gateway's span, see
 * {@link ExchangeSpan}, which this filter passes on to the service as its parent) and, once a token was validated, its
 * caller ({@code client.id}, {@code user.name}: see {@link LoggedCaller}).
 * <p>
 * The id is also the exchange's log prefix, so Spring's own log lines about the exchange show it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdWebFilter implements WebFilter {

    private static final Logger accessLog = LoggerFactory.getLogger("onenet.gateway.access");

    private final Propagator propagator;

    CorrelationIdWebFilter(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String supplied = exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER);
        String correlationId = CorrelationId.acceptOrCreate(supplied);
        Span trace = ExchangeSpan.of(exchange);
        ServerHttpRequest request = exchange.getRequest()
            .mutate()
            .headers(headers -> {
                headers.set(CorrelationId.HEADER, correlationId);
                if (trace != null) {
                    ExchangeSpan.passOn(trace, propagator, headers);
                }
            })
            .build();
        ServerWebExchange correlated = exchange.mutate().request(request).build();
        correlated.getAttributes().put(CorrelationId.ATTRIBUTE, correlationId);
        correlated.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, correlationId);

        long started = System.nanoTime();
        ServerHttpResponse response = correlated.getResponse();
        response.beforeCommit(() -> {
            response.getHeaders().set(CorrelationId.HEADER, correlationId);
            logAccess(correlated, trace, response.getStatusCode(), started);
            return Mono.empty();
        });
        return chain.filter(correlated).doFinally(signal -> {
            if (signal == SignalType.CANCEL && !response.isCommitted()) {
                logCancelled(correlated, trace, started);
            }
        });
    }

    private static void logAccess(ServerWebExchange exchange, Span trace, HttpStatusCode status,
            long started) {
        String path = exchange.getRequest().getURI().getRawPath();
        // health checks and metric scrapes come every few seconds: they would drown the lines that matter
        Level level = path.startsWith("/actuator/") ? Level.DEBUG : Level.INFO;
        if (accessLog.isEnabledForLevel(level)) {
            int code = status == null ? 200 : status.value();
            long millis = elapsedMillis(started);
            try (LogContext ignored = new LogContext(exchange, trace)) {
                access(exchange, level, millis)
                    .addKeyValue("http.response.status_code", code)
                    .log("{} {} -> {} in {} ms", exchange.getRequest().getMethod(), path, code, millis);
            }
        }
    }

    private static void logCancelled(ServerWebExchange exchange, Span trace, long started) {
        if (accessLog.isInfoEnabled()) {
            long millis = elapsedMillis(started);
            try (LogContext ignored = new LogContext(exchange, trace)) {
                access(exchange, Level.INFO, millis)
                    .addKeyValue("event.outcome", "cancelled")
                    .log("{} {} -> cancelled by the client after {} ms", exchange.getRequest().getMethod(),
                            exchange.getRequest().getURI().getRawPath(), millis);
            }
        }
    }

    /** The access line's fields, named as the Elastic Common Schema names them (nested objects in the ECS lines). */
    private static LoggingEventBuilder access(ServerWebExchange exchange, Level level, long millis) {
        LoggingEventBuilder line = accessLog.atLevel(level)
            .addKeyValue("http.request.method", exchange.getRequest().getMethod().name())
            .addKeyValue("url.path", exchange.getRequest().getURI().getRawPath())
            .addKeyValue("event.duration", millis * 1_000_000);
        LoggedCaller caller = LoggedCaller.of(exchange);
        if (caller != null && caller.clientId() != null) {
            line.addKeyValue("client.id", caller.clientId());
        }
        if (caller != null && caller.userName() != null) {
            line.addKeyValue("user.name", caller.userName());
        }
        return line;
    }

    /**
     * The exchange's correlation id, trace id and span id in the MDC while its line is written (reactive code runs
     * on whichever event loop: the thread's MDC says nothing about the exchange), as the services' lines carry them.
     */
    private static final class LogContext implements AutoCloseable {

        private final MDC.MDCCloseable correlation;
        private final boolean traced;

        LogContext(ServerWebExchange exchange, Span trace) {
            this.correlation = CorrelationId.logContext(exchange);
            this.traced = trace != null;
            if (traced) {
                MDC.put(ExchangeSpan.TRACE_ID_KEY, trace.context().traceId());
                MDC.put(ExchangeSpan.SPAN_ID_KEY, trace.context().spanId());
            }
        }

        @Override
        public void close() {
            if (traced) {
                MDC.remove(ExchangeSpan.TRACE_ID_KEY);
                MDC.remove(ExchangeSpan.SPAN_ID_KEY);
            }
            correlation.close();
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
