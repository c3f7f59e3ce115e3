package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GatewayPropertiesTests {

    private static final URI IDENTITY = URI.create("http://localhost:9000");
    private static final GatewayProperties.Timeouts TIMEOUTS = new GatewayProperties.Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void defaultsToTheServicesOnLocalhost() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.intakeUri()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(properties.routingUri()).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(properties.timeouts()).isEqualTo(TIMEOUTS);
    }

    @Test
    void bindsKebabCaseProperties() {
        GatewayProperties properties = bind(Map.of(
                "onenet.gateway.intake-uri", "http://request-intake-service:8081",
                "onenet.gateway.timeouts.intake-response", "12s"));

        assertThat(properties.intakeUri()).isEqualTo(URI.create("http://request-intake-service:8081"));
        assertThat(properties.timeouts().intakeResponse()).isEqualTo(Duration.ofSeconds(12));
        assertThat(properties.timeouts().routingResponse()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesAServiceUriThatIsNotAnHttpBase() {
        URI intake = URI.create("http://localhost:8081");
        URI routing = URI.create("http://localhost:8082");

        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GatewayProperties(URI.create("localhost:8081"), routing, IDENTITY, TIMEOUTS))
            .withMessageContaining("onenet.gateway.intake-uri");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GatewayProperties(intake, URI.create("ftp://localhost:8082"), IDENTITY, TIMEOUTS))
            .withMessageContaining("onenet.gateway.routing-uri");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GatewayProperties(intake, URI.create("http://localhost:8082/api"), IDENTITY, TIMEOUTS))
            .withMessageContaining("must not carry a path");
    }

    @Test
    void refusesTimeoutsThatAreNotPositive() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GatewayProperties.Timeouts(Duration.ZERO, Duration.ofSeconds(10),
                    Duration.ofSeconds(5), Duration.ofSeconds(60)))
            .withMessageContaining("connect");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GatewayProperties.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
                    Duration.ofSeconds(5), Duration.ZERO))
            .withMessageContaining("reports-response");
    }

    private static GatewayProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("onenet.gateway", GatewayProperties.class);
    }
}
