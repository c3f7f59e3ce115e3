package cn.onenet.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of one group on one topic: the sum over partitions of the latest offset minus the group's committed
 * offset (a partition the group has never committed counts from its earliest offset).
 *
 * <p>The group asked for may commit nothing on the topic: a Spring {@code @KafkaListener} with an {@code id} and
 * no {@code groupId} uses its id as the group id, whatever {@code spring.kafka.consumer.group-id} says (routing's
 * submission listener is {@code routing-submissions}). Then the probe takes the group that does commit on the
 * topic, says so in {@link #group()} and {@link #substitution()}, and measures that one.
 */
final class LagProbe implements AutoCloseable {

    /** The group routing's submission listener commits as (its listener id; see above). */
    static final String ROUTING_GROUP = "routing-submissions";
    static final String SUBMITTED_TOPIC = "onenet.requests.submitted.v1";
    private static final long TIMEOUT_MILLIS = 2_000;

    private final Admin admin;
    private final String requestedGroup;
    private final String topic;
    private volatile List<TopicPartition> partitions;
    private volatile String group;
    private volatile String substitution;

    LagProbe(String bootstrapServers, String group, String topic) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "onenet-benchmark-lag");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        this.admin = Admin.create(properties);
        this.requestedGroup = group;
        this.topic = topic;
    }

    /** The group measured: the one asked for, or the one found committing on the topic instead. */
    String group() {
        return group != null ? group : requestedGroup;
    }

    String topic() {
        return topic;
    }

    /** Why another group than the one asked for is measured, or null. */
    String substitution() {
        return substitution;
    }

    /** The current lag, or -1 if Kafka did not answer in time. */
    synchronized long lag() {
        try {
            if (partitions == null) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).get(topic);
                partitions = description.partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (group == null) {
                // unresolved until some group has committed on the topic (a fresh suite has no commits yet)
                group = resolveGroup();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartition partition : partitions) {
                latest.put(partition, OffsetSpec.latest());
                if (committed.get(partition) == null) {
                    earliest.put(partition, OffsetSpec.earliest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                    : admin.listOffsets(earliest).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset != null ? offset.offset() : starts.get(partition).offset();
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> onTopic = new HashMap<>();
        all.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                onTopic.put(partition, offset);
            }
        });
        return onTopic;
    }

    private String resolveGroup() throws Exception {
        if (!committed(requestedGroup).isEmpty()) {
            return requestedGroup;
        }
        List<String> committing = new ArrayList<>();
        for (GroupListing listing : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            String candidate = listing.groupId();
            if (!candidate.equals(requestedGroup) && !candidate.startsWith("onenet-benchmark")
                    && !committed(candidate).isEmpty()) {
                committing.add(candidate);
            }
        }
        if (committing.size() == 1) {
            substitution = "group " + requestedGroup + " has committed nothing on " + topic + "; measured the lag of "
                    + committing.get(0) + ", the group that consumes it";
            return committing.get(0);
        }
        if (committing.size() > 1) {
            substitution = "group " + requestedGroup + " has committed nothing on " + topic + " and several groups do ("
                    + String.join(", ", committing) + "): measured " + requestedGroup + " (pass --lag-group)";
            return requestedGroup;
        }
        return null;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
