package cn.onenet.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.onenet.contracts.Topics;
import cn.onenet.intake.submission.SubmissionService;
import cn.onenet.platform.kafka.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producing side of a trace and intake's metrics: the channel's POST carries its W3C trace onto the Kafka
 * record (routing's tests show the consumer continuing it), the acceptance log line names the trace, and the
 * accepted-per-channel counter and the request timer's histogram are in the Prometheus scrape.
 */
class ObservabilityIntegrationTests extends IntakeIntegrationTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern METRIC = Pattern.compile("\\b((?:onenet|jvm|http|spring|kafka|process|system)_[a-z0-9_]+)");

    @Test
    void theChannelsPostCarriesItsTraceOntoTheRecordAndTheMetricsCountIt() throws Exception {
        loadReferenceData();
        String traceId = hex(16);
        String parentSpanId = hex(8);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(SubmissionService.class);
        logger.addAppender(logged);
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(uri("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(body("LIVELIHOOD-" + UUID.randomUUID()))));
        }
        finally {
            logger.detachAppender(logged);
        }
        assertThat(response.statusCode()).isEqualTo(202);
        String id = JSON.readTree(response.body()).get("id").asString();

        ConsumerRecord<String, byte[]> record = recordOf(id);
        String traceparent = EventCodec.header(record.headers(), "traceparent");
        assertThat(traceparent).as("W3C trace context on the record").matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(traceparent).doesNotContain(parentSpanId);
        assertThat(EventCodec.header(record.headers(), EventCodec.TYPE)).isNotNull();

        ILoggingEvent accepted = logged.list.stream()
            .filter(event -> event.getFormattedMessage().startsWith("Accepted request " + id))
            .findFirst().orElseThrow();
        assertThat(accepted.getMDCPropertyMap()).containsEntry("traceId", traceId).containsKey("spanId")
            .containsEntry("correlationId", response.headers().firstValue("X-Correlation-Id").orElseThrow());

        String scrape = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();
        assertThat(sample(scrape, "onenet_intake_accepted_total", "channel=\"LIVELIHOOD\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "http_server_requests_seconds_bucket", "uri=\"/api/v1/requests\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "onenet_intake_publish_seconds_bucket", "le=")).isGreaterThanOrEqualTo(1);
        Path kept = Path.of("target/prometheus/request-intake-service.txt");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, scrape);

        // every intake metric the Grafana dashboard queries is exported (routing's tests check the others)
        List<String> missing = new ArrayList<>();
        for (String name : dashboardMetrics()) {
            if (name.startsWith("onenet_intake_") && !scrape.contains("\n" + name + "{")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("queried by the dashboard but not in intake's scrape").isEmpty();
    }

    private ConsumerRecord<String, byte[]> recordOf(String id) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REQUESTS_SUBMITTED).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (id.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static double sample(String scrape, String name, String label) {
        return scrape.lines()
            .filter(line -> line.startsWith(name + "{") && line.contains(label))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .max().orElse(-1);
    }

    private static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(Path.of("../deploy/grafana/dashboards/onenet-flow.json")));
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher matcher = METRIC.matcher(expr.asString());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String body(String externalId) {
        return """
            {"channel":"LIVELIHOOD","externalId":"%s","category":"elderly-care","title":"独居老人需要助餐服务",
             "description":"星洲社区3幢的独居老人行动不便，希望每天有人送餐。","urgency":"NORMAL",
             "location":{"community":"xingzhou","address":"星洲社区3幢2单元"},
             "requester":{"name":"张三","phone":"13800138000"}}""".formatted(externalId);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
