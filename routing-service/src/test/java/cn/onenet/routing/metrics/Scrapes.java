package cn.onenet.routing.metrics;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the observability tests share: a Prometheus scrape and its lines, submissions, a plain producer. */
final class Scrapes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern METRIC = Pattern.compile("\\b((?:onenet|jvm|http|spring|kafka|process|system)_[a-z0-9_]+)");

    static String scrape(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("scrape answered " + response.statusCode());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The value of the first sample of {@code name} carrying every given label, if any. */
    static Optional<Double> value(String scrape, String name, Map<String, String> labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                return Optional.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return Optional.empty();
    }

    /** Whether the scrape has a sample of the metric family (a histogram's {@code _bucket}, {@code _count} …). */
    static boolean exports(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return true;
            }
        }
        return false;
    }

    /** Every metric name the Grafana dashboard queries. */
    static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build()
            .readTree(Files.readString(Path.of("../deploy/grafana/dashboards/onenet-flow.json")));
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            JsonNode targets = panel.get("targets");
            if (targets == null) {
                continue;
            }
            for (JsonNode target : targets) {
                Matcher matcher = METRIC.matcher(target.get("expr").asString());
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    static void keep(String scrape, String name) throws IOException {
        Path file = Path.of("target/prometheus/" + name + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, scrape);
    }

    static RequestSubmitted submitted(String category) {
        UUID id = UUID.randomUUID();
        String tracking = String.format("%017d", Math.abs(id.getMostSignificantBits() % 100_000_000_000_000_000L));
        return new RequestSubmitted(UUID.randomUUID(), id, tracking, Channel.LIVELIHOOD, "MS-" + id, null, category,
                "独居老人需要助餐服务", "星洲社区3幢的独居老人行动不便，希望每天有人送餐。", Urgency.NORMAL,
                new Location("xingzhou", "星洲社区3幢2单元", 30.27, 120.15), new Requester("张三", "13800138000"),
                Instant.now());
    }

    /** A producer without observation: what a test sends carries exactly the headers the test gives it. */
    static KafkaProducer<String, byte[]> plainProducer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private Scrapes() {
    }
}
