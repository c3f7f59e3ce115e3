package cn.onenet.gateway.correlation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's span of an exchange: the one Micrometer Tracing started with the exchange's server observation
 * ({@code http.server.requests}), so it is the gateway's hop of the trace as the services' spans are theirs, and is
 * exported with them. It continues the caller's trace (W3C {@code traceparent}, or B3 headers) with its sampling
 * decision, or starts one sampled as {@code management.tracing.sampling.probability} says; a malformed
 * {@code traceparent} starts a new trace.
 * <p>
 * The service is passed the gateway's span as its parent ({@link #passOn}: {@code traceparent}, with the sampling
 * flag the services follow); a caller's own trace headers are not passed on beside it.
 */
final class ExchangeSpan {

    /** The MDC keys (and ECS fields) the services' log lines carry their trace and span ids under. */
    static final String TRACE_ID_KEY = "traceId";
    static final String SPAN_ID_KEY = "spanId";

    /** What a caller may send to say its trace; the propagator writes the gateway's own instead. */
    private static final List<String> CALLERS_TRACE_HEADERS = List.of("traceparent", "b3", "X-B3-TraceId",
            "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

    private ExchangeSpan() {
    }

    /** The exchange's span, or null where nothing traces it (tracing turned off). */
    static Span of(ServerWebExchange exchange) {
        Span span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
            .map(context -> context.<TracingObservationHandler.TracingContext>get(
                    TracingObservationHandler.TracingContext.class))
            .map(TracingObservationHandler.TracingContext::getSpan)
            .orElse(null);
        // a span of the no-op tracer has no ids; one not sampled has them and passes them on
        return span == null || span.context().traceId().isEmpty() ? null : span;
    }

    /** Sets the headers the service reads its parent from: the gateway's span. */
    static void passOn(Span span, Propagator propagator, HttpHeaders headers) {
        CALLERS_TRACE_HEADERS.forEach(headers::remove);
        propagator.inject(span.context(), headers, HttpHeaders::set);
    }
}
