package cn.onenet.gateway.correlation;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * The trace an exchange belongs to, as the gateway writes it on its access line and passes it on to the service: the
 * gateway is one hop of the trace, with a span id of its own, so the service's spans are children of the gateway's.
 * <p>
 * A caller's well-formed W3C {@code traceparent} is continued (its trace id and sampling flags, the gateway's span
 * id as the new parent; {@code tracestate} passes unchanged). Without one the gateway starts the trace and passes it
 * on as a B3 single header without a sampling decision ({@code b3: <traceId>-<spanId>}), so each service's own
 * sampling setting decides as it did before; a malformed {@code traceparent} is dropped then. A caller that sent
 * only B3 headers keeps its own trace: the gateway passes them on untouched and its line has no trace ids.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId the gateway's span: 16 lower-case hex digits
 * @param flags the caller's trace flags (two hex digits), or {@code null} for a trace the gateway started
 */
record TraceContext(String traceId, String spanId, String flags) {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String B3 = "b3";
    static final String B3_TRACE_ID = "X-B3-TraceId";

    /** The MDC keys (and ECS fields) the services' log lines carry their trace and span ids under. */
    static final String TRACE_ID_KEY = "traceId";
    static final String SPAN_ID_KEY = "spanId";

    private static final Pattern VERSION_00 = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    // a later version may append fields; its first four read as version 00's
    private static final Pattern LATER_VERSION =
            Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** The caller's trace continued, a new one, or {@code null} when the caller traces with B3 headers only. */
    static TraceContext continueOrStart(HttpHeaders headers) {
        String parent = headers.getFirst(TRACEPARENT);
        if (parent != null && wellFormed(parent)) {
            return new TraceContext(parent.substring(3, 35), newSpanId(), parent.substring(53, 55));
        }
        if (parent == null && (headers.containsHeader(B3) || headers.containsHeader(B3_TRACE_ID))) {
            return null;
        }
        return new TraceContext(newTraceId(), newSpanId(), null);
    }

    /** Sets the headers the service reads this trace from. */
    void passOn(HttpHeaders headers) {
        if (flags != null) {
            headers.set(TRACEPARENT, "00-" + traceId + "-" + spanId + "-" + flags);
            return;
        }
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        headers.set(B3, traceId + "-" + spanId);
    }

    static boolean wellFormed(String traceparent) {
        boolean shape = traceparent.startsWith("00-") ? VERSION_00.matcher(traceparent).matches()
                : !traceparent.startsWith("ff-") && LATER_VERSION.matcher(traceparent).matches();
        return shape && !traceparent.startsWith(ZERO_TRACE, 3) && !traceparent.startsWith(ZERO_SPAN, 36);
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        return hex(high) + hex(low == 0 && high == 0 ? 1 : low);
    }

    private static String newSpanId() {
        long id = ThreadLocalRandom.current().nextLong();
        return hex(id == 0 ? 1 : id);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
