package cn.onenet.routing;

import cn.onenet.contracts.Topics;
import cn.onenet.routing.sla.CalendarService;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One routing-service context for every integration test, on one embedded KRaft broker and one in-memory
 * MongoDB-wire store; tests isolate by unique ids, never by restarting infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "onenet.kafka.partitions=3", "onenet.kafka.retries=1", "onenet.kafka.retry-backoff=100ms",
            "onenet.routing.outbox-sweep=500ms", "onenet.routing.outbox-full-sweep=500ms", "onenet.escalation.enabled=false", "logging.structured.format.console=",
            "onenet.delivery.poll-interval=100ms", "onenet.delivery.feed-sweep=500ms",
            "onenet.delivery.connect-timeout=1s", "onenet.delivery.request-timeout=2s",
            "onenet.delivery.retry.max-attempts=4", "onenet.delivery.retry.initial-backoff=50ms",
            "onenet.delivery.retry.max-backoff=400ms", "onenet.delivery.circuit-breaker.wait-in-open-state=300ms",
            "onenet.delivery.bulkhead.max-concurrent-calls=2", "onenet.stats.cells.interval=200ms",
            "onenet.stats.cells.initial-delay=200ms" })
@EmbeddedKafka(partitions = 3)
public abstract class RoutingIntegrationTestSupport {

    static final MongoServer STORE = new MongoServer(new MemoryBackend());
    static final String STORE_URI;
    static final List<ConsumerRecord<String, byte[]>> LIFECYCLE = new CopyOnWriteArrayList<>();
    static volatile Thread recorder;

    static {
        var address = STORE.bind();
        STORE_URI = "mongodb://127.0.0.1:" + address.getPort() + "/onenet-routing-test";
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Value("${local.server.port}")
    protected int port;

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    @Autowired
    private CalendarService calendar;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> STORE_URI);
    }


    /** 10:00 in Shanghai on the working day {@code days} days ahead (or the next one): what an extension may ask. */
    protected OffsetDateTime workingDayAhead(int days) {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(days);
        if (!calendar.day(day).working()) {
            day = calendar.nextWorkingDay(day);
        }
        return day.atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
    }

    /** Records every lifecycle event from the start of the topic, for the life of the test JVM. */
    protected synchronized void recordLifecycle() {
        if (recorder != null) {
            return;
        }
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-recorder",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        recorder = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of(Topics.REQUESTS_LIFECYCLE));
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(LIFECYCLE::add);
                }
            }
            catch (org.apache.kafka.common.errors.InterruptException ex) {
                Thread.currentThread().interrupt();
            }
        }, "lifecycle-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    protected List<ConsumerRecord<String, byte[]>> lifecycleOf(String orderId) {
        return LIFECYCLE.stream().filter(record -> orderId.equals(record.key())).toList();
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A step sent for the version of the order last read ({@code ifMatch}: its ETag, or any header value). */
    protected Response post(String path, String json, String ifMatch) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .header("If-Match", ifMatch).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with further headers ({@code Idempotency-Key}, {@code If-Match}, …). */
    protected Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    /** A POST in someone's name ({@code X-Actor}: the service checks no tokens in these tests). */
    protected Response postAs(String path, String json, String actor) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .header("X-Actor", actor).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response put(String path, String json, String actor) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("X-Actor", actor)
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null));
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public record Response(int status, JsonNode body, String contentType, String etag) {

        public Response(int status, JsonNode body, String contentType) {
            this(status, body, contentType, null);
        }
    }
}
