package cn.onenet.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.localstack.IdentityClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzing of the identity provider's writes (adding a channel or department system, rotating a secret, disabling a
 * client) with jqwik's generators: a valid body with one field replaced by a random value of a random JSON type,
 * removed, given twice or joined by an unknown field; raw bytes; cut-off JSON; other encodings and content types; a
 * body where none is taken; client ids that name no client. Never a 5xx; every refusal a Problem Details body; and
 * a refused write stores nothing: the administrators' list of clients reads exactly as before it.
 */
class ClientAdministrationFuzzTests extends IdentityIntegrationTestSupport {

    static final int TRIES = 300;
    static final String CLIENTS = "/api/v1/clients";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Endpoint(String method, String path, String body) {
    }

    record Attempt(String method, String path, byte[] body, String contentType, String what) {
    }

    @Test
    void noWriteGetsA5xxAndARefusedOneStoresNothing() throws Exception {
        String admin = identity.login("admin", "admin-demo", DemoDirectory.CONSOLE_CLIENT_ID, CONSOLE_REDIRECT_URI);
        // departments routing lists that have no system yet: a body naming one adds a client the first time
        List<String> departments = IntStream.range(0, 12)
            .mapToObj(i -> "fuzz-office-" + UUID.randomUUID().toString().substring(0, 8)).toList();
        departments.forEach(ROUTING::add);
        String kept = created(admin, departments.get(0));
        String doomed = created(admin, departments.get(1));

        Map<Integer, Integer> statuses = new HashMap<>();
        for (Attempt attempt : attempts(departments.subList(2, departments.size()), kept, doomed).sampleStream()
            .limit(TRIES).toList()) {
            HttpResponse<String> before = send(admin, "GET", CLIENTS, null, null);
            HttpResponse<String> response = send(admin, attempt.method(), attempt.path(), attempt.body(),
                    attempt.contentType());
            statuses.merge(response.statusCode(), 1, Integer::sum);

            assertThat(response.statusCode()).as(attempt.what() + " → " + response.body()).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertThat(response.headers().firstValue("Content-Type")).as(attempt.what())
                    .hasValueSatisfying(type -> assertThat(type).as(attempt.what() + " → " + response.body())
                        .startsWith("application/problem+json"));
                assertThat(JSON.readTree(send(admin, "GET", CLIENTS, null, null).body())).as(attempt.what())
                    .isEqualTo(JSON.readTree(before.body()));
            }
        }
        assertThat(statuses.keySet()).as("the fuzzing reached refusals and successes: %s", statuses)
            .contains(400, 409).anyMatch(status -> status < 300);
        // the demo systems were never touched: their secrets still get tokens
        assertThat(new IdentityClient(baseUri()).clientCredentials("channel-livelihood", "channel-livelihood-secret"))
            .isNotBlank();
    }

    Arbitrary<Attempt> attempts(List<String> departments, String kept, String doomed) {
        Arbitrary<Endpoint> endpoints = Arbitraries.oneOf(
                Arbitraries.of(departments).map(department -> new Endpoint("POST", CLIENTS,
                        "{\"kind\":\"DEPARTMENT_SYSTEM\",\"department\":\"" + department + "\"}")),
                Arbitraries.of("COURT", "HOTLINE").map(channel -> new Endpoint("POST", CLIENTS,
                        "{\"kind\":\"CHANNEL_SYSTEM\",\"channel\":\"" + channel + "\"}")),
                Arbitraries.just(new Endpoint("POST", CLIENTS + "/" + kept + "/secret", "")),
                Arbitraries.just(new Endpoint("DELETE", CLIENTS + "/" + doomed, "")));
        Arbitrary<Attempt> mutated = Combinators.combine(endpoints, Arbitraries.integers().between(0, 4), values(),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
            .as((endpoint, how, value, name) -> {
                if (endpoint.body().isEmpty()) {
                    String body = how == 2 ? "{\"" + name + "\":" + value + "}" : "";
                    return attempt(endpoint, body, "application/json", how == 2 ? "with a body" : "");
                }
                ObjectNode body = (ObjectNode) JSON.readTree(endpoint.body());
                List<String> fields = List.copyOf(body.propertyNames());
                String field = fields.get(Math.floorMod(name.hashCode(), fields.size()));
                if (how == 0) {
                    body.set(field, value);
                    return attempt(endpoint, body.toString(), "application/json", field + " = " + value);
                }
                if (how == 1) {
                    body.remove(field);
                    return attempt(endpoint, body.toString(), "application/json", "without " + field);
                }
                if (how == 2) {
                    body.set(name, value);
                    return attempt(endpoint, body.toString(), "application/json", "unknown field " + name);
                }
                if (how == 3) {
                    String twice = body.toString().replaceFirst("}$", ",\"" + field + "\":" + value + "}");
                    return attempt(endpoint, twice, "application/json", field + " twice");
                }
                return attempt(endpoint, body.toString(), "application/json", "as given");
            });
        Arbitrary<Attempt> raw = Combinators.combine(endpoints, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
            .as((endpoint, bytes) -> new Attempt(endpoint.method(), endpoint.path(), bytes, "application/json",
                    endpoint.method() + " " + endpoint.path() + " raw bytes"));
        Arbitrary<Attempt> cut = Combinators.combine(endpoints, Arbitraries.integers().between(0, 60))
            .as((endpoint, at) -> attempt(endpoint,
                    endpoint.body().substring(0, Math.min(at, endpoint.body().length())), "application/json",
                    "cut after " + at));
        Arbitrary<Attempt> encoded = Combinators.combine(endpoints, Arbitraries.of("text/plain", "application/xml",
                "application/json; charset=UTF-16", "application/json; charset=ISO-8859-1",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/merge-patch+json"))
            .as((endpoint, type) -> new Attempt(endpoint.method(), endpoint.path(),
                    endpoint.body().getBytes(type.contains("UTF-16") ? StandardCharsets.UTF_16
                            : StandardCharsets.UTF_8),
                    type, endpoint.method() + " " + endpoint.path() + " as " + type));
        Arbitrary<Endpoint> ofAClient = endpoints.filter(endpoint -> !endpoint.path().equals(CLIENTS));
        Arbitrary<Attempt> noClient = Combinators.combine(ofAClient,
                Arbitraries.of("not-a-client", UUID.randomUUID().toString(), "%20", "..%2F..%2Factuator", "%E4%B8%AD",
                    "a".repeat(300)))
            .as((endpoint, id) -> {
                String path = endpoint.path().replace(kept, id).replace(doomed, id);
                return new Attempt(endpoint.method(), path, new byte[0], null, endpoint.method() + " " + path);
            });
        return Arbitraries.frequencyOf(Tuple.of(10, mutated), Tuple.of(2, raw), Tuple.of(2, cut), Tuple.of(2, encoded),
                Tuple.of(2, noClient));
    }

    /** Values of every JSON type, the words a client body is made of among them. */
    static Arbitrary<JsonNode> values() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300).map(nodes::textNode),
                Arbitraries.of("DEPARTMENT_SYSTEM", "CHANNEL_SYSTEM", "ADMIN", "COURT", "MARS", "civil-affairs",
                    "Street Office!", "-dash", "", " ", "\u0000", "\ud800", "a".repeat(65)).map(nodes::textNode),
                Arbitraries.longs().map(nodes::numberNode), Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(true, false).map(nodes::booleanNode), Arbitraries.just(nodes.nullNode()));
        Arbitrary<JsonNode> containers = Arbitraries.oneOf(
                scalars.list().ofMaxSize(3).map(items -> (JsonNode) nodes.arrayNode().addAll(items)),
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), scalars)
                    .as((name, value) -> (JsonNode) nodes.objectNode().set(name, value)));
        return Arbitraries.frequencyOf(Tuple.of(3, scalars), Tuple.of(1, containers));
    }

    private static Attempt attempt(Endpoint endpoint, String body, String contentType, String what) {
        return new Attempt(endpoint.method(), endpoint.path(), body.getBytes(StandardCharsets.UTF_8), contentType,
                endpoint.method() + " " + endpoint.path() + " "
                        + (what.length() > 120 ? what.substring(0, 120) + "…" : what));
    }

    private String created(String admin, String department) throws Exception {
        HttpResponse<String> response = send(admin, "POST", CLIENTS,
                ("{\"kind\":\"DEPARTMENT_SYSTEM\",\"department\":\"" + department + "\"}")
                    .getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("clientId").asString();
    }

    private HttpResponse<String> send(String token, String method, String path, byte[] body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + path))
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", "Bearer " + token)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
