package cn.onenet.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdIntegrationTests extends GatewayIntegrationTestSupport {

    @Test
    void forwardsAndEchoesTheCallersCorrelationId() {
        web.post().uri("/api/v1/requests")
            .header("X-Correlation-Id", "MS-2026.000123_a")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals("X-Correlation-Id", "MS-2026.000123_a");

        assertThat(INTAKE.received()).singleElement()
            .satisfies(request -> assertThat(request.headerValues("X-Correlation-Id"))
                .containsExactly("MS-2026.000123_a"));
    }

    @Test
    void createsACorrelationIdWhenTheCallerSentNoneAndUsesItBothWays() {
        String echoed = web.get().uri("/api/v1/communities")
            .exchange()
            .expectStatus().isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst("X-Correlation-Id");

        assertThat(echoed).isNotBlank();
        assertThat(UUID.fromString(echoed)).isNotNull();
        assertThat(ROUTING.received()).singleElement()
            .satisfies(request -> assertThat(request.headerValues("X-Correlation-Id")).containsExactly(echoed));
    }

    @Test
    void replacesACorrelationIdThatIsNotWellFormed() {
        String malformed = "x".repeat(65);
        String echoed = web.get().uri("/api/v1/channels")
            .header("X-Correlation-Id", malformed)
            .exchange()
            .expectStatus().isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst("X-Correlation-Id");

        assertThat(echoed).isNotEqualTo(malformed);
        assertThat(UUID.fromString(echoed)).isNotNull();
        assertThat(ROUTING.received()).singleElement()
            .satisfies(request -> assertThat(request.headerValues("X-Correlation-Id")).containsExactly(echoed));
    }

    @Test
    void answersWithOneCorrelationIdEvenWhenTheServiceEchoesItToo() {
        ROUTING.reply("GET", "/api/v1/departments", 200, "application/json", "[]", "X-Correlation-Id", "echo-1");

        web.get().uri("/api/v1/departments")
            .header("X-Correlation-Id", "echo-1")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().values("X-Correlation-Id", values -> assertThat(values).containsExactly("echo-1"));
    }

    @Test
    void setsTheCorrelationIdOnTheGatewaysOwnErrors() {
        web.get().uri("/no/such/page")
            .header("X-Correlation-Id", "lost-visitor-7")
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().valueEquals("X-Correlation-Id", "lost-visitor-7")
            .expectBody().jsonPath("$.correlationId").isEqualTo("lost-visitor-7");
    }

    @Test
    void putsTheCorrelationIdOnTheExchangesLogLines(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "trace-me-please")
            .exchange()
            .expectStatus().isOk();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("\\[trace-me-please\\] .*GET /api/v1/catalogue -> 200"));
    }
}
