package cn.onenet.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import cn.onenet.gateway.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class GatewaySecurityIntegrationTests extends GatewayIntegrationTestSupport {

    static final String ORDER = "/api/v1/requests/0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11";

    static String submission(String channel) {
        return "{\"channel\":\"" + channel + "\",\"externalId\":\"X-1\",\"category\":\"elderly-care\",\"title\":\"t\"}";
    }

    @Test
    void answersACallWithoutATokenWith401ProblemDetailsAndForwardsNothing() {
        anonymous.get().uri("/api/v1/catalogue")
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/unauthorized")
            .jsonPath("$.status").isEqualTo(401)
            .jsonPath("$.instance").isEqualTo("/api/v1/catalogue")
            .jsonPath("$.correlationId").isNotEmpty();

        anonymous.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(submission("LIVELIHOOD"))
            .exchange().expectStatus().isUnauthorized();
        assertThat(ROUTING.received()).isEmpty();
        assertThat(INTAKE.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "expired", "another key", "another issuer", "another audience", "garbage" })
    void refusesATokenTheIdentityProviderDidNotIssueForTheSuite(String kind) {
        String token = switch (kind) {
            case "expired" -> TestTokens.expired();
            case "another key" -> TestTokens.signedByAnotherKey();
            case "another issuer" -> TestTokens.fromAnotherIssuer();
            case "another audience" -> TestTokens.forAnotherAudience();
            default -> "not-a-jwt";
        };

        as(token).get().uri("/api/v1/catalogue")
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader().value("WWW-Authenticate", header -> assertThat(header).startsWith("Bearer error=\"invalid_token\""))
            .expectBody().jsonPath("$.type").isEqualTo("https://onenet.cn/problems/unauthorized");
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void relaysTheCallersTokenToTheService() {
        String token = TestTokens.channel("LIVELIHOOD");

        as(token).get().uri("/api/v1/catalogue").exchange().expectStatus().isOk();

        assertThat(ROUTING.received()).singleElement()
            .satisfies(request -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + token));
    }

    @Test
    void letsAChannelSystemSubmitOnItsOwnChannelWithTheBodyIntact() {
        as(TestTokens.channel("LIVELIHOOD")).post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(submission("LIVELIHOOD"))
            .exchange().expectStatus().isOk();

        assertThat(INTAKE.received("POST", "/api/v1/requests")).singleElement()
            .satisfies(request -> assertThat(request.body()).isEqualTo(submission("LIVELIHOOD")));
    }

    @Test
    void refusesAChannelSystemSubmittingOnAnotherChannel() {
        as(TestTokens.channel("LIVELIHOOD")).post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(submission("POLICE"))
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/forbidden")
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("own channel", "LIVELIHOOD"));

        assertThat(INTAKE.received()).isEmpty();
    }

    /** A channel that is no channel at all is intake's to refuse, naming the field: not a 403 about permission. */
    @Test
    void passesAChannelThatIsNoChannelOnForIntakeToRefuse() {
        for (String channel : new String[] { "FAX", "livelihood" }) {
            as(TestTokens.channel("LIVELIHOOD")).post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(submission(channel))
                .exchange().expectStatus().isOk();
        }

        assertThat(INTAKE.received("POST", "/api/v1/requests")).hasSize(2);
    }

    @Test
    void letsOperatorsSubmitHotlineRequestsOnly() {
        WebTestClient operator = as(TestTokens.person("operator", "OPERATOR"));

        operator.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(submission("HOTLINE"))
            .exchange().expectStatus().isOk();
        operator.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(submission("COURT"))
            .exchange().expectStatus().isForbidden();
        as(TestTokens.person("dispatcher", "DISPATCHER")).post().uri("/api/v1/requests")
            .contentType(MediaType.APPLICATION_JSON).bodyValue(submission("HOTLINE"))
            .exchange().expectStatus().isForbidden();

        assertThat(INTAKE.received()).hasSize(1);
    }

    @Test
    void letsADepartmentSystemReportOnlyAsItself() {
        WebTestClient civilAffairs = as(TestTokens.department("civil-affairs"));

        civilAffairs.post().uri(ORDER + "/events").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"type\":\"ACKNOWLEDGED\",\"department\":\"civil-affairs\"}")
            .exchange().expectStatus().isOk();
        civilAffairs.post().uri(ORDER + "/events").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"type\":\"ACKNOWLEDGED\",\"department\":\"police-wenxin\"}")
            .exchange().expectStatus().isForbidden();
        as(TestTokens.channel("LIVELIHOOD")).post().uri(ORDER + "/events").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"type\":\"ACKNOWLEDGED\",\"department\":\"civil-affairs\"}")
            .exchange().expectStatus().isForbidden();

        assertThat(ROUTING.received()).hasSize(1);
    }

    @Test
    void letsASystemReadOnlyItsOwnFeed() {
        as(TestTokens.channel("COURT")).get().uri("/api/v1/feed?target=channel:COURT").exchange().expectStatus().isOk();
        as(TestTokens.channel("COURT")).get().uri("/api/v1/feed?target=channel:POLICE").exchange().expectStatus().isForbidden();
        as(TestTokens.department("housing")).get().uri("/api/v1/feed?target=department:housing").exchange().expectStatus().isOk();
        as(TestTokens.department("housing")).get().uri("/api/v1/feed?target=channel:COURT").exchange().expectStatus().isForbidden();
        as(TestTokens.person("operator", "OPERATOR")).get().uri("/api/v1/feed?target=channel:COURT").exchange().expectStatus().isForbidden();
    }

    static final List<String> READERS = List.of("CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM", "OPERATOR", "DISPATCHER", "SUPERVISOR");
    static final List<String> EVERYONE = List.of("CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM", "OPERATOR", "DISPATCHER",
            "SUPERVISOR", "COMMUNITY_ADMIN", "ADMIN");

    /**
     * Every endpoint of the public contract (API.md and its extensions), one row each: method, path, the roles that
     * may call it, the roles that may not. Ownership (which order, which channel, which department) is the services'
     * to check and is tested there and in the system test.
     */
    static final Object[][] ENDPOINTS = {
        { "POST", "/api/v1/requests", List.of("CHANNEL_SYSTEM", "OPERATOR"), List.of("DISPATCHER", "SUPERVISOR", "DEPARTMENT_SYSTEM", "ADMIN", "MONITORING") },
        { "GET", "/api/v1/requests", READERS, List.of("COMMUNITY_ADMIN", "ADMIN", "MONITORING") },
        { "GET", ORDER, READERS, List.of("COMMUNITY_ADMIN", "ADMIN") },
        { "GET", "/api/v1/requests/by-tracking-number/12345678901234567", READERS, List.of("COMMUNITY_ADMIN", "ADMIN") },
        { "GET", "/api/v1/requests/triage", List.of("DISPATCHER", "SUPERVISOR"), List.of("OPERATOR", "CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/requests/duplicates", List.of("DISPATCHER", "SUPERVISOR"), List.of("OPERATOR", "CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM") },
        { "POST", ORDER + "/events", List.of("DEPARTMENT_SYSTEM"), List.of("OPERATOR", "DISPATCHER", "SUPERVISOR", "CHANNEL_SYSTEM", "ADMIN") },
        { "POST", ORDER + "/feedback", List.of("OPERATOR"), List.of("DISPATCHER", "CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM") },
        { "POST", ORDER + "/follow-ups", List.of("OPERATOR", "CHANNEL_SYSTEM"), List.of("DISPATCHER", "SUPERVISOR", "DEPARTMENT_SYSTEM", "ADMIN") },
        { "POST", ORDER + "/dispatch", List.of("DISPATCHER"), List.of("SUPERVISOR", "OPERATOR", "CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM", "ADMIN") },
        { "POST", ORDER + "/transfer", List.of("DISPATCHER"), List.of("SUPERVISOR", "OPERATOR", "DEPARTMENT_SYSTEM") },
        { "POST", ORDER + "/reject", List.of("DISPATCHER"), List.of("OPERATOR", "DEPARTMENT_SYSTEM", "CHANNEL_SYSTEM") },
        { "POST", ORDER + "/merge", List.of("DISPATCHER"), List.of("SUPERVISOR", "CHANNEL_SYSTEM", "OPERATOR") },
        { "POST", ORDER + "/extension", List.of("SUPERVISOR"), List.of("DISPATCHER", "DEPARTMENT_SYSTEM", "ADMIN") },
        { "POST", ORDER + "/personal-data", List.of("DEPARTMENT_SYSTEM", "OPERATOR"), List.of("DISPATCHER", "SUPERVISOR", "CHANNEL_SYSTEM", "COMMUNITY_ADMIN", "ADMIN") },
        { "GET", "/api/v1/personal-data-access", List.of("SUPERVISOR"), List.of("OPERATOR", "DISPATCHER", "DEPARTMENT_SYSTEM", "ADMIN") },
        { "GET", "/api/v1/catalogue", EVERYONE, List.of("MONITORING") },
        { "GET", "/api/v1/departments", EVERYONE, List.of() },
        { "GET", "/api/v1/communities", EVERYONE, List.of() },
        { "GET", "/api/v1/channels", EVERYONE, List.of() },
        { "PUT", "/api/v1/departments/street-2", List.of("ADMIN"), List.of("SUPERVISOR", "DISPATCHER", "DEPARTMENT_SYSTEM", "COMMUNITY_ADMIN") },
        { "PUT", "/api/v1/catalogue/noise", List.of("ADMIN"), List.of("SUPERVISOR", "OPERATOR", "CHANNEL_SYSTEM") },
        { "PUT", "/api/v1/communities/qiushi", List.of("ADMIN"), List.of("SUPERVISOR", "COMMUNITY_ADMIN") },
        { "GET", "/api/v1/reference-data/audit", List.of("ADMIN"), List.of("SUPERVISOR", "DISPATCHER") },
        { "GET", "/api/v1/rules", List.of("DISPATCHER", "SUPERVISOR", "ADMIN"), List.of("OPERATOR", "CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/rules/r1", List.of("DISPATCHER", "SUPERVISOR", "ADMIN"), List.of("OPERATOR", "CHANNEL_SYSTEM") },
        { "GET", "/api/v1/rules/audit", List.of("DISPATCHER", "SUPERVISOR", "ADMIN"), List.of("OPERATOR", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/rules/r1/audit", List.of("DISPATCHER", "SUPERVISOR", "ADMIN"), List.of("OPERATOR") },
        { "POST", "/api/v1/rules/dry-run", List.of("DISPATCHER", "SUPERVISOR", "ADMIN"), List.of("OPERATOR", "CHANNEL_SYSTEM") },
        { "POST", "/api/v1/rules", List.of("SUPERVISOR"), List.of("DISPATCHER", "ADMIN", "OPERATOR") },
        { "PUT", "/api/v1/rules/r1", List.of("SUPERVISOR"), List.of("DISPATCHER", "ADMIN") },
        { "DELETE", "/api/v1/rules/r1", List.of("SUPERVISOR"), List.of("DISPATCHER", "ADMIN") },
        { "GET", "/api/v1/calendar", EVERYONE, List.of("MONITORING") },
        { "GET", "/api/v1/calendar/2026", EVERYONE, List.of() },
        { "GET", "/api/v1/calendar/2026/audit", EVERYONE, List.of() },
        { "GET", "/api/v1/calendar/days", EVERYONE, List.of() },
        { "GET", "/api/v1/calendar/deadline", EVERYONE, List.of() },
        { "PUT", "/api/v1/calendar/2027", List.of("SUPERVISOR"), List.of("ADMIN", "DISPATCHER", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/stats/summary", List.of("SUPERVISOR"), List.of("DISPATCHER", "OPERATOR", "DEPARTMENT_SYSTEM", "ADMIN") },
        { "GET", "/api/v1/stats/summary.csv", List.of("SUPERVISOR"), List.of("DISPATCHER", "OPERATOR") },
        { "GET", "/api/v1/supervision/overdue", List.of("SUPERVISOR"), List.of("DISPATCHER", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/supervision/backlog", List.of("SUPERVISOR"), List.of("DISPATCHER", "OPERATOR") },
        { "GET", "/api/v1/webhooks", List.of("ADMIN"), List.of("SUPERVISOR", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/webhooks/channel:COURT", List.of("ADMIN"), List.of("SUPERVISOR", "CHANNEL_SYSTEM") },
        { "PUT", "/api/v1/webhooks/channel:COURT", List.of("ADMIN"), List.of("SUPERVISOR", "CHANNEL_SYSTEM") },
        { "DELETE", "/api/v1/webhooks/channel:COURT", List.of("ADMIN"), List.of("SUPERVISOR", "CHANNEL_SYSTEM") },
        { "GET", "/api/v1/webhooks/deliveries", List.of("ADMIN"), List.of("SUPERVISOR") },
        { "GET", "/api/v1/webhooks/deliveries/d1", List.of("ADMIN"), List.of("SUPERVISOR", "DEPARTMENT_SYSTEM") },
        { "POST", "/api/v1/webhooks/deliveries/retry", List.of("ADMIN"), List.of("SUPERVISOR") },
        { "POST", "/api/v1/webhooks/deliveries/d1/retry", List.of("ADMIN"), List.of("DISPATCHER") },
        { "GET", "/api/v1/feed?target=channel:LIVELIHOOD", List.of("CHANNEL_SYSTEM", "ADMIN"), List.of("OPERATOR", "SUPERVISOR", "DEPARTMENT_SYSTEM") },
        { "GET", "/api/v1/admin/dead-letters", List.of("ADMIN"), List.of("SUPERVISOR", "DISPATCHER") },
        { "POST", "/api/v1/admin/dead-letters/replay", List.of("ADMIN"), List.of("SUPERVISOR") },
        { "GET", "/api/v1/admin/intake/dead-letters", List.of("ADMIN"), List.of("SUPERVISOR", "DISPATCHER", "OPERATOR") },
        { "POST", "/api/v1/admin/intake/dead-letters/replay", List.of("ADMIN"), List.of("SUPERVISOR", "CHANNEL_SYSTEM") },
        { "GET", "/api/v1/clients", List.of("ADMIN"), List.of("SUPERVISOR", "CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM") },
        { "POST", "/api/v1/clients", List.of("ADMIN"), List.of("SUPERVISOR", "OPERATOR") },
        { "POST", "/api/v1/clients/channel-court/secret", List.of("ADMIN"), List.of("CHANNEL_SYSTEM", "SUPERVISOR") },
        { "DELETE", "/api/v1/clients/channel-court", List.of("ADMIN"), List.of("CHANNEL_SYSTEM", "SUPERVISOR") },
        { "GET", "/api/v1/something-new", List.of("ADMIN"), List.of("SUPERVISOR", "MONITORING") },
        { "GET", "/actuator/prometheus", List.of("MONITORING", "ADMIN"), List.of("SUPERVISOR", "OPERATOR", "CHANNEL_SYSTEM") },
    };

    @Test
    void keepsEachRoleToItsOwnWork() {
        List<Object[]> rows = new java.util.ArrayList<>(List.of(ENDPOINTS));
        // HEAD answers what GET does, headers only (an order's ETag and length): it is held to GET's rule
        for (Object[] row : ENDPOINTS) {
            if ("GET".equals(row[0]) && ((String) row[1]).startsWith("/api/")) {
                rows.add(new Object[] { "HEAD", row[1], row[2], row[3] });
            }
        }
        for (Object[] row : rows) {
            HttpMethod method = HttpMethod.valueOf((String) row[0]);
            String path = (String) row[1];
            for (Object role : (List<?>) row[2]) {
                call(method, path, (String) role).expectStatus().value(status -> assertThat(status)
                    .as("%s %s as %s", method, path, role).isEqualTo(200));
            }
            for (Object role : (List<?>) row[3]) {
                call(method, path, (String) role).expectStatus().value(status -> assertThat(status)
                    .as("%s %s as %s", method, path, role).isEqualTo(403));
            }
        }
    }

    @Test
    void forwardsClientAdministrationToTheIdentityProviderWithTheAdminsToken() {
        String token = TestTokens.person("admin", "ADMIN");
        as(token).get().uri("/api/v1/clients").exchange().expectStatus().isOk();
        assertThat(IDENTITY.received()).filteredOn(received -> received.path().equals("/api/v1/clients"))
            .anySatisfy(received -> assertThat(received.header("Authorization")).isEqualTo("Bearer " + token));
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void answersEveryEndpointWithoutATokenOrWithAnExpiredOneWith401AndForwardsNothing() {
        for (Object[] row : ENDPOINTS) {
            HttpMethod method = HttpMethod.valueOf((String) row[0]);
            String path = (String) row[1];
            for (WebTestClient client : List.of(anonymous, as(TestTokens.expired()))) {
                WebTestClient.RequestBodySpec request = client.method(method).uri(path);
                if (method != HttpMethod.GET && method != HttpMethod.DELETE) {
                    request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
                }
                request.exchange().expectStatus().value(status -> assertThat(status).as("%s %s", method, path).isEqualTo(401));
            }
        }
        assertThat(ROUTING.received()).isEmpty();
        assertThat(INTAKE.received()).isEmpty();
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, String path, String role) {
        Map<String, Object> claims = switch (role) {
            case "CHANNEL_SYSTEM" -> Map.of("channel", "LIVELIHOOD");
            case "DEPARTMENT_SYSTEM" -> Map.of("department", "civil-affairs");
            default -> Map.of();
        };
        WebTestClient client = as(TestTokens.token(role.toLowerCase(), List.of(role), claims));
        WebTestClient.RequestBodySpec request = client.method(method).uri(path);
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.DELETE) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return request.exchange();
    }

    @Test
    void keepsTheActuatorToAdminsButHealthAndMetricsToTheScraper() {
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        as(TestTokens.person("supervisor", "SUPERVISOR")).get().uri("/actuator/prometheus").exchange()
            .expectStatus().isForbidden();
        as(TestTokens.person("admin", "ADMIN")).get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        as(TestTokens.token("monitoring", List.of("MONITORING"), Map.of())).get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).value(scrape -> assertThat(scrape).contains("application=\"gateway\""));
    }

    @Test
    void servesTheConsoleAndItsSignInSettingsWithoutAToken() {
        anonymous.get().uri("/").exchange().expectStatus().isOk();
        anonymous.get().uri("/console/config.json")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.issuer").isEqualTo(TestTokens.ISSUER)
            .jsonPath("$.clientId").isEqualTo("onenet-console");
    }

    @Test
    void limitsEachClientsRateWith429AndRetryAfterWhileOtherClientsGoOn() {
        WebTestClient burst = as(TestTokens.token("burst-client", List.of("CHANNEL_SYSTEM"), Map.of("channel", "COURT")));
        for (int i = 0; i < 3; i++) {
            burst.get().uri("/api/v1/channels").exchange().expectStatus().isOk();
        }

        burst.get().uri("/api/v1/channels")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectHeader().valueEquals("Retry-After", "60")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/too-many-requests")
            .jsonPath("$.limitForPeriod").isEqualTo(3);
        as(TestTokens.channel("COURT")).get().uri("/api/v1/channels").exchange().expectStatus().isOk();
        assertThat(ROUTING.received()).hasSize(4);
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        String big = "{\"channel\":\"LIVELIHOOD\",\"description\":\"" + "x".repeat(17 * 1024) + "\"}";

        as(TestTokens.channel("LIVELIHOOD")).post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(big)
            .exchange()
            .expectStatus().isEqualTo(413)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.type").isEqualTo("https://onenet.cn/problems/payload-too-large");
        assertThat(INTAKE.received()).isEmpty();
    }
}
