package cn.onenet.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.KafkaBacklogMetrics;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.messaging.ListenerCommits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Routing's consumer groups commit a steady trickle of records once a second, not once per poll, and the last
 * records within about a second of their being handled: the broker isn't asked for a commit per request, and the
 * lag the operators watch still goes back to zero at once. The submissions' consumers make the orders; the
 * lifecycle's readers (deliveries, merged orders' outcomes) read the events those orders publish.
 */
class ListenerCommitsIntegrationTests extends RoutingIntegrationTestSupport {

    private static final int RECORDS = 40;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaBacklogMetrics kafkaMetrics;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTrickleOfOrdersIsCommittedInAFewCommitsByEveryGroupAndCaughtUpWithinASecondOrTwo() throws Exception {
        TopicPartition partition = new TopicPartition(Topics.REQUESTS_SUBMITTED, 0);
        Map<String, Double> commitsBefore = ListenerCommits.GROUPS.stream()
            .collect(Collectors.toMap(group -> group, this::commits));
        long started = System.nanoTime();
        for (int i = 0; i < RECORDS; i++) {
            RequestSubmitted submitted = Scrapes.submitted("elderly-care");
            ProducerRecord<String, byte[]> encoded = codec.encode(Topics.REQUESTS_SUBMITTED,
                    submitted.requestId().toString(), submitted, submitted.eventId().toString());
            // one partition, so one consumer; the next record once this one's order is stored: each poll finds one,
            // and the order's events reach the lifecycle's readers a poll or so apart
            kafka.send(new ProducerRecord<>(encoded.topic(), partition.partition(), encoded.key(), encoded.value(),
                    encoded.headers())).get();
            await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(get("/api/v1/requests/" + submitted.requestId()).status())
                    .isEqualTo(200));
        }
        long stored = System.nanoTime();
        // a commit a second at most while they came (onenet.routing.commits.interval), the last one when they
        // stopped, and a few to spare, for each consumer of a group
        double seconds = Duration.ofNanos(stored - started).toMillis() / 1000.0;

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                .offset();
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ListenerCommits.SUBMISSIONS)
                    .partitionsToOffsetAndMetadata().get().get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isEqualTo(end);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - stored)).as("submissions committed after the last order")
                .isLessThan(Duration.ofMillis(2_500));
            // the lag the operators watch (onenet.kafka.consumer.lag), read from the broker now
            for (String group : new String[] { ListenerCommits.DELIVERIES, ListenerCommits.MERGED_OUTCOMES }) {
                await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    kafkaMetrics.refresh();
                    assertThat(meters.get("onenet.kafka.consumer.lag")
                        .tags("group", group, "topic", Topics.REQUESTS_LIFECYCLE).gauge().value())
                        .as("%s behind", group).isZero();
                });
            }
        }
        for (String group : ListenerCommits.GROUPS) {
            MessageListenerContainer container = listeners.getListenerContainer(group);
            assertThat(container).as(group).isNotNull();
            int consumers = Math.max(1, container.metrics().size());
            // committed after every poll that brought records, as the container's default does, the submissions'
            // consumer made some forty commits, and each lifecycle's reader about as many
            assertThat(commits(group) - commitsBefore.get(group))
                .as("%s: commits for %d orders in %.1f s", group, RECORDS, seconds)
                .isLessThanOrEqualTo(consumers * (seconds + 5));
        }
    }

    /** The commits a group's consumers have made so far (their clients' own count). */
    private double commits(String group) {
        MessageListenerContainer container = listeners.getListenerContainer(group);
        assertThat(container).as(group).isNotNull();
        return container.metrics().values().stream()
            .flatMap(metrics -> metrics.entrySet().stream())
            .filter(metric -> metric.getKey().name().equals("commit-total")
                    && metric.getKey().group().equals("consumer-coordinator-metrics"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
            .sum();
    }
}
