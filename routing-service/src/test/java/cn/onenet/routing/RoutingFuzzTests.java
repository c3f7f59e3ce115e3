package cn.onenet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzing of routing-service's write endpoints with jqwik's generators: each endpoint's valid body with one field
 * replaced by a random value of a random JSON type, removed or joined by an unknown field; raw bytes; cut-off
 * JSON; wrong content types; ids that aren't ids; a body where none is taken; odd or doubled If-Match,
 * Idempotency-Key, X-Actor and X-Correlation-Id headers. Every write: an order's steps, the
 * clear read of its requester, rules, the calendar, reference data, webhooks and their deliveries, the dead letters'
 * replay. Never a 5xx; every refusal a Problem Details body; and a refused write stores nothing: a refused step
 * leaves the order exactly as it was (same timeline, same status), and the rule, calendar year, reference data or
 * webhook a refused write names reads as before.
 */
class RoutingFuzzTests extends RoutingIntegrationTestSupport {

    static final int TRIES = 600;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    /**
     * A write: {@code id} is the part of its path that names what it writes (swapped for ids that aren't ids);
     * {@code state} a read of what it writes, which a refusal must leave as it was ({@code null}: the order in its
     * path, or nothing to read).
     */
    record Endpoint(String method, String path, String body, String id, String state) {

        Endpoint(String method, String path, String body, String id) {
            this(method, path, body, id, null);
        }
    }

    record Attempt(Endpoint endpoint, String path, byte[] body, String contentType, String what,
            Map<String, String> headers) {

        Attempt(Endpoint endpoint, String path, byte[] body, String contentType, String what) {
            this(endpoint, path, body, contentType, what, Map.of());
        }
    }

    /** Codes of this run's own reference data, rules and webhook: what the fuzzing writes touches no other test's. */
    record Own(String department, String category, String community, String rule, String doomedRule) {

        String target() {
            return "department:" + department;
        }
    }

    @Test
    void noWriteGetsA5xxAndARefusedStepChangesNothing() throws Exception {
        List<UUID> orders = List.of(order("sanitation"), order("noise"), order("other"));
        Own own = own();
        Map<Integer, Integer> statuses = new HashMap<>();
        Set<String> rules = new HashSet<>(Set.of(own.rule(), own.doomedRule()));
        try {
            for (Attempt attempt : attempts(orders, own).sampleStream().limit(TRIES).toList()) {
                UUID order = orderIn(attempt.path(), orders);
                JsonNode before = order == null ? null : get("/api/v1/requests/" + order).body();
                String state = attempt.endpoint().state();
                Response stateBefore = state == null ? null : get(state);
                HttpResponse<String> response = send(attempt);
                statuses.merge(response.statusCode(), 1, Integer::sum);

                assertThat(response.statusCode()).as(attempt.what() + " → " + response.body()).isLessThan(500);
                if (response.statusCode() == 201 && attempt.path().equals("/api/v1/rules")) {
                    rules.add(JSON.readTree(response.body()).get("id").asString());
                }
                if (response.statusCode() >= 400) {
                    assertThat(response.headers().firstValue("Content-Type")).as(attempt.what())
                        .hasValueSatisfying(type -> assertThat(type).as(attempt.what() + " → " + response.body())
                            .startsWith("application/problem+json"));
                    if (before != null) {
                        JsonNode after = get("/api/v1/requests/" + order).body();
                        // a merged order follows its original on its own (ORIGINAL_PROGRESSED), whatever this did
                        assertThat(ownSteps(after)).as(attempt.what()).isEqualTo(ownSteps(before));
                        assertThat(after.get("status")).as(attempt.what()).isEqualTo(before.get("status"));
                    }
                    if (stateBefore != null) {
                        // nothing of a refused write is stored: what it would have written reads as before
                        Response stateAfter = get(state);
                        assertThat(stateAfter.status()).as(attempt.what() + ": " + state).isEqualTo(stateBefore.status());
                        if (stateBefore.status() == 200) {
                            assertThat(stateAfter.body()).as(attempt.what() + ": " + state).isEqualTo(stateBefore.body());
                        }
                    }
                }
            }
        }
        finally {
            // rules the fuzzing made or changed may match any order (one without conditions matches every one)
            for (String rule : rules) {
                send("DELETE", "/api/v1/rules/" + rule);
            }
            send("DELETE", "/api/v1/webhooks/" + own.target());
        }
        assertThat(statuses.keySet()).as("the fuzzing reached refusals and successes: %s", statuses).contains(400)
            .anyMatch(status -> status < 300);
        assertThat(get("/api/v1/rules/" + own.rule()).status()).isEqualTo(404);
    }

    /** A department, category and community of this run's own, a rule to change and one to delete. */
    private Own own() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Own own = new Own("fuzz-dept-" + suffix, "fuzz-cat-" + suffix, "fuzz-comm-" + suffix,
                rule("{\"name\":\"fuzz-kept\",\"priority\":0,\"enabled\":false,\"categories\":[\"noise\"],"
                        + "\"leadDepartment\":\"housing\"}"),
                rule("{\"name\":\"fuzz-doomed\",\"priority\":0,\"enabled\":false,\"categories\":[\"noise\"],"
                        + "\"leadDepartment\":\"housing\"}"));
        assertThat(put("/api/v1/departments/" + own.department(), DEPARTMENT, "fuzz").status()).isEqualTo(201);
        return own;
    }

    private String rule(String body) {
        Response created = post("/api/v1/rules", body);
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    static final String DEPARTMENT = "{\"name\":\"模糊测试部门\",\"nameEn\":\"Fuzzing bureau\",\"kind\":\"BUREAU\"}";

    Arbitrary<Attempt> attempts(List<UUID> orders, Own own) {
        String target = own.target();
        Arbitrary<Endpoint> endpoints = Arbitraries.of(orders).flatMap(order -> Arbitraries.of(
                new Endpoint("POST", "/api/v1/requests/" + order + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\",\"note\":\"已签收\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/events", "{\"type\":\"EXTENSION_REQUESTED\",\"department\":\"urban-management\",\"reason\":\"协调\",\"until\":\"2030-01-01T10:00:00+08:00\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/dispatch", "{\"department\":\"housing\",\"note\":\"派单\",\"coDepartments\":[\"wenxin-street\"],\"finalRuling\":false}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/transfer", "{\"department\":\"housing\",\"reason\":\"改派\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/reject", "{\"code\":\"DUPLICATE\",\"reason\":\"重复\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/merge", "{\"into\":\"" + orders.get(0) + "\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/feedback", "{\"satisfaction\":\"SATISFIED\",\"comment\":\"好\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/follow-ups", "{\"note\":\"来电催办\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/extension", "{\"approved\":true,\"note\":\"同意\"}", order.toString()),
                new Endpoint("POST", "/api/v1/requests/" + order + "/personal-data", "{\"reason\":\"回访核实\"}", order.toString()),
                new Endpoint("POST", "/api/v1/rules", "{\"name\":\"fuzz\",\"priority\":1,\"enabled\":false,\"categories\":[\"noise\"],\"leadDepartment\":\"housing\"}", null, "/api/v1/rules"),
                new Endpoint("PUT", "/api/v1/rules/" + own.rule(), "{\"name\":\"fuzz-kept\",\"priority\":2,\"enabled\":false,\"categories\":[\"noise\"],\"communities\":[\"dejia\"],\"keywords\":[\"噪音\"],\"leadDepartment\":\"housing\",\"coDepartments\":[\"wenxin-street\"]}", own.rule(), "/api/v1/rules/" + own.rule()),
                new Endpoint("DELETE", "/api/v1/rules/" + own.doomedRule(), "", own.doomedRule(), "/api/v1/rules"),
                new Endpoint("POST", "/api/v1/rules/dry-run", "{\"category\":\"noise\",\"community\":\"dejia\",\"grid\":\"dejia-01\",\"title\":\"噪音\"}", null),
                new Endpoint("PUT", "/api/v1/calendar/2031", "{\"status\":\"PROVISIONAL\",\"holidays\":[{\"date\":\"2031-01-01\",\"name\":\"元旦\"}],\"workdays\":[]}", "2031", "/api/v1/calendar/2031"),
                new Endpoint("PUT", "/api/v1/departments/" + own.department(), DEPARTMENT, own.department(), "/api/v1/departments"),
                new Endpoint("PUT", "/api/v1/catalogue/" + own.category(), "{\"name\":\"模糊测试类别\",\"nameEn\":\"Fuzzing\",\"department\":\"" + own.department() + "\",\"sla\":{\"NORMAL\":{\"acknowledgeWithinHours\":4,\"resolveWithinWorkingDays\":5},\"URGENT\":{\"acknowledgeWithinHours\":1,\"resolveWithinWorkingDays\":2}}}", own.category(), "/api/v1/catalogue"),
                new Endpoint("PUT", "/api/v1/communities/" + own.community(), "{\"name\":\"模糊社区\",\"street\":\"文新街道\",\"committee\":\"dejia-committee\",\"grids\":[{\"code\":\"" + own.community() + "-01\",\"name\":\"第一网格\"}]}", own.community(), "/api/v1/communities"),
                new Endpoint("PUT", "/api/v1/webhooks/" + target, "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"s3cret-s3cret-s3cret\",\"enabled\":false}", target, "/api/v1/webhooks/" + target),
                new Endpoint("DELETE", "/api/v1/webhooks/" + target, "", target, "/api/v1/webhooks/" + target),
                new Endpoint("POST", "/api/v1/webhooks/deliveries/" + UUID.randomUUID() + "/retry", "", null),
                new Endpoint("POST", "/api/v1/webhooks/deliveries/retry?target=" + target, "", target),
                new Endpoint("POST", "/api/v1/admin/dead-letters/replay", "{\"topic\":\"" + Topics.REQUESTS_SUBMITTED + "\",\"partition\":0,\"offset\":1000000000}", null))
            // each as often as the others (jqwik's edge cases favour the first and the last)
            .withoutEdgeCases());
        Arbitrary<Attempt> mutated = Combinators.combine(endpoints, Arbitraries.integers().between(0, 3), values(),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
            .as((endpoint, how, value, name) -> {
                if (endpoint.body().isEmpty()) {
                    // a write that takes no body: one sent anyway
                    byte[] body = how == 2 ? ("{\"" + name + "\":" + value + "}").getBytes(StandardCharsets.UTF_8)
                            : new byte[0];
                    return new Attempt(endpoint, endpoint.path(), body, "application/json",
                            endpoint.method() + " " + endpoint.path() + (how == 2 ? " with a body" : ""));
                }
                ObjectNode body = (ObjectNode) JSON.readTree(endpoint.body());
                List<String> fields = List.copyOf(body.propertyNames());
                String field = fields.get(Math.floorMod(name.hashCode(), fields.size()));
                String what;
                if (how == 0) {
                    body.set(field, value);
                    what = field + " = " + abbreviate(value.toString());
                }
                else if (how == 1) {
                    body.remove(field);
                    what = "without " + field;
                }
                else if (how == 2) {
                    body.set(name, value);
                    what = "unknown field " + name;
                }
                else {
                    what = "as given";
                }
                return new Attempt(endpoint, endpoint.path(), body.toString().getBytes(StandardCharsets.UTF_8),
                        "application/json", endpoint.method() + " " + endpoint.path() + " " + what);
            });
        Arbitrary<Attempt> raw = Combinators.combine(endpoints, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
            .as((endpoint, bytes) -> new Attempt(endpoint, endpoint.path(), bytes, "application/json",
                    endpoint.method() + " " + endpoint.path() + " raw bytes"));
        Arbitrary<Attempt> cut = Combinators.combine(endpoints, Arbitraries.integers().between(0, 60))
            .as((endpoint, at) -> new Attempt(endpoint, endpoint.path(),
                    endpoint.body().substring(0, Math.min(at, endpoint.body().length())).getBytes(StandardCharsets.UTF_8),
                    "application/json", endpoint.method() + " " + endpoint.path() + " cut after " + at));
        Arbitrary<Attempt> wrongType = Combinators.combine(endpoints, Arbitraries.of("text/plain", "application/xml",
                "application/json; charset=UTF-16", "multipart/form-data; boundary=x"))
            .as((endpoint, type) -> new Attempt(endpoint, endpoint.path(), endpoint.body().getBytes(StandardCharsets.UTF_8),
                    type, endpoint.method() + " " + endpoint.path() + " as " + type));
        Arbitrary<Attempt> badId = Combinators.combine(endpoints, Arbitraries.of("not-an-id", UUID.randomUUID().toString(),
                "00000000-0000-0000-0000-00000000000g", "%20", "..%2F..%2Factuator", "%E4%B8%AD"))
            .as((endpoint, id) -> {
                String path = endpoint.id() == null ? endpoint.path().replaceFirst("[0-9a-f-]{36}", id)
                        : endpoint.path().replace(endpoint.id(), id);
                return new Attempt(endpoint, path, endpoint.body().getBytes(StandardCharsets.UTF_8), "application/json",
                        endpoint.method() + " " + path);
            });
        // the headers a write reads beside its body: a step's version and key, who takes it, the call's id
        Arbitrary<String> headerValues = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
                Arbitraries.of("", " ", "*", "\"7\"", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "1, 2", "\"",
                    "a".repeat(129), "key,with,commas", "ops-chen", "é", "\u00ff\u00fe"));
        Arbitrary<Attempt> oddHeader = Combinators.combine(endpoints,
                Arbitraries.of("If-Match", "Idempotency-Key", "X-Actor", "X-Correlation-Id"), headerValues,
                headerValues.list().ofMinSize(2).ofMaxSize(2))
            .as((endpoint, header, value, twice) -> {
                boolean repeated = value.length() % 3 == 0;
                Map<String, String> headers = repeated ? Map.of(header, twice.get(0) + "\u0000" + twice.get(1))
                        : Map.of(header, value);
                return new Attempt(endpoint, endpoint.path(), endpoint.body().getBytes(StandardCharsets.UTF_8),
                        "application/json", endpoint.method() + " " + endpoint.path() + " " + header + ": "
                                + abbreviate(headers.get(header)), headers);
            });
        return Arbitraries.frequencyOf(Tuple.of(10, mutated), Tuple.of(2, raw), Tuple.of(2, cut),
                Tuple.of(1, wrongType), Tuple.of(2, badId), Tuple.of(3, oddHeader));
    }

    static Arbitrary<JsonNode> values() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(1500).map(nodes::textNode),
                Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1).ofMaxLength(80).map(nodes::textNode),
                Arbitraries.of("ACKNOWLEDGED", "STARTED", "RESOLVED", "RETURNED", "EXTENSION_REQUESTED", "housing",
                    "urban-management", "SATISFIED", "DISSATISFIED", "OFFICIAL", "2031-02-30", "2031-13-01", "9999-12-31T00:00:00Z",
                    "", " ", "\u0000", "\ud800").map(nodes::textNode),
                Arbitraries.longs().map(nodes::numberNode), Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(true, false).map(nodes::booleanNode), Arbitraries.just(nodes.nullNode()));
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(4).map(items -> {
            var array = nodes.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(10), scalars)
            .as((name, value) -> (JsonNode) nodes.objectNode().set(name, value));
        return Arbitraries.oneOf(scalars, scalars, arrays, objects);
    }

    private UUID order(String category) throws Exception {
        UUID id = UUID.randomUUID();
        String tracking = String.format("%017d", Math.abs(id.getLeastSignificantBits() % 100_000_000_000_000_000L));
        RequestSubmitted submitted = new RequestSubmitted(UUID.randomUUID(), id, tracking, Channel.HOTLINE, null, null, category,
                "模糊测试" + id, "用于模糊测试的工单", Urgency.NORMAL, new Location("dejia", "德加社区", null, null),
                new Requester("赵六", "13600136000"), Instant.now());
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, id.toString(), submitted)).get();
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/requests/" + id).status() == 200);
        return id;
    }

    private static long ownSteps(JsonNode order) {
        long steps = 0;
        for (JsonNode entry : order.get("timeline")) {
            if (!entry.get("type").asString().equals("ORIGINAL_PROGRESSED")) {
                steps++;
            }
        }
        return steps;
    }

    private static UUID orderIn(String path, List<UUID> orders) {
        return orders.stream().filter(order -> path.contains(order.toString())).findFirst().orElse(null);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(Attempt attempt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + attempt.path()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", attempt.contentType())
            .method(attempt.endpoint().method(), HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        // a value holding \u0000 is the header given twice
        attempt.headers().forEach((name, value) -> List.of(value.split("\u0000", -1))
            .forEach(each -> request.header(name, each)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
