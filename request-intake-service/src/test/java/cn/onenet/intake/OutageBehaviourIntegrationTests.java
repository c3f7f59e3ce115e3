package cn.onenet.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.LoggingProducerListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator sees of the broker: its health, how soon a dead member's partitions move, a quiet log. */
class OutageBehaviourIntegrationTests extends IntakeIntegrationTestSupport {

    @Autowired
    ConsumerFactory<?, ?> consumers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    @Test
    void healthShowsTheBrokerButLivenessAndReadinessDoNotDependOnIt() throws Exception {
        JsonNode health = get("/actuator/health");
        assertThat(health.at("/components/kafka/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/details/nodes").asInt()).isEqualTo(1);
        assertThat(get("/actuator/health/liveness").at("/components").propertyNames()).containsExactly("livenessState");
        assertThat(get("/actuator/health/readiness").at("/components").propertyNames())
            .containsExactly("readinessState");
    }

    @Test
    void aDeadMembersPartitionsMoveAfterTenSecondsNotKafkasFortyFive() {
        assertThat(consumers.getConfigurationProperties())
            .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000")
            .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3000)
            .doesNotContainKey(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
    }

    @Test
    void aFailedSendIsNotLoggedAgainAsAnErrorWithItsStackTrace() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LoggingProducerListener.class);
        logger.addAppender(logged);
        try {
            // larger than max.request.size: the producer refuses it at once, as it refuses any send it can't make
            kafka.send(new ProducerRecord<>("onenet.outage.test", "key", new byte[2 * 1024 * 1024])).get();
        }
        catch (ExecutionException | RuntimeException expected) {
            // answered and counted where it is handled (the submission log)
        }
        finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).isEmpty();
        assertThat(((Logger) LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient")).getEffectiveLevel())
            .isEqualTo(Level.ERROR);
    }
}
