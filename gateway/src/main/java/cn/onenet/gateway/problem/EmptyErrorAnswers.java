package cn.onenet.gateway.problem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A 4xx or 5xx the gateway's own handlers end without a body becomes Problem Details like every other refusal: an
 * actuator endpoint answers a health component or metric that does not exist
 * ({@code /actuator/health/nothing}) 404 with no body and no content type. Its {@code setComplete()} is turned into a
 * {@link ResponseStatusException} of that status, which {@link ProblemErrorWebExceptionHandler} answers (the response
 * is not committed yet). Routed answers are written, not completed, so a service's answer passes as it came.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class EmptyErrorAnswers implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        return chain.filter(exchange.mutate().response(new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.value() >= 400 && getHeaders().getContentType() == null
                        && !isCommitted()) {
                    return Mono.error(new ResponseStatusException(status));
                }
                return super.setComplete();
            }
        }).build());
    }
}
