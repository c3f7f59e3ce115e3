package cn.onenet.gateway.problem;

import cn.onenet.contracts.MediaTypeRefusals;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * An {@code Accept} header read before anything else does, as the services read it (the starter's filter of the
 * same name). One that is no list of media types ({@code )|}, {@code *}{@code /*;q=abc}) is refused 400 naming it,
 * before security or a route: the services answered it with an empty
 * 406, the console's page with a 500. An empty one is passed on as none (any type): Actuator's Prometheus endpoint
 * failed on it with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class AcceptHeaderFilter implements WebFilter {

    private final ProblemResponses problems;

    AcceptHeaderFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> accepts = exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT);
        if (accepts == null) {
            return chain.filter(exchange);
        }
        if (accepts.stream().allMatch(String::isBlank)) {
            return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.remove(HttpHeaders.ACCEPT)))
                .build());
        }
        try {
            MediaType.parseMediaTypes(accepts);
        }
        catch (RuntimeException ex) {
            InvalidMediaTypeException invalid = ex instanceof InvalidMediaTypeException known ? known
                    : new InvalidMediaTypeException(String.join(", ", accepts),
                            MediaTypeRefusals.unreadable(String.join(", ", accepts)));
            return problems.write(exchange, ProblemErrorWebExceptionHandler.malformedMediaType(HttpHeaders.ACCEPT,
                    invalid, exchange.getRequest().getPath().value()), new HttpHeaders());
        }
        return chain.filter(exchange);
    }
}
