package cn.onenet.gateway.upstream;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives a write that takes an {@code Idempotency-Key} (a submission, a department's report, a dispatcher's or a
 * supervisor's step) and came without one a key of the gateway's, sent on in {@value #HEADER}; the services take it
 * as the caller's. When the gateway then can't tell the caller whether the write was applied (the service did not
 * answer in time, or dropped the connection), its 503 names the key, and the write sent again under it is applied
 * once: a keyless hotline request sent again after such a 503 was a second order. A {@value #HEADER} that a caller
 * sends is dropped on every route.
 */
final class GatewayKeys implements GatewayFilter {

    static final String HEADER = "OneNet-Gateway-Key";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Inside the circuit breaker's filter, whose answer names the key. */
    static final int ORDER = UpstreamRoutes.CIRCUIT_BREAKER_ORDER + 1;

    private static final String ATTRIBUTE = GatewayKeys.class.getName() + ".key";

    /** The writes that take a key: intake's submission, routing's steps on an order. */
    private static final Pattern KEYED = Pattern.compile(
            "/api/v1/requests(/[^/]+/(events|extension|feedback|dispatch|transfer|reject|merge))?");

    /** The key the gateway gave the exchange's request, {@code null} if none. */
    static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean keyless = HttpMethod.POST.equals(request.getMethod()) && !request.getHeaders().containsHeader(
                IDEMPOTENCY_KEY) && KEYED.matcher(request.getPath().pathWithinApplication().value()).matches();
        if (!keyless && !request.getHeaders().containsHeader(HEADER)) {
            return chain.filter(exchange);
        }
        String key = keyless ? "gateway-" + UUID.randomUUID() : null;
        ServerHttpRequest forwarded = request.mutate().headers(headers -> {
            headers.remove(HEADER);
            if (key != null) {
                headers.set(HEADER, key);
            }
        }).build();
        if (key != null) {
            exchange.getAttributes().put(ATTRIBUTE, key);
        }
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    @Override
    public String toString() {
        return "GatewayKeys";
    }
}
