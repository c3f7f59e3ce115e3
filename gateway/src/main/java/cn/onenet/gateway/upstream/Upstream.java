package cn.onenet.gateway.upstream;

import cn.onenet.gateway.GatewayProperties;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/** A service behind the gateway: its circuit breaker instance, the name callers see, where it is and its patience. */
enum Upstream {

    INTAKE("intake", "request-intake-service", GatewayProperties::intakeUri,
            GatewayProperties.Timeouts::intakeResponse),

    ROUTING("routing", "routing-service", GatewayProperties::routingUri, GatewayProperties.Timeouts::routingResponse),

    /**
     * Routing-service's reports (statistics, supervision): the same service, with a longer patience and a breaker
     * of their own, so that a report slow on a month's orders neither times out at routing's five seconds nor
     * counts against the breaker that dispatchers' and departments' calls go through.
     */
    REPORTS("routing-reports", "routing-service", GatewayProperties::routingUri,
            GatewayProperties.Timeouts::reportsResponse),

    /**
     * Routing-service's administration (webhooks and their deliveries, dead letters): the same service, with the
     * reports' patience and a breaker of its own, so that an administrator's list of a month's deliveries, slow or
     * repeated, neither times out at routing's five seconds nor opens the breaker every order's calls go through
     * (ten such lists had shut routing off for every department for 50 s).
     */
    ADMIN("routing-admin", "routing-service", GatewayProperties::routingUri,
            GatewayProperties.Timeouts::reportsResponse),

    /**
     * Request-intake-service's administration (the dead letters of the reference snapshot it reads), under
     * {@code /api/v1/admin/intake/}: the administration's patience and a breaker of its own, apart from acceptance.
     */
    INTAKE_ADMIN("intake-admin", "request-intake-service", GatewayProperties::intakeUri,
            GatewayProperties.Timeouts::reportsResponse),

    /** The identity provider, for administrators managing machine clients. */
    IDENTITY("identity", "identity", GatewayProperties::identityUri, GatewayProperties.Timeouts::routingResponse);

    private final String circuitBreaker;
    private final String serviceName;
    private final Function<GatewayProperties, URI> uri;
    private final Function<GatewayProperties.Timeouts, Duration> responseTimeout;

    Upstream(String circuitBreaker, String serviceName, Function<GatewayProperties, URI> uri,
            Function<GatewayProperties.Timeouts, Duration> responseTimeout) {
        this.circuitBreaker = circuitBreaker;
        this.serviceName = serviceName;
        this.uri = uri;
        this.responseTimeout = responseTimeout;
    }

    /** The Resilience4j instance name; its settings live under {@code resilience4j.circuitbreaker.instances}. */
    String circuitBreaker() {
        return circuitBreaker;
    }

    /** The name of the service as callers and operators know it. */
    String serviceName() {
        return serviceName;
    }

    URI uri(GatewayProperties properties) {
        return uri.apply(properties);
    }

    Duration responseTimeout(GatewayProperties properties) {
        return responseTimeout.apply(properties.timeouts());
    }
}
