package cn.onenet.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the key the gateway gives a write its caller sent without an {@code Idempotency-Key} (header
 * {@value #HEADER}) as if the caller had sent it. When the gateway can't tell the caller whether such a write was
 * applied (the service did not answer in time, or the connection dropped), its 503 names that key, and the same write
 * sent again under it is applied once: a keyless hotline request sent again after such a 503 was a second order.
 * A caller's own key always wins; the gateway drops a {@value #HEADER} that callers send.
 */
public class GatewayKeyFilter extends OncePerRequestFilter {

    /** The header the gateway sends its key in. */
    public static final String HEADER = "OneNet-Gateway-Key";

    private static final String ATTRIBUTE = GatewayKeyFilter.class.getName() + ".key";

    /** The gateway's key the request is taken under; {@code null} when it came with its caller's own key or none. */
    public static String gatewaysKey(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String key ? key : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank() || request.getHeader(IdempotencyKey.HEADER) != null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ATTRIBUTE, key);
        chain.doFilter(new Keyed(request, key), response);
    }

    /** The request with the gateway's key as its {@code Idempotency-Key}. */
    private static final class Keyed extends HttpServletRequestWrapper {

        private final String key;

        Keyed(HttpServletRequest request, String key) {
            super(request);
            this.key = key;
        }

        @Override
        public String getHeader(String name) {
            return IdempotencyKey.HEADER.equalsIgnoreCase(name) ? key : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return IdempotencyKey.HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(key))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
            names.add(IdempotencyKey.HEADER);
            return Collections.enumeration(names);
        }
    }
}
