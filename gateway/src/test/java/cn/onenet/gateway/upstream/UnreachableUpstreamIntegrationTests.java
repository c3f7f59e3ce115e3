package cn.onenet.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import cn.onenet.gateway.WholeBodies;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Both services on a port nobody listens on. A context of its own: the shared one needs its services up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UnreachableUpstreamIntegrationTests {

    private static final int CLOSED_PORT = closedPort();

    @Autowired
    WebTestClient anonymous;

    WebTestClient web;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @DynamicPropertySource
    static void nobodyListening(DynamicPropertyRegistry registry) {
        registry.add("onenet.gateway.intake-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("onenet.gateway.routing-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        GatewayIntegrationTestSupport.trustTestTokens(registry);
    }

    @BeforeEach
    void closeBreakers() {
        web = anonymous.mutate()
            .filter(WholeBodies.FILTER)
            .defaultHeader("Authorization", "Bearer " + GatewayIntegrationTestSupport.everyRole())
            .build();
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @Test
    void answersServiceUnavailableProblemNamingIntakeWhenItCannotBeReached() {
        web.post().uri("/api/v1/requests")
            .header("X-Correlation-Id", "hotline-call-42")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectHeader().valueEquals("Retry-After", "5")
            .expectHeader().valueEquals("X-Correlation-Id", "hotline-call-42")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/service-unavailable")
            .jsonPath("$.title").isEqualTo("Service unavailable")
            .jsonPath("$.status").isEqualTo(503)
            .jsonPath("$.detail").isEqualTo("request-intake-service is not reachable right now; try again shortly.")
            .jsonPath("$.instance").isEqualTo("/api/v1/requests")
            .jsonPath("$.service").isEqualTo("request-intake-service");
        // one submission is one call: the filters behind the body check ran a second time once, which counted a
        // second call here and, with the breaker open, ended the answered exchange with an error and a closed connection
        assertThat(circuitBreakers.circuitBreaker("intake").getMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
        assertThat(circuitBreakers.circuitBreaker("intake").getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void answersServiceUnavailableProblemNamingRoutingWhenItCannotBeReached() {
        web.get().uri("/api/v1/catalogue")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectHeader().valueEquals("Retry-After", "5")
            .expectHeader().exists("X-Correlation-Id")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail").isEqualTo("routing-service is not reachable right now; try again shortly.")
            .jsonPath("$.instance").isEqualTo("/api/v1/catalogue")
            .jsonPath("$.service").isEqualTo("routing-service");
    }

    @Test
    void opensTheBreakerOnRepeatedConnectionFailuresAndKeepsAnsweringWithTheProblem() {
        for (int call = 0; call < 10; call++) {
            web.get().uri("/api/v1/departments").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        }
        assertThat(circuitBreakers.circuitBreaker("routing").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuitBreakers.circuitBreaker("intake").getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        web.get().uri("/api/v1/departments")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectHeader().valueEquals("Retry-After", "5")
            .expectBody().jsonPath("$.service").isEqualTo("routing-service");
        assertThat(circuitBreakers.circuitBreaker("routing").getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
