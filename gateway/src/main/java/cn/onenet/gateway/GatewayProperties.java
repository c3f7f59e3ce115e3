package cn.onenet.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services behind the gateway live and how long the gateway waits for them.
 *
 * @param intakeUri base URI of request-intake-service
 * @param routingUri base URI of routing-service
 * @param identityUri base URI of the identity provider, for its client administration ({@code /api/v1/clients})
 * @param timeouts how long to wait for a connection and for each service's answer
 */
@ConfigurationProperties("onenet.gateway")
public record GatewayProperties(
        @DefaultValue("http://localhost:8081") URI intakeUri,
        @DefaultValue("http://localhost:8082") URI routingUri,
        @DefaultValue("http://localhost:9000") URI identityUri,
        @DefaultValue Timeouts timeouts) {

    public GatewayProperties {
        requireHttpBase(intakeUri, "onenet.gateway.intake-uri");
        requireHttpBase(routingUri, "onenet.gateway.routing-uri");
        requireHttpBase(identityUri, "onenet.gateway.identity-uri");
        Objects.requireNonNull(timeouts, "onenet.gateway.timeouts");
    }

    /**
     * @param connect how long to wait for a TCP connection to a service
     * @param intakeResponse how long to wait for request-intake-service's answer; it holds a submission until
     *        Kafka has acknowledged it, up to about six seconds
     * @param routingResponse how long to wait for routing-service's answer
     * @param reportsResponse how long to wait for routing-service's reports ({@code /api/v1/stats/**},
     *        {@code /api/v1/supervision/**}), which read every order of their window: several seconds on a day's
     *        orders, more for a month's
     */
    public record Timeouts(
            @DefaultValue("2s") Duration connect,
            @DefaultValue("10s") Duration intakeResponse,
            @DefaultValue("5s") Duration routingResponse,
            @DefaultValue("60s") Duration reportsResponse) {

        public Timeouts {
            requirePositive(connect, "onenet.gateway.timeouts.connect");
            requirePositive(intakeResponse, "onenet.gateway.timeouts.intake-response");
            requirePositive(routingResponse, "onenet.gateway.timeouts.routing-response");
            requirePositive(reportsResponse, "onenet.gateway.timeouts.reports-response");
            if (connect.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("onenet.gateway.timeouts.connect is too long: " + connect);
            }
        }
    }

    private static void requireHttpBase(URI uri, String property) {
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(property + " must be an absolute http(s) URI, was " + uri);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
            throw new IllegalArgumentException(property + " must not carry a path (requests keep theirs), was " + uri);
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }
}
