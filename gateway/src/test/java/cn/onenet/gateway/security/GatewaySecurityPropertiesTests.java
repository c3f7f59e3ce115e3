package cn.onenet.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GatewaySecurityPropertiesTests {

    private static final String RATE_LIMIT = "onenet.gateway.security.rate-limit.";

    @Test
    void allowsEveryClientAThousandCallsASecondByDefault() {
        GatewaySecurityProperties.RateLimit rateLimit = bind(Map.of()).rateLimit();

        assertThat(rateLimit.limitFor("anyone"))
            .isEqualTo(new GatewaySecurityProperties.Limit(1000, Duration.ofSeconds(1)));
    }

    @Test
    void takesWhatAClientsLimitLeavesOutFromTheGlobalOne() {
        GatewaySecurityProperties.RateLimit rateLimit = bind(Map.of(
                RATE_LIMIT + "limit-for-period", "200",
                RATE_LIMIT + "refresh-period", "2s",
                RATE_LIMIT + "clients.channel-lawyer.limit-for-period", "5",
                RATE_LIMIT + "clients.night-batch.refresh-period", "1m")).rateLimit();

        assertThat(rateLimit.limitFor("channel-lawyer"))
            .isEqualTo(new GatewaySecurityProperties.Limit(5, Duration.ofSeconds(2)));
        assertThat(rateLimit.limitFor("night-batch"))
            .isEqualTo(new GatewaySecurityProperties.Limit(200, Duration.ofMinutes(1)));
        assertThat(rateLimit.limitFor("anyone-else"))
            .isEqualTo(new GatewaySecurityProperties.Limit(200, Duration.ofSeconds(2)));
    }

    @Test
    void takesAClientsWholeLimitWhenItNamesBoth() {
        GatewaySecurityProperties.RateLimit rateLimit = bind(Map.of(
                RATE_LIMIT + "clients.burst-client.limit-for-period", "3",
                RATE_LIMIT + "clients.burst-client.refresh-period", "1m")).rateLimit();

        assertThat(rateLimit.limitFor("burst-client"))
            .isEqualTo(new GatewaySecurityProperties.Limit(3, Duration.ofMinutes(1)));
    }

    @Test
    void refusesAClientsLimitThatIsGivenButInvalid() {
        assertThatExceptionOfType(BindException.class)
            .isThrownBy(() -> bind(Map.of(RATE_LIMIT + "clients.channel-lawyer.refresh-period", "0s")))
            .havingRootCause()
            .withMessageContaining(RATE_LIMIT + "clients.channel-lawyer.refresh-period must be positive, was PT0S");
        assertThatExceptionOfType(BindException.class)
            .isThrownBy(() -> bind(Map.of(RATE_LIMIT + "clients.channel-lawyer.refresh-period", "-1s")))
            .havingRootCause()
            .withMessageContaining(RATE_LIMIT + "clients.channel-lawyer.refresh-period must be positive");
        assertThatExceptionOfType(BindException.class)
            .isThrownBy(() -> bind(Map.of(RATE_LIMIT + "clients.channel-lawyer.limit-for-period", "0")))
            .havingRootCause()
            .withMessageContaining(RATE_LIMIT + "clients.channel-lawyer.limit-for-period must allow at least one");
    }

    @Test
    void refusesAGlobalLimitThatIsInvalid() {
        assertThatExceptionOfType(BindException.class)
            .isThrownBy(() -> bind(Map.of(RATE_LIMIT + "refresh-period", "0s")))
            .havingRootCause()
            .withMessageContaining(RATE_LIMIT + "refresh-period must be positive, was PT0S");
        assertThatExceptionOfType(BindException.class)
            .isThrownBy(() -> bind(Map.of(RATE_LIMIT + "limit-for-period", "-5")))
            .havingRootCause()
            .withMessageContaining(RATE_LIMIT + "limit-for-period must allow at least one call per period, was -5");
    }

    private static GatewaySecurityProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("onenet.gateway.security", GatewaySecurityProperties.class);
    }
}
