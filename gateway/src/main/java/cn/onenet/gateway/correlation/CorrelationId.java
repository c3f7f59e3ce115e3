package cn.onenet.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

/**
 * The id that ties together the gateway's log lines, the services' log lines and events, and the response of one
 * exchange. The same header, MDC key and format as the services use (see the platform starter).
 */
public final class CorrelationId {

    /** The request and response header carrying the id. */
    public static final String HEADER = "X-Correlation-Id";

    /** The MDC key the log pattern prints. */
    public static final String MDC_KEY = "correlationId";

    static final String ATTRIBUTE = CorrelationId.class.getName();

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The caller's id when it is well formed, otherwise a fresh one: a header is never trusted blindly. */
    static String acceptOrCreate(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    /** The id of this exchange, or {@code "-"} for an exchange that never passed the correlation filter. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : "-";
    }

    /**
     * Puts the exchange's id in the MDC until the returned handle is closed; use it around log statements made
     * from reactive code, where the MDC of the thread says nothing about the exchange being served.
     */
    public static MDC.MDCCloseable logContext(ServerWebExchange exchange) {
        return MDC.putCloseable(MDC_KEY, of(exchange));
    }

    private CorrelationId() {
    }
}
