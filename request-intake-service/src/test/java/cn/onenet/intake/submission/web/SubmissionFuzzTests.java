package cn.onenet.intake.submission.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.intake.IntakeIntegrationTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzing of {@code POST /api/v1/requests} with jqwik's generators: valid bodies with one field replaced by a
 * random value of a random JSON type (or removed, or joined by an unknown one), raw byte soup, cut-off JSON,
 * wrong content types and charsets, odd Idempotency-Keys. Whatever arrives: never a 5xx, every refusal a
 * Problem Details body, and exactly the accepted requests reach Kafka — a refused one leaves nothing behind.
 */
class SubmissionFuzzTests extends IntakeIntegrationTestSupport {

    static final int TRIES = 400;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final List<String> FIELDS = List.of("channel", "externalId", "category", "title", "description", "urgency",
            "location", "location.community", "location.address", "location.latitude", "location.longitude",
            "location.grid", "requester", "requester.name", "requester.phone");

    record Attempt(byte[] body, String contentType, String idempotencyKey, String what) {
    }

    @Test
    void noBodyHeaderOrEncodingGetsA5xxOrLeavesAFragment() throws Exception {
        loadReferenceData();
        Map<TopicPartition, Long> before = endOffsets();

        Set<String> accepted = new HashSet<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        List<Attempt> attempts = attempts().sampleStream().limit(TRIES).toList();
        for (Attempt attempt : attempts) {
            HttpResponse<String> response = send(attempt);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as(attempt.what() + " → " + response.body()).isLessThan(500);
            if (response.statusCode() == 202) {
                accepted.add(JSON.readTree(response.body()).get("id").asString());
            }
            else {
                assertThat(response.headers().firstValue("Content-Type")).as(attempt.what())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = JSON.readTree(response.body());
                assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
            }
        }

        assertThat(statuses.keySet()).as("the fuzzing reached both answers: %s", statuses).contains(202, 400);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(keysSince(before)).isEqualTo(accepted));
    }

    Arbitrary<Attempt> attempts() {
        Arbitrary<Attempt> mutated = Combinators.combine(Arbitraries.of(FIELDS), values(), Arbitraries.integers().between(0, 2))
            .as((field, value, how) -> {
                ObjectNode body = validBody();
                String what;
                if (how == 0) {
                    put(body, field, value);
                    what = field + " = " + abbreviate(value.toString());
                }
                else if (how == 1) {
                    remove(body, field);
                    what = "without " + field;
                }
                else {
                    put(body, field.replace("e", "e_") + "X", value);
                    what = "unknown field " + field.replace("e", "e_") + "X";
                }
                return new Attempt(body.toString().getBytes(StandardCharsets.UTF_8), "application/json", null, what);
            });
        Arbitrary<Attempt> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
            .map(bytes -> new Attempt(bytes, "application/json", null, "raw bytes"));
        Arbitrary<Attempt> cut = Arbitraries.integers().between(0, 200).map(at -> {
            byte[] whole = validBody().toString().getBytes(StandardCharsets.UTF_8);
            byte[] part = new byte[Math.min(at, whole.length)];
            System.arraycopy(whole, 0, part, 0, part.length);
            return new Attempt(part, "application/json", null, "cut after " + at + " bytes");
        });
        Arbitrary<Attempt> wrongType = Arbitraries.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                "application/json; charset=UTF-16", "application/json; charset=nonsense", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "*/*")
            .map(type -> new Attempt(validBody().toString().getBytes(StandardCharsets.UTF_8), type, null, "Content-Type " + type));
        Arbitrary<Attempt> oddKey = Arbitraries.strings().withCharRange('!', '~').ofMinLength(0).ofMaxLength(300)
            .map(key -> {
                ObjectNode body = validBody();
                body.put("channel", "HOTLINE");
                body.remove("externalId");
                return new Attempt(body.toString().getBytes(StandardCharsets.UTF_8), "application/json", key,
                        "Idempotency-Key of " + key.length() + " characters");
            });
        Arbitrary<Attempt> deep = Arbitraries.integers().between(1, 3000)
            .map(depth -> new Attempt(("{\"title\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8),
                    "application/json", null, "nested " + depth + " deep"));
        return Arbitraries.frequencyOf(
                Tuple.of(10, mutated), Tuple.of(3, Arbitraries.create(this::valid)),
                Tuple.of(2, raw), Tuple.of(2, cut), Tuple.of(1, wrongType),
                Tuple.of(2, oddKey), Tuple.of(1, deep));
    }

    /** Random JSON of every type: strings of any characters and length, numbers at the edges, arrays, objects. */
    static Arbitrary<JsonNode> values() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> strings = Arbitraries.strings().all().ofMaxLength(2500).map(nodes::textNode);
        Arbitrary<JsonNode> chinese = Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1).ofMaxLength(120)
            .map(nodes::textNode);
        Arbitrary<JsonNode> known = Arbitraries.of("HOTLINE", "POLICE", "EMERGENCY", "URGENT", "xingzhou", "hupan-01",
                "elderly-care", "13800138000", "0571-87654321", "", " ", "null", "\u0000", "\ud800").map(nodes::textNode);
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(new java.math.BigDecimal("1e400"), new java.math.BigDecimal("-0.0"), new java.math.BigDecimal("90.0000001"))
                    .map(nodes::numberNode));
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(strings, chinese, known, numbers,
                Arbitraries.of(true, false).map(nodes::booleanNode), Arbitraries.just(nodes.nullNode()));
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(5).map(items -> {
            var array = nodes.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(12), scalars)
            .as((name, value) -> (JsonNode) nodes.objectNode().set(name, value));
        return Arbitraries.oneOf(scalars, scalars, arrays, objects);
    }

    private Attempt valid() {
        return new Attempt(validBody().toString().getBytes(StandardCharsets.UTF_8), "application/json", null, "a valid body");
    }

    private static ObjectNode validBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", "LIVELIHOOD");
        body.put("externalId", "FUZZ-" + UUID.randomUUID());
        body.put("category", "elderly-care");
        body.put("title", "独居老人需要助餐服务");
        body.put("description", "星洲社区3幢的独居老人行动不便，希望每天有人送餐。");
        body.put("urgency", "NORMAL");
        ObjectNode location = body.putObject("location");
        location.put("community", "xingzhou");
        location.put("address", "星洲社区3幢2单元");
        ObjectNode requester = body.putObject("requester");
        requester.put("name", "张三");
        requester.put("phone", "13800138000");
        return body;
    }

    private static void put(ObjectNode body, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode target = body;
        if (parts.length == 2) {
            if (!(body.get(parts[0]) instanceof ObjectNode)) {
                body.putObject(parts[0]);
            }
            target = (ObjectNode) body.get(parts[0]);
        }
        target.set(parts[parts.length - 1], value);
    }

    private static void remove(ObjectNode body, String path) {
        String[] parts = path.split("\\.");
        if (parts.length == 1) {
            body.remove(parts[0]);
        }
        else if (body.get(parts[0]) instanceof ObjectNode parent) {
            parent.remove(parts[1]);
        }
    }

    private HttpResponse<String> send(Attempt attempt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        if (attempt.idempotencyKey() != null && !attempt.idempotencyKey().isEmpty()) {
            request.header("Idempotency-Key", attempt.idempotencyKey());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REQUESTS_SUBMITTED).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The keys (request ids) of every record written to the submission topic after {@code from}. */
    private Set<String> keysSince(Map<TopicPartition, Long> from) {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> to = consumer.endOffsets(from.keySet());
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && from.keySet().stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
