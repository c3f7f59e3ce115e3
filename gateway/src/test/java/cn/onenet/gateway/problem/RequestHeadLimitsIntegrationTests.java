package cn.onenet.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * Request lines and headers longer than the gateway's HTTP decoder takes are refused before any handler runs; the
 * caller still gets Problem Details saying what was too long and the limit.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestHeadLimitsIntegrationTests extends GatewayIntegrationTestSupport {

    @Test
    void forwardsAQueryOfSeveralThousandCharacters() {
        String phones = "1".repeat(5000);

        web.get().uri("/api/v1/requests?phone={phone}", phones)
            .exchange()
            .expectStatus().isOk();

        assertThat(ROUTING.received()).singleElement()
            .satisfies(request -> assertThat(request.query()).isEqualTo("phone=" + phones));
    }

    @Test
    void answersARequestLineOverTheLimitWith414ProblemDetails() {
        web.get().uri("/api/v1/requests?phone={phone}", "1".repeat(9000))
            .exchange()
            .expectStatus().isEqualTo(414)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/request-too-large")
            .jsonPath("$.title").isEqualTo("Request line too long")
            .jsonPath("$.status").isEqualTo(414)
            .jsonPath("$.maxBytes").isEqualTo(8192)
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("8192 bytes"))
            .jsonPath("$.correlationId").isNotEmpty();
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void answersHeadersOverTheLimitWith431ProblemDetails(CapturedOutput output) {
        web.get().uri("/api/v1/requests")
            .header("X-Filler", "x".repeat(20 * 1024))
            .header("X-Correlation-Id", "too-many-headers")
            .exchange()
            .expectStatus().isEqualTo(431)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/request-too-large")
            .jsonPath("$.title").isEqualTo("Request headers too large")
            .jsonPath("$.status").isEqualTo(431)
            .jsonPath("$.maxBytes").isEqualTo(16384)
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("16384 bytes"));
        assertThat(ROUTING.received()).isEmpty();
        // one line says what happened (the gateway's access line), not also Reactor Netty's warning with the headers
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("\"request not decoded, answered 431: .*\"status_code\":431"));
        assertThat(output.getOut()).doesNotContain("Decoding failed");
    }
}
