package cn.onenet.contracts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EcsLineTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void isOneJsonObjectWithTheFieldsOfTheServicesLines() {
        Instant time = Instant.parse("2026-12-01T20:41:31.355957093Z");

        String line = EcsLine.of(time, "INFO", "cn.onenet.localstack.ServiceProcess", "routing-service",
                "Starting routing-service: java -jar routing-service.jar");

        assertThat(line).doesNotContain("\n");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("@timestamp").asString()).isEqualTo("2026-12-01T20:41:31.355957093Z");
        assertThat(node.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(node.at("/log/logger").asString()).isEqualTo("cn.onenet.localstack.ServiceProcess");
        assertThat(node.at("/process/pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(node.at("/process/thread/name").asString()).isEqualTo(Thread.currentThread().getName());
        assertThat(node.at("/service/name").asString()).isEqualTo("routing-service");
        assertThat(node.get("message").asString()).isEqualTo("Starting routing-service: java -jar routing-service.jar");
        assertThat(node.at("/ecs/version").asString()).isEqualTo("8.11");
    }

    @Test
    void escapesWhatJsonMust() {
        String message = "a \"quoted\" C:\\path\tand\r\na line; \u0001 and 受理";

        JsonNode node = JSON.readTree(EcsLine.of(Instant.now(), "WARN", "x", null, message));

        assertThat(node.get("message").asString()).isEqualTo(message);
        assertThat(node.has("service")).as("no service named").isFalse();
    }
}
