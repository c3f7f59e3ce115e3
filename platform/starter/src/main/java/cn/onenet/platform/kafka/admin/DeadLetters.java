package cn.onenet.platform.kafka.admin;

import cn.onenet.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.TopicPartitionOffset;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists and replays the dead letters of the topics this service consumes. A replay publishes the parked record
 * (or a corrected payload for it) to its original topic with its original key and headers, then writes the
 * dead letter's coordinates to the compacted ledger topic {@value #LEDGER_TOPIC}: a dead letter found in the
 * ledger is never replayed again, whichever instance is asked and however often. Within an instance replays run
 * one at a time; two instances asked at the same moment could both replay a record (at least once — consumers
 * are idempotent), never skip one.
 */
public class DeadLetters {

    /** Which dead letters were replayed, keyed {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String LEDGER_TOPIC = "onenet.admin.dead-letter-replays.v1";
    public static final String REPLAY_OF_HEADER = "onenet_replay_of";
    /** At most this many records are read from one dead-letter topic per call. */
    static final int MAX_SCAN = 10_000;
    private static final int PAYLOAD_CHARS = 4_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Set<String> TRACE_HEADERS = Set.of("traceparent", "tracestate", "b3");

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final ConsumerFactory<?, ?> consumers;
    private final KafkaOperations<Object, Object> kafka;
    private final KafkaListenerEndpointRegistry listeners;
    private final MeterRegistry meters;
    private final String groupId;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Counter> replayCounters = new ConcurrentHashMap<>();

    public DeadLetters(ConsumerFactory<?, ?> consumers, KafkaOperations<Object, Object> kafka,
            KafkaListenerEndpointRegistry listeners, MeterRegistry meters, String applicationName) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.listeners = listeners;
        this.meters = meters;
        this.groupId = applicationName + "-dead-letter-admin";
    }

    /** The topics this service's listeners consume (their dead letters are this service's to replay). */
    public Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String[] named = container.getContainerProperties().getTopics();
            if (named != null) {
                topics.addAll(List.of(named));
            }
            TopicPartitionOffset[] assigned = container.getContainerProperties().getTopicPartitions();
            if (assigned != null) {
                for (TopicPartitionOffset partition : assigned) {
                    topics.add(partition.getTopic());
                }
            }
        }
        topics.removeIf(topic -> topic.endsWith(".dlt"));
        return topics;
    }

    /** The dead letters of one consumed topic (or, with null, of each), oldest first per partition. */
    public List<DeadLetterTopic> list(String topic, int limit, boolean pendingOnly) {
        List<DeadLetterTopic> answer = new ArrayList<>();
        try (Consumer<?, ?> consumer = consumer()) {
            Map<String, DeadLetter.Replay> ledger = ledger(consumer);
            for (String consumed : topic == null ? consumedTopics() : Set.of(checked(topic))) {
                String deadLetterTopic = Topics.deadLetter(consumed);
                Scan scan = scan(consumer, deadLetterTopic, ledger, newestPerKey(consumed),
                        deadLetter -> !pendingOnly || waits(deadLetter), limit);
                answer.add(new DeadLetterTopic(consumed, deadLetterTopic, scan.parked, scan.pending, scan.superseded,
                        scan.matched, scan.truncated));
            }
        }
        return answer;
    }

    /** Per consumed topic: how many records its dead-letter topic holds, and how many of them await a replay. */
    public Map<String, long[]> sizes() {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        try (Consumer<?, ?> consumer = consumer()) {
            Map<String, DeadLetter.Replay> ledger = ledger(consumer);
            for (String consumed : consumedTopics()) {
                String deadLetterTopic = Topics.deadLetter(consumed);
                List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
                Map<TopicPartition, Long> begin = beginning(consumer, partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long parked = 0;
                long replayed = 0;
                for (TopicPartition partition : partitions) {
                    parked += end.get(partition) - begin.get(partition);
                }
                for (String key : ledger.keySet()) {
                    String[] parts = key.split("/");
                    if (parts.length == 3 && parts[0].equals(deadLetterTopic)) {
                        TopicPartition partition = new TopicPartition(deadLetterTopic, Integer.parseInt(parts[1]));
                        long offset = Long.parseLong(parts[2]);
                        if (begin.containsKey(partition) && offset >= begin.get(partition) && offset < end.get(partition)) {
                            replayed++;
                        }
                    }
                }
                if (parked > replayed && Topics.keepsNewestPerKey(consumed)) {
                    // one outdated by a newer record of its key waits for nothing: read which are (the topic's read
                    // only while one of its dead letters is not replayed)
                    Scan scan = scan(consumer, deadLetterTopic, ledger, newestPerKey(consumed), deadLetter -> false, 0);
                    sizes.put(consumed, new long[] { scan.parked, scan.pending });
                    continue;
                }
                sizes.put(consumed, new long[] { parked, parked - replayed });
            }
        }
        return sizes;
    }

    /**
     * Whether the dead-letter topic of the record's topic holds that record already (its original topic, partition
     * and offset), parked by {@code group} (any group when null); false when the topic can't be read to its end.
     */
    public boolean holds(ConsumerRecord<?, ?> record, String group) {
        String deadLetterTopic = Topics.deadLetter(record.topic());
        boolean[] found = { false };
        try (Consumer<?, ?> consumer = consumer()) {
            readToEnd(consumer, partitions(consumer, deadLetterTopic), MAX_SCAN, parked -> {
                Headers headers = parked.headers();
                found[0] |= record.topic().equals(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                        && Long.valueOf(record.partition()).equals(number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION))
                        && Long.valueOf(record.offset()).equals(number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET))
                        && (group == null || group.equals(text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)));
                return true;
            });
        }
        catch (RuntimeException unread) {
            log.warn("Could not read {} to tell whether {}-{}@{} is parked there already: {}", deadLetterTopic,
                    record.topic(), record.partition(), record.offset(), unread.toString());
            return false;
        }
        return found[0];
    }

    /**
     * Replays every dead letter of the topic not replayed before and not superseded, as parked; {@code actor} asked
     * (for the log).
     */
    public synchronized ReplayOutcome replayAll(String topic, String actor) {
        String consumed = checked(topic);
        String deadLetterTopic = Topics.deadLetter(consumed);
        try (Consumer<?, ?> consumer = consumer()) {
            Map<String, DeadLetter.Replay> ledger = ledger(consumer);
            Map<TopicPartition, Map<String, Long>> newest = newestPerKey(consumed);
            Scan scan = scan(consumer, deadLetterTopic, ledger, newest, deadLetter -> true, MAX_SCAN);
            List<DeadLetter> replayed = new ArrayList<>();
            long already = 0;
            long superseded = 0;
            for (Parked parked : scan.records) {
                DeadLetter deadLetter = parked.deadLetter;
                if (deadLetter.replay() != null) {
                    already++;
                }
                else if (newerRecord(deadLetter.key(), deadLetter.originalTopic(), deadLetter.originalPartition(),
                        deadLetter.originalOffset(), newest) != null) {
                    superseded++;
                }
                else {
                    DeadLetter sent = replay(consumed, deadLetterTopic, parked, null, actor);
                    replayed.add(sent);
                    replayedIsNewest(sent, newest);
                }
            }
            return new ReplayOutcome(consumed, replayed, already, superseded);
        }
    }

    /**
     * Replays one dead letter, with its payload replaced by {@code correctedPayload} unless that is null;
     * {@code actor} asked (for the log).
     */
    public synchronized ReplayOutcome replayOne(String topic, int partition, long offset, byte[] correctedPayload,
            String actor) {
        String consumed = checked(topic);
        String deadLetterTopic = Topics.deadLetter(consumed);
        try (Consumer<?, ?> consumer = consumer()) {
            Map<String, DeadLetter.Replay> ledger = ledger(consumer);
            Parked parked = fetch(consumer, deadLetterTopic, partition, offset, ledger, newestPerKey(consumed));
            if (parked.deadLetter.replay() != null) {
                throw new AlreadyReplayed(parked.deadLetter);
            }
            if (parked.deadLetter.supersededBy() != null) {
                throw new Superseded(parked.deadLetter);
            }
            DeadLetter replayed = replay(consumed, deadLetterTopic, parked, correctedPayload, actor);
            return new ReplayOutcome(consumed, List.of(replayed), 0, 0);
        }
    }

    private DeadLetter replay(String consumed, String deadLetterTopic, Parked parked, byte[] correctedPayload,
            String actor) {
        DeadLetter deadLetter = parked.deadLetter;
        String target = deadLetter.originalTopic() == null ? consumed : deadLetter.originalTopic();
        String ledgerKey = ledgerKey(deadLetterTopic, deadLetter.partition(), deadLetter.offset());
        Headers headers = new RecordHeaders();
        for (Header header : parked.record.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !TRACE_HEADERS.contains(header.key())
                    && !header.key().startsWith("X-B3-")) {
                headers.add(header);
            }
        }
        headers.add(REPLAY_OF_HEADER, ledgerKey.getBytes(StandardCharsets.UTF_8));
        Object value = correctedPayload != null ? correctedPayload : parked.record.value();
        RecordMetadata sent = send(new ProducerRecord<>(target, null, parked.record.key(), value, headers));
        DeadLetter.Replay replay = new DeadLetter.Replay(Instant.now(), correctedPayload != null, sent.topic(),
                sent.partition(), sent.offset());
        send(new ProducerRecord<>(LEDGER_TOPIC, ledgerKey, json.writeValueAsBytes(replay)));
        replayCounters.computeIfAbsent(consumed, name -> replayCounter(meters, name)).increment();
        log.info("Replayed dead letter {} to {}-{}@{}{} by {}", ledgerKey, sent.topic(), sent.partition(),
                sent.offset(), correctedPayload != null ? " with a corrected payload" : "", actor);
        return withReplay(deadLetter, replay);
    }

    /** The counter of replays of one topic's dead letters (registered at zero so a rate starts from it). */
    public static Counter replayCounter(MeterRegistry meters, String topic) {
        return Counter.builder("onenet.kafka.dead.letters.replayed")
            .description("Dead letters published again to their original topic by the admin endpoint")
            .tag("topic", topic)
            .register(meters);
    }

    private RecordMetadata send(ProducerRecord<Object, Object> record) {
        try {
            return kafka.send(record).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + record.topic(), ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("The broker did not confirm a write to " + record.topic(), ex);
        }
    }

    private String checked(String topic) {
        Set<String> known = consumedTopics();
        if (!known.contains(topic)) {
            throw new UnknownDeadLetterTopic(topic, known);
        }
        return topic;
    }

    private Consumer<?, ?> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        // the suite writes no transactions; read_committed would make every offset look-up of a partition this
        // consumer hasn't assigned log a warning about its last stable offset
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        return consumers.createConsumer(groupId, null, "-dead-letters", overrides);
    }

    private static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
            .sorted(Comparator.comparingInt(TopicPartition::partition))
            .toList();
    }

    private Map<String, DeadLetter.Replay> ledger(Consumer<?, ?> consumer) {
        Map<String, DeadLetter.Replay> ledger = new HashMap<>();
        readToEnd(partitions(consumer, LEDGER_TOPIC), Long.MAX_VALUE, record -> {
            if (record.key() != null && record.value() != null) {
                ledger.put((String) record.key(), json.readValue((byte[]) record.value(), DeadLetter.Replay.class));
            }
            return true;
        });
        return ledger;
    }

    /**
     * For a topic that keeps only the newest record of each key: where each key's newest record is, per partition
     * (read to the end; such a topic is small). Empty for any other topic.
     */
    private Map<TopicPartition, Map<String, Long>> newestPerKey(String consumed) {
        Map<TopicPartition, Map<String, Long>> newest = new HashMap<>();
        if (!Topics.keepsNewestPerKey(consumed)) {
            return newest;
        }
        try (Consumer<?, ?> consumer = consumer()) {
            readToEnd(partitions(consumer, consumed), Long.MAX_VALUE, record -> {
                if (record.key() != null) {
                    newest.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                            partition -> new HashMap<>()).put((String) record.key(), record.offset());
                }
                return true;
            });
        }
        return newest;
    }

    /** A dead letter waits for a replay unless it was replayed or a newer record of its key took its place. */
    private static boolean waits(DeadLetter deadLetter) {
        return deadLetter.replay() == null && deadLetter.supersededBy() == null;
    }

    private Scan scan(Consumer<?, ?> consumer, String deadLetterTopic, Map<String, DeadLetter.Replay> ledger,
            Map<TopicPartition, Map<String, Long>> newest, Predicate<DeadLetter> wanted, int limit) {
        Scan scan = new Scan();
        List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
        Map<TopicPartition, Long> begin = beginning(consumer, partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        partitions.forEach(partition -> scan.parked += end.get(partition) - begin.get(partition));
        scan.pending = scan.parked;
        readToEnd(partitions, MAX_SCAN, record -> {
            Parked parked = new Parked(record, deadLetter(record,
                    ledger.get(ledgerKey(deadLetterTopic, record.partition(), record.offset())), newest));
            if (parked.deadLetter.replay() != null) {
                scan.pending--;
            }
            else if (parked.deadLetter.supersededBy() != null) {
                scan.pending--;
                scan.superseded++;
            }
            if (wanted.test(parked.deadLetter)) {
                if (scan.matched.size() < limit) {
                    scan.matched.add(parked.deadLetter);
                    scan.records.add(parked);
                }
                else {
                    scan.truncated = true;
                }
            }
            return true;
        });
        if (scan.parked > MAX_SCAN) {
            scan.truncated = true;
        }
        return scan;
    }

    private Parked fetch(Consumer<?, ?> consumer, String deadLetterTopic, int partition, long offset,
            Map<String, DeadLetter.Replay> ledger, Map<TopicPartition, Map<String, Long>> newest) {
        TopicPartition topicPartition = new TopicPartition(deadLetterTopic, partition);
        if (!partitions(consumer, deadLetterTopic).contains(topicPartition)) {
            throw new DeadLetterNotFound(deadLetterTopic, partition, offset);
        }
        long begin = beginning(consumer, List.of(topicPartition)).get(topicPartition);
        long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
        if (offset < begin || offset >= end) {
            throw new DeadLetterNotFound(deadLetterTopic, partition, offset);
        }
        try (Consumer<?, ?> reader = consumer()) {
            reader.assign(List.of(topicPartition));
            reader.seek(topicPartition, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<?, ?> record : reader.poll(POLL)) {
                    if (record.offset() == offset) {
                        return new Parked(record, deadLetter(record,
                                ledger.get(ledgerKey(deadLetterTopic, partition, offset)), newest));
                    }
                    if (record.offset() > offset) {
                        throw new DeadLetterNotFound(deadLetterTopic, partition, offset);
                    }
                }
                if (reader.position(topicPartition) > offset) {
                    throw new DeadLetterNotFound(deadLetterTopic, partition, offset);
                }
            }
        }
        throw new IllegalStateException("Could not read " + deadLetterTopic + " partition " + partition + " in time");
    }

    /**
     * Reads the partitions from their beginning to their end at the time of the call, at most {@code max} records,
     * with a consumer of its own (a consumer reassigned while fetching logs warnings about partitions it left).
     */
    private void readToEnd(Collection<TopicPartition> partitions, long max, Predicate<ConsumerRecord<?, ?>> sink) {
        if (partitions.isEmpty()) {
            return;
        }
        try (Consumer<?, ?> consumer = consumer()) {
            readToEnd(consumer, partitions, max, sink);
        }
    }

    private static void readToEnd(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, long max,
            Predicate<ConsumerRecord<?, ?>> sink) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.seekToBeginning(partitions);
        long read = 0;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (read < max && !reachedEnd(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + partitions + " to the end in time");
            }
            for (ConsumerRecord<?, ?> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition) && read++ < max) {
                    sink.test(record);
                }
            }
        }
    }

    /**
     * The partitions' first offsets, with the consumer assigned to them first: the client logs a warning for every
     * offset answer about a partition it hasn't assigned. The consumer never polls, so nothing is fetched.
     */
    private static Map<TopicPartition, Long> beginning(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        return consumer.beginningOffsets(partitions);
    }

    private static boolean reachedEnd(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String ledgerKey(String deadLetterTopic, int partition, long offset) {
        return deadLetterTopic + "/" + partition + "/" + offset;
    }

    private static DeadLetter deadLetter(ConsumerRecord<?, ?> record, DeadLetter.Replay replay,
            Map<TopicPartition, Map<String, Long>> newest) {
        Headers headers = record.headers();
        byte[] value = (byte[]) record.value();
        String payload = value == null ? null : new String(value, StandardCharsets.UTF_8);
        if (payload != null && payload.length() > PAYLOAD_CHARS) {
            payload = payload.substring(0, PAYLOAD_CHARS) + "…";
        }
        String key = (String) record.key();
        String originalTopic = text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Long partitionNumber = number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Integer originalPartition = partitionNumber == null ? null : partitionNumber.intValue();
        Long originalOffset = number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return new DeadLetter(record.partition(), record.offset(), key, Instant.ofEpochMilli(record.timestamp()),
                originalTopic, originalPartition, originalOffset,
                text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN), text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                text(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN), text(headers, "ce_type"), text(headers, "ce_id"),
                payload, replay, replay == null ? newerRecord(key, originalTopic, originalPartition, originalOffset,
                        newest) : null);
    }

    /** The offset of a newer record of the key than {@code offset} in that partition of the topic, if there is one. */
    private static Long newerRecord(String key, String topic, Integer partition, Long offset,
            Map<TopicPartition, Map<String, Long>> newest) {
        if (key == null || topic == null || partition == null || offset == null) {
            return null;
        }
        Long newer = newest.getOrDefault(new TopicPartition(topic, partition), Map.of()).get(key);
        return newer != null && newer > offset ? newer : null;
    }

    /**
     * After a replay to a topic that keeps the newest record of each key: the replayed record is its key's newest,
     * so an earlier dead letter of the same record (one parked again at each start of a consumer that reads the
     * topic from its beginning) is superseded by it, not sent a second time.
     */
    private static void replayedIsNewest(DeadLetter replayed, Map<TopicPartition, Map<String, Long>> newest) {
        if (replayed.key() != null && Topics.keepsNewestPerKey(replayed.replay().topic())) {
            newest.computeIfAbsent(new TopicPartition(replayed.replay().topic(), replayed.replay().partition()),
                    partition -> new HashMap<>()).put(replayed.key(), replayed.replay().offset());
        }
    }

    private static DeadLetter withReplay(DeadLetter d, DeadLetter.Replay replay) {
        return new DeadLetter(d.partition(), d.offset(), d.key(), d.parkedAt(), d.originalTopic(), d.originalPartition(),
                d.originalOffset(), d.consumerGroup(), d.exception(), d.message(), d.cause(), d.eventType(), d.eventId(),
                d.payload(), replay, null);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The recoverer writes the original partition as 4 bytes and the offset as 8 (big-endian). */
    private static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] bytes = header.value();
        return switch (bytes.length) {
            case 4 -> (long) ByteBuffer.wrap(bytes).getInt();
            case 8 -> ByteBuffer.wrap(bytes).getLong();
            default -> null;
        };
    }

    private record Parked(ConsumerRecord<?, ?> record, DeadLetter deadLetter) {
    }

    private static final class Scan {

        long parked;
        long pending;
        long superseded;
        boolean truncated;
        final List<DeadLetter> matched = new ArrayList<>();
        final List<Parked> records = new ArrayList<>();
    }
}
