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
     * @param limitForPeriod calls a client may make per period
     * @param refreshPeriod the period after which its allowance is full again
     * @param clients other limits for named clients (by token subject: a client id, or a user name)
     */
    public record RateLimit(
            @DefaultValue("1000") int limitForPeriod,
            @DefaultValue("1s") Duration refreshPeriod,
            Map<String, Limit> clients) {

        public RateLimit {
            new Limit(limitForPeriod, refreshPeriod);
            clients = clients == null ? Map.of() : Map.copyOf(clients);
        }

        Limit limitFor(String subject) {
            return clients.getOrDefault(subject, new Limit(limitForPeriod, refreshPeriod));
        }
    }

    /** A client's allowance: {@code limitForPeriod} calls per {@code refreshPeriod}. */
    public record Limit(int limitForPeriod, Duration refreshPeriod) {

        public Limit {
            if (limitForPeriod <= 0) {
                throw new IllegalArgumentException("a rate limit must allow at least one call per period, was " + limitForPeriod);
            }
            if (refreshPeriod == null || refreshPeriod.isNegative() || refreshPeriod.isZero()) {
                throw new IllegalArgumentException("a rate limit's refresh period must be positive, was " + refreshPeriod);
            }
        }
    }
}
