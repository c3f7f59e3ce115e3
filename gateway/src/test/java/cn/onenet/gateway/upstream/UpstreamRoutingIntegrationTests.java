package cn.onenet.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.FakeUpstream.Received;
import cn.onenet.gateway.GatewayIntegrationTestSupport;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.RequestBodySpec;

class UpstreamRoutingIntegrationTests extends GatewayIntegrationTestSupport {

    private static final String SUBMISSION = """
            {"channel":"LIVELIHOOD","externalId":"MS-2026-000123","category":"elderly-care","title":"独居老人需要助餐服务",\
            "description":"希望每天有人送餐。","urgency":"NORMAL",\
            "location":{"community":"xingzhou","address":"星洲社区3幢2单元"},\
            "requester":{"name":"张三","phone":"13800138000"}}""";

    @Test
    void submitsRequestsToIntakeWithPathAndBodyIntact() {
        INTAKE.reply("POST", "/api/v1/requests", 202, "application/json",
                "{\"id\":\"5f0c\",\"trackingNumber\":\"20261128101530123\",\"status\":\"RECEIVED\"}",
                "Location", "/api/v1/requests/5f0c");

        web.post().uri("/api/v1/requests")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(SUBMISSION)
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
            .expectHeader().valueEquals("Location", "/api/v1/requests/5f0c")
            .expectBody().jsonPath("$.trackingNumber").isEqualTo("20261128101530123");

        assertThat(INTAKE.received("POST", "/api/v1/requests")).singleElement()
            .satisfies(request -> assertThat(request.body()).isEqualTo(SUBMISSION));
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void readsReferenceDataFromRoutingWithPathAndQueryIntact() {
        web.get().uri("/api/v1/catalogue?lang=zh")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.service").isEqualTo("routing").jsonPath("$.path").isEqualTo("/api/v1/catalogue");

        assertThat(ROUTING.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/api/v1/catalogue");
            assertThat(request.query()).isEqualTo("lang=zh");
        });
        assertThat(INTAKE.received()).isEmpty();
    }

    @Test
    void sendsIntakesAdministrationToIntakeWithoutItsPrefixAndRoutingsToRouting() {
        web.get().uri("/api/v1/admin/intake/dead-letters?pendingOnly=true&limit=50")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.service").isEqualTo("intake");
        web.post().uri("/api/v1/admin/intake/dead-letters/replay")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"topic\":\"onenet.reference.v1\"}")
            .exchange()
            .expectStatus().isOk();
        web.get().uri("/api/v1/admin/dead-letters?pendingOnly=true")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.service").isEqualTo("routing");

        assertThat(INTAKE.received()).extracting(request -> request.method() + " " + request.path() + "?"
                + request.query())
            .containsExactly("GET /api/v1/admin/dead-letters?pendingOnly=true&limit=50",
                    "POST /api/v1/admin/dead-letters/replay?null");
        assertThat(INTAKE.received("POST", "/api/v1/admin/dead-letters/replay").get(0).body())
            .isEqualTo("{\"topic\":\"onenet.reference.v1\"}");
        assertThat(ROUTING.received()).extracting(request -> request.method() + " " + request.path())
            .containsExactly("GET /api/v1/admin/dead-letters");
    }

    @Test
    void sendsEverythingElseOfTheApiToRouting() {
        String[][] calls = {
            { "GET", "/api/v1/requests" },
            { "GET", "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11" },
            { "GET", "/api/v1/requests/by-tracking-number/20261128101530123" },
            { "POST", "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11/events" },
            { "POST", "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11/feedback" },
            { "POST", "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11/dispatch" },
            { "POST", "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11/reject" },
            { "POST", "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11/merge" },
            { "GET", "/api/v1/departments" },
            { "GET", "/api/v1/communities" },
            { "GET", "/api/v1/channels" },
            { "GET", "/api/v1/stats/summary" },
        };
        for (String[] call : calls) {
            RequestBodySpec request = web.method(HttpMethod.valueOf(call[0])).uri(call[1]);
            if ("POST".equals(call[0])) {
                request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
            }
            request.exchange().expectStatus().isOk();
        }

        assertThat(ROUTING.received()).extracting(request -> request.method() + " " + request.path())
            .containsExactly(Arrays.stream(calls).map(call -> call[0] + " " + call[1]).toArray(String[]::new));
        assertThat(INTAKE.received()).isEmpty();
    }

    @Test
    void servesEachServicesOpenApiDocumentPointedAtTheGateway() {
        INTAKE.reply("GET", "/v3/api-docs", 200, "application/json", """
                {"openapi":"3.1.0","info":{"title":"intake","version":"v1"},\
                "servers":[{"url":"http://request-intake-service:8081","description":"Generated server url"}],\
                "paths":{"/api/v1/requests":{}}}""");

        web.get().uri("/v3/api-docs/intake")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.info.title").isEqualTo("intake")
            .jsonPath("$.paths['/api/v1/requests']").exists()
            .jsonPath("$.servers.length()").isEqualTo(1)
            .jsonPath("$.servers[0].url").isEqualTo("/");

        web.get().uri("/v3/api-docs/routing").exchange().expectStatus().isOk();

        assertThat(INTAKE.received()).extracting(Received::path).containsExactly("/v3/api-docs");
        assertThat(ROUTING.received()).extracting(Received::path).containsExactly("/v3/api-docs");
    }

    /** A HEAD of an API document was 404 (the route takes GET); it is the GET's answer without its body. */
    @Test
    void answersAHeadOfAnApiDocumentAsAGet() {
        INTAKE.reply("GET", "/v3/api-docs", 200, "application/json", "{\"openapi\":\"3.1.0\",\"servers\":[]}");

        web.head().uri("/v3/api-docs/intake")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody().isEmpty();

        assertThat(INTAKE.received()).extracting(request -> request.method() + " " + request.path())
            .containsExactly("GET /v3/api-docs");
    }

    @Test
    void listsBothServicesInSwaggerUi() {
        web.get().uri("/v3/api-docs/swagger-config")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.urls[?(@.name == 'intake')].url").isEqualTo("/v3/api-docs/intake")
            .jsonPath("$.urls[?(@.name == 'routing')].url").isEqualTo("/v3/api-docs/routing");

        web.get().uri("/swagger-ui.html")
            .exchange()
            .expectStatus().is3xxRedirection();
    }
}
