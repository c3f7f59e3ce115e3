package cn.onenet.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The submissions' consumers commit a steady trickle of records once a second, not once per record, and the last
 * records within about a second of their orders being stored: the broker isn't asked for a commit per request, and
 * the lag the operators watch still goes back to zero at once.
 */
class SubmissionCommitsIntegrationTests extends RoutingIntegrationTestSupport {

    private static final String GROUP = "routing-submissions";
    private static final int RECORDS = 40;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aTrickleOfSubmissionsIsCommittedInAFewCommitsAndCaughtUpWithinASecondOrTwo() throws Exception {
        TopicPartition partition = new TopicPartition(Topics.REQUESTS_SUBMITTED, 0);
        double commitsBefore = commits();
        long started = System.nanoTime();
        for (int i = 0; i < RECORDS; i++) {
            RequestSubmitted submitted = Scrapes.submitted("elderly-care");
            ProducerRecord<String, byte[]> encoded = codec.encode(Topics.REQUESTS_SUBMITTED,
                    submitted.requestId().toString(), submitted, submitted.eventId().toString());
            // one partition, so one consumer; the next record once this one's order is stored: each poll finds one
            kafka.send(new ProducerRecord<>(encoded.topic(), partition.partition(), encoded.key(), encoded.value(),
                    encoded.headers())).get();
            await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(get("/api/v1/requests/" + submitted.requestId()).status())
                    .isEqualTo(200));
        }
        long stored = System.nanoTime();
        // a commit a second at most while they came (onenet.routing.submission-commit-interval), the last one when
        // they stopped, and a few to spare
        double allowed = Duration.ofNanos(stored - started).toMillis() / 1000.0 + 5;

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                .offset();
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get().get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isEqualTo(end);
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - stored)).as("committed after the last order was stored")
            .isLessThan(Duration.ofMillis(2_500));
        // committed after every poll, as the container's default does, these were some forty commits
        assertThat(commits() - commitsBefore).as("commits for %d records in %d ms", RECORDS,
                Duration.ofNanos(stored - started).toMillis()).isLessThanOrEqualTo(allowed);
    }

    /** The commits the submissions' consumers have made so far (their clients' own count). */
    private double commits() {
        MessageListenerContainer container = listeners.getListenerContainer(GROUP);
        assertThat(container).isNotNull();
        return container.metrics().values().stream()
            .flatMap(metrics -> metrics.entrySet().stream())
            .filter(metric -> metric.getKey().name().equals("commit-total")
                    && metric.getKey().group().equals("consumer-coordinator-metrics"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
            .sum();
    }
}
