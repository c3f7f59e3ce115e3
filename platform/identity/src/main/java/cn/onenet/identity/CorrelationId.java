package cn.onenet.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The id that ties a response to the log lines of the call, as in the gateway and the services: taken from the
 * caller's {@value #HEADER} when well formed (the gateway passes its own on), made up otherwise, echoed in the response
 * header and carried as {@code correlationId} by every Problem Details body, so a caller can quote it to support.
 */
final class CorrelationId {

    static final String HEADER = "X-Correlation-Id";
    static final String MDC_KEY = "correlationId";
    static final String PROBLEM_PROPERTY = "correlationId";

    private static final String ATTRIBUTE = CorrelationId.class.getName();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    /** The caller's id when it is well formed, otherwise a fresh one: a header is never trusted blindly. */
    static String acceptOrCreate(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    static void attach(HttpServletRequest request, String correlationId) {
        request.setAttribute(ATTRIBUTE, correlationId);
    }

    /** The id of the call {@code request} belongs to, or {@code null} if it never passed the correlation filter. */
    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }

    /** The id of the call this thread serves, to pass on to a service it asks; {@code null} outside a call. */
    static String current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes call
                ? of(call.getRequest()) : null;
    }
}
