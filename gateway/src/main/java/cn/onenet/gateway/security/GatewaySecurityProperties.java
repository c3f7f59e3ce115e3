package cn.onenet.gateway.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param consoleIssuer where the web console sends people to sign in: the identity provider as the browser reaches it
 *        (by default the issuer the gateway trusts)
 * @param consoleClientId the public OAuth2 client the web console signs people in with
 * @param maxBodySize the largest request body the gateway forwards; larger ones are refused with 413
 * @param rateLimit how many calls each client (token subject) may make
 */
@ConfigurationProperties("onenet.gateway.security")
public record GatewaySecurityProperties(
        String consoleIssuer,
        @DefaultValue("onenet-console") String consoleClientId,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue RateLimit rateLimit) {

    public GatewaySecurityProperties {
        if (maxBodySize == null || maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("onenet.gateway.security.max-body-size must be positive, was " + maxBodySize);
        }
    }

    /**
     * The allowance of every client, and of named clients what differs from it. A named client's setting overrides
     * only what it names: {@code clients.<subject>.limit-for-period=5} alone keeps the global refresh period.
     *
     * @param limitForPeriod calls a client may make per period
     * @param refreshPeriod the period after which its allowance is full again
     * @param clients other limits for named clients (by token subject: a client id, or a user name)
     */
    public record RateLimit(
            @DefaultValue("1000") int limitForPeriod,
            @DefaultValue("1s") Duration refreshPeriod,
            Map<String, ClientLimit> clients) {

        private static final String PREFIX = "onenet.gateway.security.rate-limit.";

        public RateLimit {
            Limit.of(limitForPeriod, refreshPeriod, PREFIX);
            clients = clients == null ? Map.of() : Map.copyOf(clients);
            clients.forEach((subject, client) -> client.over(limitForPeriod, refreshPeriod, subject));
        }

        Limit limitFor(String subject) {
            ClientLimit client = clients.get(subject);
            return client == null ? new Limit(limitForPeriod, refreshPeriod)
                    : client.over(limitForPeriod, refreshPeriod, subject);
        }
    }

    /**
     * A named client's setting as configured: each field left out ({@code null}) is the global one's.
     *
     * @param limitForPeriod calls the client may make per period, or {@code null} for the global number
     * @param refreshPeriod the client's period, or {@code null} for the global period
     */
    public record ClientLimit(Integer limitForPeriod, Duration refreshPeriod) {

        /** The client's allowance with what it leaves out taken from the global one; refuses invalid values. */
        Limit over(int globalLimitForPeriod, Duration globalRefreshPeriod, String subject) {
            return Limit.of(limitForPeriod != null ? limitForPeriod : globalLimitForPeriod,
                    refreshPeriod != null ? refreshPeriod : globalRefreshPeriod,
                    RateLimit.PREFIX + "clients." + subject + ".");
        }
    }

    /** A client's allowance: {@code limitForPeriod} calls per {@code refreshPeriod}. */
    public record Limit(int limitForPeriod, Duration refreshPeriod) {

        public Limit {
            requireValid(limitForPeriod, refreshPeriod, "a rate limit's ");
        }

        /** The allowance, refusing invalid values with the names of the properties under {@code prefix}. */
        static Limit of(int limitForPeriod, Duration refreshPeriod, String prefix) {
            requireValid(limitForPeriod, refreshPeriod, prefix);
            return new Limit(limitForPeriod, refreshPeriod);
        }

        private static void requireValid(int limitForPeriod, Duration refreshPeriod, String prefix) {
            if (limitForPeriod <= 0) {
                throw new IllegalArgumentException(prefix + "limit-for-period must allow at least one call per "
                        + "period, was " + limitForPeriod);
            }
            if (refreshPeriod == null || refreshPeriod.isNegative() || refreshPeriod.isZero()) {
                throw new IllegalArgumentException(prefix + "refresh-period must be positive, was " + refreshPeriod);
            }
        }
    }
}
