package cn.onenet.gateway.upstream;

import cn.onenet.gateway.GatewayProperties;
import java.net.URI;
import java.time.Duration;

/** A service behind the gateway: its circuit breaker instance, the name callers see, where it is and its patience. */
enum Upstream {

    INTAKE("intake", "request-intake-service") {
        @Override
        URI uri(GatewayProperties properties) {
            return properties.intakeUri();
        }

        @Override
        Duration responseTimeout(GatewayProperties properties) {
            return properties.timeouts().intakeResponse();
        }
    },

    ROUTING("routing", "routing-service") {
        @Override
        URI uri(GatewayProperties properties) {
            return properties.routingUri();
        }

        @Override
        Duration responseTimeout(GatewayProperties properties) {
            return properties.timeouts().routingResponse();
        }
    },

    /**
     * Routing-service's reports (statistics, supervision): the same service, with a longer patience and a breaker
     * of their own, so that a report slow on a month's orders neither times out at routing's five seconds nor
     * counts against the breaker that dispatchers' and departments' calls go through.
     */
    REPORTS("routing-reports", "routing-service") {
        @Override
        URI uri(GatewayProperties properties) {
            return properties.routingUri();
        }

        @Override
        Duration responseTimeout(GatewayProperties properties) {
            return properties.timeouts().reportsResponse();
        }
    },

    /** The identity provider, for administrators managing machine clients. */
    IDENTITY("identity", "identity") {
        @Override
        URI uri(GatewayProperties properties) {
            return properties.identityUri();
        }

        @Override
        Duration responseTimeout(GatewayProperties properties) {
            return properties.timeouts().routingResponse();
        }
    };

    private final String circuitBreaker;
    private final String serviceName;

    Upstream(String circuitBreaker, String serviceName) {
        this.circuitBreaker = circuitBreaker;
        this.serviceName = serviceName;
    }

    /** The Resilience4j instance name; its settings live under {@code resilience4j.circuitbreaker.instances}. */
    String circuitBreaker() {
        return circuitBreaker;
    }

    /** The name of the service as callers and operators know it. */
    String serviceName() {
        return serviceName;
    }

    abstract URI uri(GatewayProperties properties);

    abstract Duration responseTimeout(GatewayProperties properties);
}
