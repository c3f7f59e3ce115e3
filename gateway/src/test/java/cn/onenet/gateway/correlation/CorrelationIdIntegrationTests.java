package cn.onenet.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import cn.onenet.gateway.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                accessLines(output, "trace-me-please"))
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

    @Test
    void namesTheCallerOfAValidatedTokenOnTheAccessLineAndNoneForAnAnonymousCall(CapturedOutput output) {
        as(TestTokens.channel("LIVELIHOOD")).get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "caller-channel").exchange().expectStatus().isOk();
        // a channel system calling what it may not: the 403 names who keeps trying
        as(TestTokens.channel("LIVELIHOOD")).get().uri("/api/v1/stats/summary")
            .header("X-Correlation-Id", "caller-refused").exchange().expectStatus().isForbidden();
        // a person signed in at the console: the console's client, the person's user name
        as(TestTokens.token("dispatcher", List.of("DISPATCHER"), Map.of("client_id", "onenet-console")))
            .get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "caller-person").exchange().expectStatus().isOk();
        anonymous.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "caller-anonymous").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/catalogue")
            .header("Authorization", "Bearer " + TestTokens.signedByAnotherKey())
            .header("X-Correlation-Id", "caller-forged").exchange().expectStatus().isUnauthorized();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(accessLines(output, "caller-channel")).singleElement().satisfies(line -> {
                assertThat(line.at("/client/id").asString()).isEqualTo("channel-livelihood");
                assertThat(line.at("/user/name").isMissingNode()).isTrue();
            });
            assertThat(accessLines(output, "caller-refused")).singleElement().satisfies(line -> {
                assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(403);
                assertThat(line.at("/client/id").asString()).isEqualTo("channel-livelihood");
            });
            assertThat(accessLines(output, "caller-person")).singleElement().satisfies(line -> {
                assertThat(line.at("/client/id").asString()).isEqualTo("onenet-console");
                assertThat(line.at("/user/name").asString()).isEqualTo("dispatcher");
            });
            for (String unknown : List.of("caller-anonymous", "caller-forged")) {
                assertThat(accessLines(output, unknown)).singleElement().satisfies(line -> {
                    assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(401);
                    assertThat(line.has("client")).isFalse();
                    assertThat(line.has("user")).isFalse();
                });
            }
        });
    }

    @Test
    void writesTheCallersTraceOnTheAccessLineAndContinuesItAtTheService(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "traced-by-caller")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .exchange()
            .expectStatus().isOk();

        JsonNode line = accessLine(output, "traced-by-caller");
        assertThat(line.path("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        String gatewaySpan = line.path("spanId").asString();
        assertThat(gatewaySpan).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
        // the service's span is a child of the gateway's
        assertThat(ROUTING.received()).singleElement().satisfies(request -> assertThat(
                request.headerValues("traceparent"))
            .containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-" + gatewaySpan + "-01"));
        // and the gateway's span, the caller's child, reaches the collector: no hop of the trace is missing there
        JsonNode span = exportedSpan("4bf92f3577b34da6a3ce929d0e0e4736", gatewaySpan);
        assertThat(span.path("parentId").asString()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.path("kind").asString()).isEqualTo("SERVER");
        assertThat(span.at("/localEndpoint/serviceName").asString()).isEqualTo("gateway");
        assertThat(span.at("/tags/http.url").asString()).contains("/api/v1/catalogue");
        // named after the route that took it
        assertThat(span.path("name").asString()).isEqualTo("http get routing-api");
    }

    @Test
    void startsATraceForACallerThatSentNoneWithTheGatewaysSpanAsItsRoot(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "traced-by-gateway")
            .exchange()
            .expectStatus().isOk();

        JsonNode line = accessLine(output, "traced-by-gateway");
        String traceId = line.path("traceId").asString();
        String spanId = line.path("spanId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(spanId).matches("[0-9a-f]{16}");
        assertThat(ROUTING.received()).singleElement().satisfies(request -> {
            assertThat(request.headerValues("traceparent")).containsExactly("00-" + traceId + "-" + spanId + "-01");
            assertThat(request.headerValues("b3")).isEmpty();
        });
        assertThat(exportedSpan(traceId, spanId).has("parentId")).isFalse();
    }

    @Test
    void continuesACallersB3TraceAndPassesItOnAsTraceparent(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "traced-with-b3")
            .header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
            .exchange()
            .expectStatus().isOk();

        JsonNode line = accessLine(output, "traced-with-b3");
        assertThat(line.path("traceId").asString()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
        String gatewaySpan = line.path("spanId").asString();
        assertThat(ROUTING.received()).singleElement().satisfies(request -> {
            assertThat(request.headerValues("traceparent"))
                .containsExactly("00-80f198ee56343ba864fe8b2a57d3eff7-" + gatewaySpan + "-01");
            assertThat(request.headerValues("b3")).isEmpty();
        });
        assertThat(exportedSpan("80f198ee56343ba864fe8b2a57d3eff7", gatewaySpan).path("parentId").asString())
            .isEqualTo("e457b5a2e4d86bd1");
    }

    @Test
    void startsANewTraceInsteadOfAMalformedTraceparent(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "traced-badly")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01")
            .exchange()
            .expectStatus().isOk();

        JsonNode line = accessLine(output, "traced-badly");
        String traceId = line.path("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}").doesNotStartWith("4bf92f3577b34da6a3ce929d0e0e47");
        assertThat(ROUTING.received()).singleElement().satisfies(request -> assertThat(
                request.headerValues("traceparent"))
            .containsExactly("00-" + traceId + "-" + line.path("spanId").asString() + "-01"));
    }

    @Test
    void followsACallersDecisionNotToSample(CapturedOutput output) {
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "traced-unsampled")
            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")
            .exchange()
            .expectStatus().isOk();
        web.get().uri("/api/v1/catalogue")
            .header("X-Correlation-Id", "traced-sampled")
            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203331-01")
            .exchange()
            .expectStatus().isOk();

        String gatewaySpan = accessLine(output, "traced-unsampled").path("spanId").asString();
        assertThat(ROUTING.received()).first().satisfies(request -> assertThat(request.headerValues("traceparent"))
            .containsExactly("00-0af7651916cd43dd8448eb211c80319c-" + gatewaySpan + "-00"));
        // the later, sampled exchange's span is exported; the unsampled one's never is
        exportedSpan("0af7651916cd43dd8448eb211c80319d", accessLine(output, "traced-sampled").path("spanId")
            .asString());
        assertThat(exportedSpans()).noneMatch(span -> span.path("traceId").asString()
            .equals("0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void exportsNoSpanOfAHealthCheckOrScrape(CapturedOutput output) {
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
        web.get().uri("/api/v1/catalogue").header("X-Correlation-Id", "after-the-health-check").exchange()
            .expectStatus().isOk();

        JsonNode line = accessLine(output, "after-the-health-check");
        exportedSpan(line.path("traceId").asString(), line.path("spanId").asString());
        assertThat(exportedSpans()).extracting(span -> span.at("/tags/http.url").asString())
            .noneMatch(path -> path.startsWith("/actuator"));
    }

    /** The one access line about a call, once written. */
    private static JsonNode accessLine(CapturedOutput output, String correlationId) {
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> accessLines(output, correlationId).size() == 1);
        return accessLines(output, correlationId).get(0);
    }

    /** The span the gateway exported to the collector, once it has (the reporter sends about once a second). */
    private static JsonNode exportedSpan(String traceId, String spanId) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exportedSpans().stream()
            .filter(span -> span.path("traceId").asString().equals(traceId)
                    && span.path("id").asString().equals(spanId))
            .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Every span the gateway exported so far (Zipkin's JSON v2: an array of spans per message). */
    private static List<JsonNode> exportedSpans() {
        return ZIPKIN.received("POST", "/api/v2/spans").stream()
            .flatMap(message -> JSON.readTree(message.body()).valueStream())
            .toList();
    }

    /** The gateway's access lines about one call: ECS JSON, one object a line. */
    private static List<JsonNode> accessLines(CapturedOutput output, String correlationId) {
        return output.getOut().lines()
            .filter(line -> line.startsWith("{") && line.contains("onenet.gateway.access"))
            .map(JSON::readTree)
            .filter(line -> correlationId.equals(line.path("correlationId").asString(null)))
            .toList();
    }
}
