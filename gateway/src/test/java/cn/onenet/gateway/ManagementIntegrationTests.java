package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;

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

    private String prometheus() {
        return web.get().uri("/actuator/prometheus")
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    }
}
