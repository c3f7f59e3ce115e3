package cn.onenet.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class CircuitBreakerIntegrationTests extends GatewayIntegrationTestSupport {

    @LocalServerPort
    int port;

    private static final String VALIDATION_PROBLEM = """
            {"type":"https://onenet.cn/problems/validation","title":"The request has invalid fields","status":400,\
            "detail":"location.community: is not a known community","instance":"/api/v1/requests",\
            "errors":[{"field":"location.community","message":"is not a known community"}]}""";

    @Test
    void passesAServicesClientErrorThroughUnchangedWithoutCountingItAgainstTheService() {
        INTAKE.reply("POST", "/api/v1/requests", 400, "application/problem+json", VALIDATION_PROBLEM);

        for (int call = 0; call < 25; call++) {
            web.post().uri("/api/v1/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(VALIDATION_PROBLEM);
        }

        CircuitBreaker intake = circuitBreakers.circuitBreaker("intake");
        assertThat(intake.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(intake.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(intake.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(20); // the sliding window
    }

    @Test
    void passesAServicesOwnServiceUnavailableThroughUnchanged() {
        String kafkaDown = """
                {"type":"https://onenet.cn/problems/submission-log-unavailable","title":"Can't accept right now",\
                "status":503,"detail":"The request could not be durably accepted; nothing was stored."}""";
        INTAKE.reply("POST", "/api/v1/requests", 503, "application/problem+json", kafkaDown, "Retry-After", "2");

        web.post().uri("/api/v1/requests")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectHeader().valueEquals("Retry-After", "2")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class).isEqualTo(kafkaDown);

        assertThat(circuitBreakers.circuitBreaker("intake").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void answersServiceUnavailableWhenTheServiceTakesLongerThanItsTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        ROUTING.hold("GET", "/api/v1/departments", release);
        try {
            web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/api/v1/departments")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("routing-service")
                .jsonPath("$.detail").isEqualTo("routing-service did not answer within 1 s; try again shortly.")
                .jsonPath("$.outcome").doesNotExist()
                .jsonPath("$.instance").isEqualTo("/api/v1/departments");
        }
        finally {
            release.countDown();
        }

        assertThat(circuitBreakers.circuitBreaker("routing").getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void saysAChangeThatTimedOutMayHaveBeenAppliedAndHowToRepeatItSafely() {
        String events = "/api/v1/requests/7d3c3b7e-1c2f-4a59-9f0e-2f4a3e0b9a11/events";
        CountDownLatch release = new CountDownLatch(1);
        ROUTING.hold("POST", events, release);
        try {
            WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(10)).build();
            patient.post().uri(events).header("Idempotency-Key", "ack-42")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\":\"ACKNOWLEDGED\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.outcome").isEqualTo("unknown")
                .jsonPath("$.service").isEqualTo("routing-service")
                .jsonPath("$.detail").isEqualTo("routing-service did not answer within 1 s: what was sent may have "
                        + "been applied. Send it again with the same Idempotency-Key (ack-42): it is applied once, "
                        + "and answered as it was.");
            patient.post().uri(events)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\":\"ACKNOWLEDGED\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.outcome").isEqualTo("unknown");
            // the keyless report went on under a key of the gateway's: the 503 names it, to send the report again
            String gatewaysKey = ROUTING.received("POST", events).get(1).header("OneNet-Gateway-Key");
            assertThat(gatewaysKey).startsWith("gateway-");
            assertThat(ROUTING.received("POST", events).get(0).header("OneNet-Gateway-Key")).isNull();
            patient.post().uri(events)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\":\"ACKNOWLEDGED\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.idempotencyKey").value(key -> assertThat((String) key)
                    .startsWith("gateway-").isNotEqualTo(gatewaysKey))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                    .contains("may have been applied", "the gateway gave it the key gateway-",
                            "send it again with the header Idempotency-Key: gateway-"));
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void saysAChangeWhoseConnectionDroppedMayHaveBeenAppliedAndNamesTheKeyToRepeatItUnder() {
        INTAKE.drop("POST", "/api/v1/requests");

        web.post().uri("/api/v1/requests")
            .header("OneNet-Gateway-Key", "chosen-by-the-caller")
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectBody()
            .jsonPath("$.outcome").isEqualTo("unknown")
            .jsonPath("$.service").isEqualTo("request-intake-service")
            .jsonPath("$.idempotencyKey").value(key -> assertThat((String) key)
                .isEqualTo(INTAKE.received("POST", "/api/v1/requests").get(0).header("OneNet-Gateway-Key")))
            .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                .startsWith("request-intake-service closed the connection before answering: what was sent may "
                        + "have been applied. It came without an Idempotency-Key; the gateway gave it the key "
                        + "gateway-"));
        // a caller can't choose the gateway's key (it is no key of its own), nor is a reading given one
        assertThat(INTAKE.received("POST", "/api/v1/requests").get(0).header("OneNet-Gateway-Key"))
            .startsWith("gateway-");
        web.get().uri("/api/v1/requests").header("OneNet-Gateway-Key", "chosen-by-the-caller")
            .exchange().expectStatus().isOk();
        assertThat(ROUTING.received("GET", "/api/v1/requests").get(0).header("OneNet-Gateway-Key")).isNull();
        web.post().uri("/api/v1/requests").header("Idempotency-Key", "own-1")
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
            .exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectBody().jsonPath("$.idempotencyKey").doesNotExist();
        assertThat(INTAKE.received("POST", "/api/v1/requests").get(1).header("OneNet-Gateway-Key")).isNull();
    }

    @Test
    void waitsLongerForReportsThanForRoutingsOtherCalls() {
        CountDownLatch computed = new CountDownLatch(1);
        ROUTING.hold("GET", "/api/v1/stats/summary", computed);
        // past routing's timeout here (1 s), inside the reports' (3 s)
        CompletableFuture.delayedExecutor(1800, TimeUnit.MILLISECONDS).execute(computed::countDown);

        web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
            .get().uri("/api/v1/stats/summary?groupBy=channel")
            .exchange()
            .expectStatus().isOk();

        assertThat(circuitBreakers.circuitBreaker("routing-reports").getMetrics().getNumberOfSuccessfulCalls())
            .isEqualTo(1);
        assertThat(circuitBreakers.circuitBreaker("routing").getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void aReportThatTimesOutCountsAgainstTheReportsBreakerOnly() {
        CountDownLatch release = new CountDownLatch(1);
        ROUTING.hold("GET", "/api/v1/supervision/backlog", release);
        try {
            web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/api/v1/supervision/backlog")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.service").isEqualTo("routing-service")
                .jsonPath("$.detail").isEqualTo("routing-service did not answer within 3 s; try again shortly.");
        }
        finally {
            release.countDown();
        }

        assertThat(circuitBreakers.circuitBreaker("routing-reports").getMetrics().getNumberOfFailedCalls())
            .isEqualTo(1);
        assertThat(circuitBreakers.circuitBreaker("routing").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    /**
     * An administrator's list of every delivery that times out (a month's deliveries, read and sorted) counts
     * against the administration's breaker: departments', dispatchers' and channels' calls to routing go on.
     */
    @Test
    void anAdministratorsListThatTimesOutLeavesRoutingsOtherCallsAlone() {
        CountDownLatch release = new CountDownLatch(1);
        ROUTING.hold("GET", "/api/v1/webhooks/deliveries", release);
        try {
            web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/api/v1/webhooks/deliveries?state=PULL_ONLY")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("routing-service did not answer within 3 s; try again shortly.");
        }
        finally {
            release.countDown();
        }

        assertThat(circuitBreakers.circuitBreaker("routing-admin").getMetrics().getNumberOfFailedCalls())
            .isEqualTo(1);
        assertThat(circuitBreakers.circuitBreaker("routing").getMetrics().getNumberOfFailedCalls()).isZero();
        web.get().uri("/api/v1/admin/dead-letters").exchange().expectStatus().isOk();
        // the breaker records the call when its forwarding completes, which may be just after the caller has read it
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(circuitBreakers
                .circuitBreaker("routing-admin").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1));
        web.get().uri("/api/v1/requests?size=20").exchange().expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                circuitBreakers.circuitBreaker("routing").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1));
    }

    @Test
    void waitsForIntakeLongerThanForRoutingWhileKafkaAcknowledges() {
        CountDownLatch acknowledged = new CountDownLatch(1);
        INTAKE.hold("POST", "/api/v1/requests", acknowledged);
        // longer than routing's timeout here (1 s) and than Resilience4j's default time limiter (1 s)
        CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS).execute(acknowledged::countDown);

        web.mutate().responseTimeout(Duration.ofSeconds(15)).build()
            .post().uri("/api/v1/requests")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus().isOk();

        assertThat(circuitBreakers.circuitBreaker("intake").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void carriesManyConcurrentCallsToOneService() throws Exception {
        // warm up (token checks, connections), so that the 40 arrive within routing's one-second timeout
        web.get().uri("/api/v1/communities").exchange().expectStatus().isOk();
        ROUTING.reset();
        CountDownLatch release = new CountDownLatch(1);
        ROUTING.hold("GET", "/api/v1/communities", release);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/communities"))
            .header("Authorization", "Bearer " + everyRole())
            .timeout(Duration.ofSeconds(10))
            .build();

        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> ROUTING.received("GET", "/api/v1/communities").size() == 40);
        release.countDown();

        for (CompletableFuture<HttpResponse<Void>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void configuresOneBreakerPerServiceFromApplicationYaml() {
        for (String name : new String[] { "intake", "routing", "routing-reports", "routing-admin",
            "intake-admin" }) {
            CircuitBreakerConfig config = circuitBreakers.circuitBreaker(name).getCircuitBreakerConfig();
            assertThat(config.getSlidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED);
            assertThat(config.getSlidingWindowSize()).isEqualTo(20);
            assertThat(config.getMinimumNumberOfCalls()).isEqualTo(10);
            assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
            assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        }
    }
}
