package cn.onenet.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A full gateway on a random port in front of two fake services, started once per test JVM. Every integration
 * test extending this shares one application context. Routing-service's response timeout is cut to one second, its
 * reports' to three, so that timeout tests stay quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class GatewayIntegrationTestSupport {

    protected static final FakeUpstream INTAKE = FakeUpstream.start("intake");
    protected static final FakeUpstream ROUTING = FakeUpstream.start("routing");
    /** The identity provider, as far as the gateway asks it anything: its JWK set. */
    protected static final FakeUpstream IDENTITY = FakeUpstream.start("identity");
    /** A Zipkin collector, as far as the gateway sends it anything: spans, exported as in production once turned on. */
    protected static final FakeUpstream ZIPKIN = FakeUpstream.start("zipkin");

    static {
        IDENTITY.reply("GET", "/oauth2/jwks", 200, "application/json", TestTokens.jwkSet());
        ZIPKIN.reply("POST", "/api/v2/spans", 202, "application/json", "");
    }

    /** Carries no token. */
    protected WebTestClient anonymous;

    @Autowired
    private WebTestClient boundToTheGateway;

    /** Carries a token with every role, of a LIVELIHOOD channel system and of the civil-affairs department. */
    protected WebTestClient web;

    @Autowired
    protected CircuitBreakerRegistry circuitBreakers;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("onenet.gateway.intake-uri", () -> INTAKE.uri().toString());
        registry.add("onenet.gateway.routing-uri", () -> ROUTING.uri().toString());
        registry.add("onenet.gateway.identity-uri", () -> IDENTITY.uri().toString());
        registry.add("onenet.gateway.timeouts.routing-response", () -> "1s");
        registry.add("onenet.gateway.timeouts.reports-response", () -> "3s");
        trustTestTokens(registry);
        registry.add("onenet.gateway.security.rate-limit.clients.burst-client.limit-for-period", () -> "3");
        registry.add("onenet.gateway.security.rate-limit.clients.burst-client.refresh-period", () -> "1m");
        registry.add("onenet.gateway.security.max-body-size", () -> "16KB");
        registry.add("management.tracing.export.zipkin.enabled", () -> "true");
        registry.add("management.tracing.export.zipkin.endpoint", () -> ZIPKIN.uri() + "/api/v2/spans");
    }

    /** Makes the gateway trust the tokens of {@link TestTokens}, whose keys {@link #IDENTITY} serves. */
    public static void trustTestTokens(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> IDENTITY.uri() + "/oauth2/jwks");
    }

    /** The token a client with every role has. */
    public static String everyRole() {
        return TestTokens.token("gateway-test", TestTokens.ALL_ROLES,
                java.util.Map.of("channel", "LIVELIHOOD", "department", "civil-affairs"));
    }

    @BeforeEach
    void startFromAQuietSystem() {
        anonymous = boundToTheGateway.mutate().filter(UnansweredRequestWatch.FILTER).filter(WholeBodies.FILTER).build();
        web = as(everyRole());
        INTAKE.reset();
        ROUTING.reset();
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    /** A client carrying {@code token}. */
    protected WebTestClient as(String token) {
        return anonymous.mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }
}
