package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

class ManagementIntegrationTests extends GatewayIntegrationTestSupport {

    @Test
    void reportsHealthWithoutAskingTheServices() {
        web.get().uri("/actuator/health")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("UP");

        assertThat(INTAKE.received()).isEmpty();
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void showsEachServicesCircuitBreakerToMonitoringAndAdminsWhileTheGatewayStaysUp() {
        circuitBreakers.circuitBreaker("intake").transitionToOpenState();

        for (String token : List.of(TestTokens.token("monitoring", List.of("MONITORING"), Map.of()),
                TestTokens.person("admin", "ADMIN"))) {
            as(token).get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.upstreams.status").isEqualTo("CIRCUIT_OPEN")
                .jsonPath("$.components.upstreams.details.open").isEqualTo(List.of("intake"))
                .jsonPath("$.components.upstreams.details.intake.service").isEqualTo("request-intake-service")
                .jsonPath("$.components.upstreams.details.intake.state").isEqualTo("OPEN")
                .jsonPath("$.components.upstreams.details.intake.bufferedCalls").isEqualTo(0)
                .jsonPath("$.components.upstreams.details.routing.state").isEqualTo("CLOSED")
                .jsonPath("$.components.upstreams.details.routing-reports.state").isEqualTo("CLOSED")
                .jsonPath("$.components.upstreams.details.routing-admin.state").isEqualTo("CLOSED")
                .jsonPath("$.components.upstreams.details.identity.state").isEqualTo("CLOSED")
                .jsonPath("$.components.diskSpace.status").isEqualTo("UP")
                // the gateway uses no service discovery: no UNKNOWN components about it
                .jsonPath("$.components.discoveryComposite").doesNotExist()
                .jsonPath("$.components.reactiveDiscoveryClients").doesNotExist();
        }
        // the probes an orchestrator acts on never depend on a service behind the gateway
        anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void showsOnlyTheStatusToAnonymousCallersAndOtherRoles() {
        circuitBreakers.circuitBreaker("intake").transitionToOpenState();

        for (WebTestClient caller : List.of(anonymous, as(TestTokens.person("operator", "OPERATOR")))) {
            caller.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
        }
    }

    @Test
    void reportsTheFailureRateOnceTheBreakerHasSeenEnoughCalls() {
        CircuitBreaker routing = circuitBreakers.circuitBreaker("routing");
        for (int call = 0; call < 10; call++) {
            routing.onSuccess(1, TimeUnit.MILLISECONDS);
        }

        as(TestTokens.token("monitoring", List.of("MONITORING"), Map.of())).get().uri("/actuator/health")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.upstreams.status").isEqualTo("UP")
            .jsonPath("$.components.upstreams.details.routing.failureRate").isEqualTo(0.0)
            .jsonPath("$.components.upstreams.details.routing.bufferedCalls").isEqualTo(10)
            .jsonPath("$.components.upstreams.details.intake.failureRate").doesNotExist();
    }

    @Test
    void exposesMetricsTaggedWithTheApplicationIncludingTheCircuitBreakers() {
        String metrics = prometheus();

        assertThat(metrics).contains("application=\"gateway\"");
        assertThat(metrics).containsPattern("resilience4j_circuitbreaker_state\\{.*name=\"intake\"");
        assertThat(metrics).containsPattern("resilience4j_circuitbreaker_state\\{.*name=\"routing\"");
        assertThat(metrics).contains("onenet_gateway_answers_undelivered_total{");
    }

    @Test
    void timesTheCallsOnceByRouteButNotEachOfSpringSecuritysFiltersNorTheProxiedCallAgain() {
        web.get().uri("/api/v1/requests/some-id").exchange().expectStatus().isOk();

        String metrics = prometheus();

        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_count\\{.*routeId=\"routing-api\"");
        assertThat(metrics).doesNotContain("spring_security_");
        assertThat(metrics).doesNotContain("http_client_requests_");
    }

    @Test
    void leavesSpringSecuritysFiltersUnwrapped(@Autowired WebFilterChainProxy security) {
        // with the observations off, Spring Security's chain runs its filters as they are, not each in an observation
        Object decorator = ReflectionTestUtils.getField(security, "filterChainDecorator");

        assertThat(decorator).isInstanceOf(WebFilterChainProxy.DefaultWebFilterChainDecorator.class);
    }

    @Test
    void exposesNoOtherManagementEndpoints() {
        web.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        web.get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
    }

    /**
     * Actuator answers a health component that does not exist 404 with no body and no content type (found by the
     * gateway's fuzzing): it is Problem Details like every other refusal of the gateway.
     */
    @Test
    void answersAHealthComponentThatIsNoneWithProblemDetails() {
        for (String path : List.of("/actuator/health/nothing", "/actuator/health/liveness/nothing")) {
            anonymous.get().uri(path)
                .header("X-Correlation-Id", "health-component-none")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.correlationId").isEqualTo("health-component-none");
        }
        anonymous.head().uri("/actuator/health/nothing").exchange().expectStatus().isNotFound();
    }

    /** An empty Accept is as none: Actuator's Prometheus endpoint failed on it with a 500 (found probing). */
    @Test
    void servesTheMetricsToACallerSendingAnEmptyAccept() {
        web.get().uri("/actuator/prometheus")
            .header("Accept", "")
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class).value(metrics -> assertThat(metrics).contains("application=\"gateway\""));
    }

    private String prometheus() {
        return web.get().uri("/actuator/prometheus")
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    }
}
