package cn.onenet.platform.observability;

import cn.onenet.platform.kafka.admin.DeadLetters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Reads from the broker, on an interval, what a supervisor needs to see of the Kafka side of the flow:
 * <ul>
 * <li>{@code onenet.kafka.consumer.lag{group,topic}}: records not yet processed by each consumer group of this
 * service (latest offset minus the group's committed offset, summed over partitions; a partition the group has
 * not committed on counts from its earliest offset). Every instance of a service reports its groups' lag: take
 * the max, not the sum, across instances.</li>
 * <li>{@code onenet.kafka.dead.letters.parked{topic}} and {@code onenet.kafka.dead.letters.pending{topic}}: the
 * records in {@code <topic>.dlt}, and those of them waiting for a replay (not replayed, and not outdated by a newer
 * record of their key in a topic that keeps the newest per key only).</li>
 * </ul>
 * The counters {@code onenet.kafka.dead.letters} and {@code onenet.kafka.dead.letters.replayed} are registered at
 * zero for every consumed topic, so a rate over them starts from the beginning. Listeners given fixed partitions
 * (reading a compacted topic from the start on every start-up) have no committed position and report no lag.
 */
public class KafkaBacklogMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaBacklogMetrics.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Duration interval;
    private final Map<List<String>, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> parked = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private Admin admin;
    private volatile boolean failing;

    public KafkaBacklogMetrics(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners, DeadLetters deadLetters,
            MeterRegistry meters, Duration interval) {
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.interval = interval;
    }

    /** Reads lag and dead-letter backlog now (the schedule calls this; so may a test). */
    public synchronized void refresh() {
        try {
            for (String topic : deadLetters.consumedTopics()) {
                meters.counter("onenet.kafka.dead.letters", "topic", topic);
                DeadLetters.replayCounter(meters, topic);
            }
            refreshLag();
            deadLetters.sizes().forEach((topic, sizes) -> {
                gauge(parked, topic, "onenet.kafka.dead.letters.parked", "Records in the topic's dead-letter topic")
                    .set(sizes[0]);
                gauge(pending, topic, "onenet.kafka.dead.letters.pending",
                        "Records in the topic's dead-letter topic waiting for a replay").set(sizes[1]);
            });
            if (failing) {
                log.info("Kafka backlog metrics are read again");
            }
            failing = false;
        }
        catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            if (!failing) {
                log.warn("Can't read consumer lag and dead letters from the broker (keeping the last values): {}",
                        ex.toString());
            }
            failing = true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshLag() throws InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (container.getGroupId() != null && topics != null) {
                groups.computeIfAbsent(container.getGroupId(), group -> new TreeSet<>()).addAll(List.of(topics));
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        Admin client = admin();
        Set<String> allTopics = new TreeSet<>();
        groups.values().forEach(allTopics::addAll);
        Map<String, TopicDescription> descriptions = client.describeTopics(allTopics).allTopicNames()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliestSpec = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition -> {
            TopicPartition topicPartition = new TopicPartition(description.name(), partition.partition());
            latestSpec.put(topicPartition, OffsetSpec.latest());
            earliestSpec.put(topicPartition, OffsetSpec.earliest());
        }));
        ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, ListOffsetsResultInfo> latest = client.listOffsets(latestSpec, committedOnly).all()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> earliest = client.listOffsets(earliestSpec, committedOnly).all()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Map.Entry<String, Set<String>> group : groups.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group.getKey())
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (String topic : group.getValue()) {
                long behind = 0;
                for (TopicPartition partition : new ArrayList<>(latest.keySet())) {
                    if (!partition.topic().equals(topic)) {
                        continue;
                    }
                    OffsetAndMetadata position = committed.get(partition);
                    long from = position != null ? position.offset() : earliest.get(partition).offset();
                    behind += Math.max(0, latest.get(partition).offset() - from);
                }
                gauge(group.getKey(), topic).set(behind);
            }
        }
    }

    private AtomicLong gauge(String group, String topic) {
        return lag.computeIfAbsent(List.of(group, topic), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("onenet.kafka.consumer.lag", value, AtomicLong::get)
                .description("Records of the topic the consumer group has not processed (committed) yet")
                .tags("group", group, "topic", topic)
                .register(meters);
            return value;
        });
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String topic, String name, String description) {
        return values.computeIfAbsent(topic, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("topic", topic).register(meters);
            return value;
        });
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "onenet-kafka-metrics");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
