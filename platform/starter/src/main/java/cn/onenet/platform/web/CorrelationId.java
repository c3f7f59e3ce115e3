package cn.onenet.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The id that ties together every log line, event and response of one piece of work. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String KAFKA_HEADER = "onenet_correlation_id";
    public static final String MDC_KEY = "correlationId";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The caller's id when it is well formed, otherwise a fresh one: a header is never trusted blindly. */
    public static String acceptOrCreate(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    /** The id of the work this thread is doing, if any. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    public static void set(String correlationId) {
        MDC.put(MDC_KEY, correlationId);
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
    }

    private CorrelationId() {
    }
}
