package cn.onenet.gateway;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code HEAD} answered as {@code GET} where the gateway serves a page or document of its own that is matched by
 * method: the console's page at {@code /} (Boot's welcome page), {@code /console/config.json} and the services' API
 * documents ({@code /v3/api-docs/intake}, {@code /v3/api-docs/routing}) were 404 to a {@code HEAD} — an uptime check's
 * usual request — while {@code GET} served them (HTTP has {@code HEAD} wherever {@code GET} is). The request goes on
 * as a {@code GET}, before security (so it is checked as one); WebFlux answers a {@code HEAD} without the body and
 * with the headers, its length included. The API, the actuator and static files take {@code HEAD} themselves and
 * are left as they are (a {@code HEAD} of the API reaches the service as one).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class HeadAsGet implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/") && !path.equals("/console/config.json") && !path.startsWith("/v3/api-docs/")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(request -> request.method(HttpMethod.GET)).build());
    }
}
