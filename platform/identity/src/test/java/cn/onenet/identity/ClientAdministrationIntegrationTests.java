package cn.onenet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.identity.clients.ClientDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Administrators manage the machine clients through {@code /api/v1/clients}, with an access token the provider issued
 * to the demo user {@code admin} (signed in through the console's authorization-code flow with PKCE).
 */
class ClientAdministrationIntegrationTests extends IdentityIntegrationTestSupport {

    private static final String CLIENTS = "/api/v1/clients";
    private static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** the admin's token, fetched once: it is valid for 30 minutes */
    private static String adminToken;

    @Test
    void refusesACallWithoutATokenAsUnauthorized() throws Exception {
        for (HttpResponse<String> response : List.of(call("GET", CLIENTS, null, null),
                call("POST", CLIENTS, null, "{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"nobody\"}"))) {
            assertProblem(response, 401, ProblemTypes.UNAUTHORIZED);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(get(CLIENTS + "/department-nobody")).isEmpty();
    }

    @Test
    void refusesATokenThatIsNotOneOfItsOwnUnaltered() throws Exception {
        // a channel system writes ADMIN into its own token and keeps the signature
        String[] parts = identity.clientCredentials("channel-livelihood", "channel-livelihood-secret").split("\\.");
        ObjectNode payload = (ObjectNode) claims(String.join(".", parts));
        payload.putArray("roles").add("ADMIN");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(JSON.writeValueAsBytes(payload)) + "." + parts[2];

        for (String token : List.of(forged, "not-a-jwt")) {
            HttpResponse<String> response = call("GET", CLIENTS, token, null);
            assertProblem(response, 401, ProblemTypes.UNAUTHORIZED);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    header -> assertThat(header).startsWith("Bearer error=\"invalid_token\""));
        }
    }

    @Test
    void forbidsACallerWithoutTheAdminRole() throws Exception {
        String channel = identity.clientCredentials("channel-livelihood", "channel-livelihood-secret");

        assertProblem(call("GET", CLIENTS, channel, null), 403, ProblemTypes.FORBIDDEN);
        assertProblem(call("POST", CLIENTS, channel, "{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"sneaky\"}"),
                403, ProblemTypes.FORBIDDEN);
        assertProblem(call("POST", CLIENTS + "/channel-livelihood/secret", channel, null), 403, ProblemTypes.FORBIDDEN);
        assertProblem(call("DELETE", CLIENTS + "/channel-livelihood", channel, null), 403, ProblemTypes.FORBIDDEN);
        assertThat(identity.clientCredentials("channel-livelihood", "channel-livelihood-secret")).isNotBlank();
    }

    @Test
    void addsADepartmentSystemWhoseSecretGetsItADepartmentToken() throws Exception {
        String department = uniqueDepartment();
        Instant before = Instant.now();

        HttpResponse<String> response = create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue(CLIENTS + "/department-" + department);
        JsonNode created = JSON.readTree(response.body());
        assertThat(created.get("clientId").asString()).isEqualTo("department-" + department);
        assertThat(created.get("kind").asString()).isEqualTo("DEPARTMENT_SYSTEM");
        assertThat(created.get("department").asString()).isEqualTo(department);
        assertThat(created.has("channel")).isFalse();
        assertThat(created.get("source").asString()).isEqualTo("admin");
        assertThat(created.get("createdBy").asString()).isEqualTo("admin");
        // in the district's time, to the millisecond, as the services give times
        assertThat(created.get("createdAt").asString())
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?\\+08:00");
        assertThat(OffsetDateTime.parse(created.get("createdAt").asString()).toInstant())
            .isBetween(before.minusSeconds(1), Instant.now());
        assertThat(created.get("enabled").asBoolean()).isTrue();
        String secret = created.get("clientSecret").asString();
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSizeGreaterThanOrEqualTo(32);

        JsonNode claims = claims(identity.clientCredentials("department-" + department, secret));
        assertThat(claims.get("sub").asString()).isEqualTo("department-" + department);
        assertThat(claims.get("roles")).extracting(JsonNode::asString).containsExactly("DEPARTMENT_SYSTEM");
        assertThat(claims.get("department").asString()).isEqualTo(department);
        assertThat(claims.has("channel")).isFalse();
        assertThat(strings(claims.get("aud"))).containsExactly("onenet");

        JsonNode shown = JSON.readTree(get(CLIENTS + "/department-" + department).orElseThrow());
        assertThat(shown.has("clientSecret")).isFalse();
        assertThat(shown.get("createdBy").asString()).isEqualTo("admin");
    }

    @Test
    void asksRoutingForTheDepartmentsWithTheAdministratorsOwnTokenAndTheCallsCorrelationId() throws Exception {
        String department = uniqueDepartment();

        HttpResponse<String> response = call("POST", CLIENTS, admin(), "{\"kind\": \"DEPARTMENT_SYSTEM\", "
                + "\"department\": \"" + department + "\"}", "audit-" + department);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(ROUTING.lastAuthorization()).isEqualTo("Bearer " + admin());
        assertThat(ROUTING.lastCorrelationId()).isEqualTo("audit-" + department);
    }

    @Test
    void refusesADepartmentSystemForACodeNoDepartmentHasUntilTheDepartmentIsAdded() throws Exception {
        // a typo of civil-affairs, unique to this run
        String department = "civil-affair-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}";

        JsonNode problem = assertInvalid(body, "department");

        assertThat(message(problem, "department")).isEqualTo("no department has this code; add it first "
                + "(PUT /api/v1/departments/" + department + ")");
        assertThat(get(CLIENTS + "/department-" + department)).isEmpty();
        assertThat(JSON.readTree(get(CLIENTS).orElseThrow()).valueStream().map(client -> client.get("clientId")
            .asString())).doesNotContain("department-" + department);
        // one answer names every bad field: the unknown department beside an unknown field and a repeated one
        JsonNode all = assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department
                + "\", \"extra\": 1, \"channel\": \"COURT\", \"channel\": \"HOTLINE\"}",
                "channel", "department", "extra");
        assertThat(message(all, "department")).isEqualTo(message(problem, "department"));
        assertThat(all.get("detail").asString()).contains("extra: unknown field").contains("department: no department");
        // while the department list can't be read, the other fields are still named
        ROUTING.answer(DepartmentListStub.Mode.ERROR);
        try {
            assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\", \"extra\": 1}",
                    "extra");
        }
        finally {
            ROUTING.answer(DepartmentListStub.Mode.LIST);
        }

        ROUTING.add(department);
        HttpResponse<String> retried = create(body);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(listed("department-" + department).get("enabled").asBoolean()).isTrue();
    }

    @Test
    void addsNoDepartmentSystemWhileTheDepartmentListCantBeRead() throws Exception {
        String department = uniqueDepartment();
        String body = "{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}";

        for (DepartmentListStub.Mode failing : List.of(DepartmentListStub.Mode.ERROR,
                DepartmentListStub.Mode.UNREADABLE, DepartmentListStub.Mode.NOT_A_LIST, DepartmentListStub.Mode.HANG)) {
            ROUTING.answer(failing);
            try {
                assertUnavailable(create(body), failing.name());
            }
            finally {
                ROUTING.answer(DepartmentListStub.Mode.LIST);
            }
        }
        ROUTING.stop();
        try {
            assertUnavailable(create(body), "stopped");
            // channels are a fixed list: a channel system is not checked against routing (every one exists)
            assertProblem(create("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"COURT\"}"), 409,
                    ProblemTypes.CONFLICT);
        }
        finally {
            ROUTING.restart();
        }
        assertThat(get(CLIENTS + "/department-" + department)).as("nothing was added").isEmpty();

        HttpResponse<String> retried = create(body);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void refusesToAddAClientThatExists() throws Exception {
        String department = uniqueDepartment();
        assertThat(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}").statusCode())
            .isEqualTo(201);

        assertProblem(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}"), 409,
                ProblemTypes.CONFLICT);
        // the demo clients are taken too: every channel has its demo system
        assertProblem(create("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"COURT\"}"), 409, ProblemTypes.CONFLICT);
        assertProblem(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"civil-affairs\"}"), 409,
                ProblemTypes.CONFLICT);
        assertThat(identity.clientCredentials("channel-court", "channel-court-secret")).isNotBlank();
    }

    @Test
    void namesEveryInvalidFieldOfANewClient() throws Exception {
        assertInvalid("{}", "kind");
        assertInvalid("{\"kind\": \"ROBOT\"}", "kind");
        assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\"}", "channel");
        assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"MARS\"}", "channel");
        // "ok" is no department routing lists: named beside the other problem
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"ok\", \"channel\": \"COURT\"}", "channel",
                "department");
        assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"COURT\", \"department\": \"ok\"}", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\"}", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"Street Office!\"}", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"-leading-dash\"}", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + "a".repeat(65) + "\"}", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"ok\", \"clientSecret\": \"mine\"}",
                "clientSecret", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": {\"code\": \"ok\"}}", "department");
        assertInvalid("{\"kind\": \"ROBOT\", \"channel\": \"MARS\", \"department\": \"Bad!\", \"enabled\": false}",
                "channel", "department", "enabled", "kind");

        assertProblem(create("{\"kind\": "), 400, ProblemTypes.INVALID_BODY);
        assertThat(get(CLIENTS + "/department-ok")).isEmpty();
    }

    @Test
    void refusesAFieldGivenTwiceInsteadOfLettingTheLastOneWin() throws Exception {
        String department = "dup-" + UUID.randomUUID().toString().substring(0, 8);

        JsonNode problem = assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\", \"kind\": \"DEPARTMENT_SYSTEM\", "
                + "\"department\": \"" + department + "\"}", "kind");

        assertThat(problem.get("errors").get(0).get("message").asString())
            .isEqualTo("is given more than once; send each field once");
        assertThat(get(CLIENTS + "/department-" + department)).isEmpty();
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\", \"department\": \""
                + department + "-2\"}", "department");
        assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"COURT\", \"channel\": \"COURT\", "
                + "\"kind\": \"CHANNEL_SYSTEM\", \"enabled\": true}", "channel", "enabled", "kind");
        assertThat(get(CLIENTS + "/department-" + department + "-2")).isEmpty();
    }

    @Test
    void refusesAValueOfTheWrongTypeInsteadOfCoercingIt() throws Exception {
        String department = "typed-" + UUID.randomUUID().toString().substring(0, 8);

        assertInvalid("{\"kind\": 5, \"department\": \"" + department + "\"}", "kind");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": 123}", "department");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": true}", "department");
        assertInvalid("{\"kind\": [\"DEPARTMENT_SYSTEM\"], \"department\": \"" + department + "\"}", "kind");
        assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": 1}", "channel");
        assertInvalid("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\", \"extra\": 1}",
                "department", "extra");

        assertThat(get(CLIENTS + "/department-123")).isEmpty();
        assertThat(get(CLIENTS + "/department-true")).isEmpty();
        assertThat(get(CLIENTS + "/department-" + department)).isEmpty();
    }

    @Test
    void namesEveryFieldOfTheWrongTypeInOneAnswer() throws Exception {
        JsonNode problem = assertInvalid("{\"kind\": 5, \"department\": [\"x\"]}", "department", "kind");

        assertThat(message(problem, "kind")).isEqualTo("has the wrong type; expected a string, one of CHANNEL_SYSTEM, "
                + "DEPARTMENT_SYSTEM");
        assertThat(message(problem, "department")).isEqualTo("has the wrong type; expected a string");
        assertThat(problem.get("detail").asString()).contains("kind: ").contains("department: ");
        assertInvalid("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": {\"name\": \"COURT\"}, \"clientId\": 7}",
                "channel", "clientId");
    }

    @Test
    void refusesABodyThatIsNoJsonObject() throws Exception {
        for (String body : List.of("{\"kind\": ", "[]", "\"DEPARTMENT_SYSTEM\"", "null",
                "{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"ok\"} {}")) {
            assertProblem(create(body), 400, ProblemTypes.INVALID_BODY);
        }
        assertProblem(call("POST", CLIENTS, admin(), null), 400, ProblemTypes.INVALID_BODY);
        assertThat(get(CLIENTS + "/department-ok")).isEmpty();
    }

    /**
     * Form and multipart bodies, which the API does not take: a broken multipart body was parsed before any handler
     * (a 500), a DELETE's form body read by a filter ({@code %ZZ} in it: a 500 with Boot's error page).
     */
    @Test
    void answersFormAndMultipartBodiesWithProblemDetailsNotA500() throws Exception {
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=xx")) {
            for (String[] call : List.of(new String[] { "POST", CLIENTS, "415" },
                    new String[] { "POST", CLIENTS + "/department-never-added/secret", "404" },
                    new String[] { "DELETE", CLIENTS + "/department-never-added", "404" })) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(baseUri() + call[1]))
                            .header("Content-Type", type).header("Authorization", "Bearer " + admin())
                            .method(call[0], HttpRequest.BodyPublishers.ofString("kind=x&b=%ZZ&--xx\r\nbroken"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(type + " " + call[0] + " " + call[1])
                    .isEqualTo(Integer.parseInt(call[2]));
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        value -> assertThat(value).startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void everyProblemCarriesTheCorrelationIdOfItsResponse() throws Exception {
        String channel = identity.clientCredentials("channel-livelihood", "channel-livelihood-secret");
        List<Correlated> calls = List.of(
                new Correlated("POST", CLIENTS, admin(), "{\"kind\": \"ROBOT\"}", 400, ProblemTypes.VALIDATION),
                new Correlated("POST", CLIENTS, admin(), "{\"kind\": ", 400, ProblemTypes.INVALID_BODY),
                new Correlated("GET", CLIENTS, null, null, 401, ProblemTypes.UNAUTHORIZED),
                new Correlated("GET", CLIENTS, "not-a-jwt", null, 401, ProblemTypes.UNAUTHORIZED),
                new Correlated("GET", CLIENTS, channel, null, 403, ProblemTypes.FORBIDDEN),
                new Correlated("GET", CLIENTS + "/department-never-added", admin(), null, 404, ProblemTypes.NOT_FOUND),
                new Correlated("GET", "/api/v1/nothing-here", admin(), null, 404, ProblemTypes.NOT_FOUND),
                new Correlated("POST", CLIENTS, admin(), "{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"COURT\"}", 409,
                        ProblemTypes.CONFLICT));
        for (Correlated correlated : calls) {
            String supplied = "audit-" + UUID.randomUUID();
            HttpResponse<String> response = call(correlated.method(), correlated.path(), correlated.token(),
                    correlated.body(), supplied);
            JsonNode problem = assertProblem(response, correlated.status(), correlated.type());
            assertThat(response.headers().firstValue(CORRELATION_HEADER)).as(correlated.toString()).hasValue(supplied);
            assertThat(problem.path("correlationId").asString()).as(correlated.toString()).isEqualTo(supplied);

            HttpResponse<String> unlabelled = call(correlated.method(), correlated.path(), correlated.token(),
                    correlated.body(), "not a valid id!");
            String created = unlabelled.headers().firstValue(CORRELATION_HEADER).orElseThrow();
            assertThat(created).as("a malformed id is replaced").isNotBlank().isNotEqualTo("not a valid id!");
            assertThat(assertProblem(unlabelled, correlated.status(), correlated.type()).path("correlationId")
                .asString()).as(correlated.toString()).isEqualTo(created);
        }
    }

    @Test
    void aPathNoEndpointServesIsSaidToBeSo() throws Exception {
        JsonNode problem = assertProblem(call("GET", CLIENTS + "/a/b/c", admin(), null, "x-1"), 404,
                ProblemTypes.NOT_FOUND);
        assertThat(problem.path("detail").asString()).startsWith("No endpoint GET /api/v1/clients/a/b/c")
            .doesNotContain("static resource");
    }

    @Test
    void anUnexpectedFailureCarriesTheCorrelationIdOfItsResponse() throws Exception {
        // the clients file can't be replaced while a directory with something in it stands in its place
        byte[] saved = Files.readAllBytes(CLIENTS_FILE);
        Files.delete(CLIENTS_FILE);
        Files.createDirectories(CLIENTS_FILE.resolve("blocker"));
        try {
            String department = uniqueDepartment();
            HttpResponse<String> response = call("POST", CLIENTS, admin(), "{\"kind\": \"DEPARTMENT_SYSTEM\", "
                    + "\"department\": \"" + department + "\"}", "audit-failure");

            JsonNode problem = assertProblem(response, 500, ProblemTypes.INTERNAL);
            assertThat(response.headers().firstValue(CORRELATION_HEADER)).hasValue("audit-failure");
            assertThat(problem.path("correlationId").asString()).isEqualTo("audit-failure");
            assertThat(get(CLIENTS + "/department-" + department)).as("nothing changed").isEmpty();
        }
        finally {
            Files.delete(CLIENTS_FILE.resolve("blocker"));
            Files.delete(CLIENTS_FILE);
            Files.write(CLIENTS_FILE, saved);
        }
    }

    @Test
    void rotatesASecretSoTheOldOneIsRefusedAtOnce() throws Exception {
        String clientId = "department-" + uniqueDepartment();
        String first = JSON.readTree(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \""
                + clientId.substring("department-".length()) + "\"}").body()).get("clientSecret").asString();
        assertThat(identity.clientCredentials(clientId, first)).isNotBlank();

        HttpResponse<String> response = call("POST", CLIENTS + "/" + clientId + "/secret", admin(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rotated = JSON.readTree(response.body());
        assertThat(rotated.get("clientId").asString()).isEqualTo(clientId);
        assertThat(rotated.get("enabled").asBoolean()).isTrue();
        String second = rotated.get("clientSecret").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(Base64.getUrlDecoder().decode(second)).hasSizeGreaterThanOrEqualTo(32);
        assertThatThrownBy(() -> identity.clientCredentials(clientId, first)).hasMessageContaining("HTTP 401")
            .hasMessageContaining("invalid_client");
        assertThat(claims(identity.clientCredentials(clientId, second)).get("sub").asString()).isEqualTo(clientId);

        assertProblem(call("POST", CLIENTS + "/department-never-added/secret", admin(), null), 404,
                ProblemTypes.NOT_FOUND);
        assertProblem(call("POST", CLIENTS + "/onenet-console/secret", admin(), null), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void disablesAClientSoItGetsNoMoreTokens() throws Exception {
        String department = uniqueDepartment();
        String clientId = "department-" + department;
        String secret = departmentSystemAdded(department);
        assertThat(identity.clientCredentials(clientId, secret)).isNotBlank();

        HttpResponse<String> response = call("DELETE", CLIENTS + "/" + clientId, admin(), null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> identity.clientCredentials(clientId, secret)).hasMessageContaining("HTTP 401")
            .hasMessageContaining("invalid_client");
        JsonNode listed = listed(clientId);
        assertThat(listed.get("enabled").asBoolean()).isFalse();
        assertThat(listed.get("source").asString()).isEqualTo("admin");
        assertThat(call("DELETE", CLIENTS + "/" + clientId, admin(), null).statusCode()).as("again: no change")
            .isEqualTo(204);
        assertProblem(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}"), 409,
                ProblemTypes.CONFLICT);
        assertProblem(call("DELETE", CLIENTS + "/department-never-added", admin(), null), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void rotatingTheSecretOfADisabledClientEnablesItAgainWithTheNewSecretOnly() throws Exception {
        String department = uniqueDepartment();
        String clientId = "department-" + department;
        String first = departmentSystemAdded(department);
        assertThat(call("DELETE", CLIENTS + "/" + clientId, admin(), null).statusCode()).isEqualTo(204);
        JsonNode refused = assertProblem(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department
                + "\"}"), 409, ProblemTypes.CONFLICT);
        assertThat(refused.get("detail").asString()).contains("disabled").contains("rotate its secret")
            .contains("enables it again");

        HttpResponse<String> response = call("POST", CLIENTS + "/" + clientId + "/secret", admin(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rotated = JSON.readTree(response.body());
        assertThat(rotated.get("enabled").asBoolean()).isTrue();
        String second = rotated.get("clientSecret").asString();
        assertThat(claims(identity.clientCredentials(clientId, second)).get("sub").asString()).isEqualTo(clientId);
        assertThatThrownBy(() -> identity.clientCredentials(clientId, first)).hasMessageContaining("HTTP 401")
            .hasMessageContaining("invalid_client");
        assertThat(listed(clientId).get("enabled").asBoolean()).isTrue();
        assertThat(listed(clientId).get("createdBy").asString()).as("still the one who added it").isEqualTo("admin");
    }

    @Test
    void listsEveryChannelAndDepartmentSystemWithoutSecrets() throws Exception {
        String department = uniqueDepartment();
        String secret = departmentSystemAdded(department);

        String body = get(CLIENTS).orElseThrow();

        JsonNode clients = JSON.readTree(body);
        assertThat(clients.valueStream().map(client -> client.get("clientId").asString()))
            .contains("channel-livelihood", "channel-party-building", "department-civil-affairs", "department-" + department)
            .doesNotContain(DemoDirectory.CONSOLE_CLIENT_ID);
        JsonNode livelihood = listed("channel-livelihood");
        assertThat(livelihood.get("kind").asString()).isEqualTo("CHANNEL_SYSTEM");
        assertThat(livelihood.get("channel").asString()).isEqualTo("LIVELIHOOD");
        assertThat(livelihood.has("department")).isFalse();
        assertThat(livelihood.get("source").asString()).isEqualTo("demo");
        assertThat(livelihood.get("enabled").asBoolean()).isTrue();
        assertThat(livelihood.get("createdAt").isNull()).isTrue();
        JsonNode civilAffairs = listed("department-civil-affairs");
        assertThat(civilAffairs.get("kind").asString()).isEqualTo("DEPARTMENT_SYSTEM");
        assertThat(civilAffairs.get("department").asString()).isEqualTo("civil-affairs");
        assertThat(listed("department-" + department).get("source").asString()).isEqualTo("admin");
        clients.valueStream().forEach(client -> assertThat(client.propertyNames())
            .containsExactlyInAnyOrderElementsOf(client.has("channel")
                    ? List.of("clientId", "kind", "channel", "source", "createdAt", "createdBy", "enabled")
                    : List.of("clientId", "kind", "department", "source", "createdAt", "createdBy", "enabled")));
        assertThat(body).doesNotContain(secret).doesNotContain("bcrypt").doesNotContain("-secret");
    }

    @Test
    void keepsAddedClientsInAFileWithoutTheirSecretsForTheNextStart() throws Exception {
        String department = uniqueDepartment();
        String clientId = "department-" + department;
        String secret = departmentSystemAdded(department);

        String file = Files.readString(CLIENTS_FILE);
        assertThat(file).contains(clientId).contains("{bcrypt}").doesNotContain(secret);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CLIENTS_FILE))).isEqualTo("rw-------");
        }

        ClientDirectory restarted = new ClientDirectory(CLIENTS_FILE, List.of(), List.of(),
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), Duration.ofMinutes(30), Clock.systemUTC());
        RegisteredClient found = restarted.findByClientId(clientId);
        assertThat(found).isNotNull();
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(secret, found.getClientSecret()))
            .isTrue();
        assertThat(restarted.find(clientId)).hasValueSatisfying(client -> assertThat(client.createdBy()).isEqualTo("admin"));
    }

    /** A department new to this run, added at routing first, as an administrator does before adding its system. */
    private static String uniqueDepartment() {
        String department = "street-office-" + UUID.randomUUID().toString().substring(0, 8);
        ROUTING.add(department);
        return department;
    }

    private static void assertUnavailable(HttpResponse<String> response, String why) {
        JsonNode problem = assertProblem(response, 503, ProblemTypes.SERVICE_UNAVAILABLE);
        assertThat(response.headers().firstValue("Retry-After")).as(why).hasValue("5");
        assertThat(problem.get("detail").asString()).as(why).contains("department list could not be read")
            .contains("nothing was added");
    }

    private String admin() {
        if (adminToken == null) {
            adminToken = identity.login("admin", "admin-demo", DemoDirectory.CONSOLE_CLIENT_ID, CONSOLE_REDIRECT_URI);
        }
        return adminToken;
    }

    private HttpResponse<String> create(String body) throws IOException, InterruptedException {
        return call("POST", CLIENTS, admin(), body);
    }

    /** the body of a 200 answer to the admin, or nothing for a 404 */
    private Optional<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", path, admin(), null);
        if (response.statusCode() == 404) {
            assertProblem(response, 404, ProblemTypes.NOT_FOUND);
            return Optional.empty();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Optional.of(response.body());
    }

    private JsonNode listed(String clientId) throws IOException, InterruptedException {
        return JSON.readTree(get(CLIENTS).orElseThrow()).valueStream()
            .filter(client -> client.get("clientId").asString().equals(clientId)).findFirst().orElseThrow();
    }

    private JsonNode assertInvalid(String body, String... fields) throws IOException, InterruptedException {
        HttpResponse<String> response = create(body);
        JsonNode problem = assertProblem(response, 400, ProblemTypes.VALIDATION);
        assertThat(problem.get("title").asString()).isEqualTo("The request has invalid fields");
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
            .as(body).containsExactly(fields);
        problem.get("errors").valueStream().forEach(error -> assertThat(error.get("message").asString()).isNotBlank());
        return problem;
    }

    /** the message of the one error naming {@code field} */
    private static String message(JsonNode problem, String field) {
        return problem.get("errors").valueStream().filter(error -> error.get("field").asString().equals(field))
            .map(error -> error.get("message").asString()).findFirst().orElseThrow();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, URI type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(type.toString());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    private HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return call(method, path, token, body, null);
    }

    private HttpResponse<String> call(String method, String path, String token, String body, String correlationId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + path))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (correlationId != null) {
            request.header(CORRELATION_HEADER, correlationId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Adds a department system for {@code department}; its secret. */
    private String departmentSystemAdded(String department) throws Exception {
        return JSON.readTree(create("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"" + department + "\"}")
            .body()).get("clientSecret").asString();
    }

    /** A call answered with a problem, and the problem it is answered with. */
    private record Correlated(String method, String path, String token, String body, int status, URI type) {

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }
}
