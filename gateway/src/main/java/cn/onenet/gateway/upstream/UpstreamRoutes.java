package cn.onenet.gateway.upstream;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import cn.onenet.gateway.GatewayProperties;
import cn.onenet.gateway.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API of API.md, split between the two services: accepting a request is intake's one job; everything
 * else (work orders, reference data, statistics) is routing-service's. Paths pass through unchanged. Each service's
 * OpenAPI document is reachable at {@code /v3/api-docs/<service>}.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamRoutes {

    /** Outside every other route filter, so that timeouts and failures of the whole forwarding count. */
    static final int CIRCUIT_BREAKER_ORDER = -100;

    private final GatewayProperties properties;
    private final Map<Upstream, GatewayFilter> circuitBreakers = new EnumMap<>(Upstream.class);
    private final GatewayKeys gatewayKeys = new GatewayKeys();

    UpstreamRoutes(GatewayProperties properties, ReactiveCircuitBreakerFactory<?, ?> circuitBreakerFactory,
            ProblemResponses problems, MeterRegistry meters) {
        this.properties = properties;
        for (Upstream upstream : Upstream.values()) {
            circuitBreakers.put(upstream, new CircuitBreakerFilter(upstream, upstream.responseTimeout(properties),
                    circuitBreakerFactory.create(upstream.circuitBreaker()), problems, meters));
        }
    }

    @Bean
    RouteLocator upstreamRouteLocator(RouteLocatorBuilder routes, JsonMapper json) {
        OpenApiServers throughGateway = new OpenApiServers(json);
        return routes.routes()
            .route("intake-submit", route -> upstream(route.order(0)
                .method(HttpMethod.POST).and().path("/api/v1/requests")
                .filters(filters -> guarded(filters, Upstream.INTAKE)), Upstream.INTAKE))
            // machine clients (channel and department systems) are the identity provider's to keep
            .route("identity-clients", route -> upstream(route.order(0)
                .path("/api/v1/clients", "/api/v1/clients/**")
                .filters(filters -> guarded(filters, Upstream.IDENTITY)), Upstream.IDENTITY))
            // reports read many orders: a longer timeout and a breaker of their own
            .route("routing-reports", route -> upstream(route.order(0)
                .path("/api/v1/stats/**", "/api/v1/supervision/**")
                .filters(filters -> guarded(filters, Upstream.REPORTS)), Upstream.REPORTS))
            // intake's administration (its dead letters) under a prefix of its own, taken off on the way
            .route("intake-admin", route -> upstream(route.order(0)
                .path("/api/v1/admin/intake/**")
                .filters(filters -> guarded(filters, Upstream.INTAKE_ADMIN)
                    .rewritePath("^/api/v1/admin/intake/(?<rest>.*)$", "/api/v1/admin/${rest}")),
                Upstream.INTAKE_ADMIN))
            // routing's administration: lists of every delivery or dead letter; the same patience, its own breaker
            .route("routing-admin", route -> upstream(route.order(0)
                .path("/api/v1/webhooks", "/api/v1/webhooks/**", "/api/v1/admin/**")
                .filters(filters -> guarded(filters, Upstream.ADMIN)), Upstream.ADMIN))
            // every other API path belongs to routing-service (requests, reference data, rules, triage, calendar,
            // stats, supervision, webhooks, feed); a service added later gets its own, more specific route first
            .route("routing-api", route -> upstream(route.order(1)
                .path("/api/v1/**")
                .filters(filters -> guarded(filters, Upstream.ROUTING)), Upstream.ROUTING))
            .route("intake-api-docs", route -> upstream(route.order(2)
                .method(HttpMethod.GET).and().path("/v3/api-docs/intake")
                .filters(filters -> guarded(filters, Upstream.INTAKE).setPath("/v3/api-docs")
                    .modifyResponseBody(String.class, String.class, throughGateway)), Upstream.INTAKE))
            .route("routing-api-docs", route -> upstream(route.order(3)
                .method(HttpMethod.GET).and().path("/v3/api-docs/routing")
                .filters(filters -> guarded(filters, Upstream.ROUTING).setPath("/v3/api-docs")
                    .modifyResponseBody(String.class, String.class, throughGateway)), Upstream.ROUTING))
            .build();
    }

    private GatewayFilterSpec guarded(GatewayFilterSpec filters, Upstream upstream) {
        return filters.filter(circuitBreakers.get(upstream), CIRCUIT_BREAKER_ORDER)
            .filter(gatewayKeys, GatewayKeys.ORDER);
    }

    private Buildable<Route> upstream(UriSpec route, Upstream upstream) {
        return route
            .metadata(CONNECT_TIMEOUT_ATTR, (int) properties.timeouts().connect().toMillis())
            .metadata(RESPONSE_TIMEOUT_ATTR, upstream.responseTimeout(properties).toMillis())
            .uri(upstream.uri(properties));
    }
}
