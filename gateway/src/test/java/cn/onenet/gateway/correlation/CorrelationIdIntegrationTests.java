package cn.onenet.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdIntegrationTests extends GatewayIntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void writesOneStructuredAccessLineCarryingTheCorrelationId(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "trace-me-please")
            .exchange()
            .expectStatus().isOk();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLines(output))
            .singleElement()
            .satisfies(line -> {
                assertThat(line.path("message").asString()).startsWith("GET /api/v1/catalogue -> 200 in ");
                assertThat(line.at("/http/request/method").asString()).isEqualTo("GET");
                assertThat(line.at("/url/path").asString()).isEqualTo("/api/v1/catalogue");
                assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(200);
                assertThat(line.at("/event/duration").isIntegralNumber()).isTrue();
                assertThat(line.at("/service/name").asString()).isEqualTo("gateway");
            }));
    }

    /** The gateway's access lines about the call above: ECS JSON, one object a line. */
    private static List<JsonNode> accessLines(CapturedOutput output) {
        return output.getOut().lines()
            .filter(line -> line.startsWith("{") && line.contains("onenet.gateway.access"))
            .map(JSON::readTree)
            .filter(line -> "trace-me-please".equals(line.path("correlationId").asString(null)))
            .toList();
    }
}
