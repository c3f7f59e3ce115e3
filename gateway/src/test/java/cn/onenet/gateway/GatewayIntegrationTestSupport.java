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
 * test extending this shares one application context. Routing-service's response timeout is cut to one second so
 * that timeout tests stay quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class GatewayIntegrationTestSupport {

    protected static final FakeUpstream INTAKE = FakeUpstream.start("intake");
    protected static final FakeUpstream ROUTING = FakeUpstream.start("routing");

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected CircuitBreakerRegistry circuitBreakers;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("onenet.gateway.intake-uri", () -> INTAKE.uri().toString());
        registry.add("onenet.gateway.routing-uri", () -> ROUTING.uri().toString());
        registry.add("onenet.gateway.timeouts.routing-response", () -> "1s");
    }

    @BeforeEach
    void startFromAQuietSystem() {
        INTAKE.reset();
        ROUTING.reset();
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }
}
