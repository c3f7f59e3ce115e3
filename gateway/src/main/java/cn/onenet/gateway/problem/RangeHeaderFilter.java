package cn.onenet.gateway.problem;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A {@code Range} header that is no list of byte ranges is dropped, as RFC 9110 (section 14.2) has a server ignore a
 * range it cannot read: the console's page answered one ({@code Range: ?i\Y}) 416 with an HTML content type and no
 * body (found by the gateway's fuzzing). A readable range, satisfiable or not, goes on as it came.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RangeHeaderFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> ranges = exchange.getRequest().getHeaders().get(HttpHeaders.RANGE);
        if (ranges == null || readable(ranges)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
            .request(request -> request.headers(headers -> headers.remove(HttpHeaders.RANGE)))
            .build());
    }

    private static boolean readable(List<String> ranges) {
        try {
            for (String range : ranges) {
                HttpRange.parseRanges(range);
            }
            return ranges.size() == 1;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }
}
