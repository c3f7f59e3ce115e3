package cn.onenet.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows accepted requests to DISPATCHED: a consumer of the lifecycle topic in a fresh group of its own,
 * positioned at the end before the load starts, matches {@code dispatched} (and {@code triaged}) events to the
 * ids of accepted requests ({@link DispatchMatcher}).
 *
 * <p>An event counts as dispatched at its record's timestamp (when routing published it, to the millisecond on the
 * wall clock), not when this consumer reads it: the consumer fetches in batches ({@value #FETCH_MIN_BYTES} bytes or
 * {@value #FETCH_MAX_WAIT_MS} ms), as routing's own background readers do, so that the instrument does not ask the
 * broker for every event of the load. Fetching each event at once had cost the broker's network and request threads
 * about 0.25 ms of CPU an accepted request and this consumer 0.35 ms more (README, twentieth session). The benchmark
 * and routing must therefore share a clock (the same machine, or synchronised clocks).
 */
final class DispatchFollower implements AutoCloseable {

    static final String LIFECYCLE_TOPIC = "onenet.requests.lifecycle.v1";
    static final String DISPATCHED = "cn.onenet.request.dispatched.v1";
    static final String TRIAGED = "cn.onenet.request.triaged.v1";
    static final int FETCH_MIN_BYTES = 65_536;
    static final int FETCH_MAX_WAIT_MS = 100;
    private static final int EARLY_LIMIT = 1_000_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final DispatchMatcher matcher = new DispatchMatcher(EARLY_LIMIT);
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final JsonMapper json;
    private final String groupId;
    private volatile boolean running = true;

    DispatchFollower(String bootstrapServers, JsonMapper json) {
        this.json = json;
        this.groupId = "onenet-benchmark-" + UUID.randomUUID();
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(FETCH_MIN_BYTES));
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_MAX_WAIT_MS));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.thread = new Thread(this::pollLoop, "dispatch-follower");
        this.thread.setDaemon(true);
    }

    String groupId() {
        return groupId;
    }

    /** Subscribes and waits until the consumer holds a position at the end of every partition. */
    void start(Duration timeout) throws InterruptedException {
        thread.start();
        if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Throwable cause = failure.get();
            throw new IllegalStateException("The lifecycle consumer got no partitions of " + LIFECYCLE_TOPIC
                    + " within " + timeout.toSeconds() + " s" + (cause == null ? "" : ": " + cause), cause);
        }
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(LIFECYCLE_TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.seekToEnd(partitions);
                    // materialises the end positions now, before the load starts
                    partitions.forEach(consumer::position);
                    if (!partitions.isEmpty()) {
                        positioned.countDown();
                    }
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long nowNanos = System.nanoTime();
                long nowMillis = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    String type = header(record, "ce_type");
                    if (DISPATCHED.equals(type) || TRIAGED.equals(type)) {
                        String id = record.key() != null ? record.key() : requestIdOf(record.value());
                        if (id != null) {
                            seen(id, type, publishedNanos(record.timestamp(), nowNanos, nowMillis));
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * The moment a record was published, on the {@link System#nanoTime()} scale of the 202s: its timestamp
     * ({@code timestampMillis}, wall clock) as far before the moment it was read ({@code readNanos}, when the wall
     * clock said {@code readMillis}). A record without a timestamp, or one stamped after it was read (clocks apart),
     * counts as published when read.
     */
    static long publishedNanos(long timestampMillis, long readNanos, long readMillis) {
        if (timestampMillis < 0 || timestampMillis > readMillis) {
            return readNanos;
        }
        return readNanos - (readMillis - timestampMillis) * NANOS_PER_MILLI;
    }

    private String requestIdOf(byte[] payload) {
        try {
            return json.readTree(payload).path("requestId").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A lifecycle event of {@code type} for {@code requestId} was published at {@code nanos}. */
    void seen(String requestId, String type, long nanos) {
        matcher.seen(requestId, type, nanos);
    }

    /** Request {@code requestId} was accepted by {@code run}; intended and 202 times in nanos. */
    void accepted(RunRecorder run, String requestId, long intendedNanos, long acceptedNanos, boolean measured) {
        matcher.accepted(run, requestId, intendedNanos, acceptedNanos, measured);
    }

    /** Waits until {@code run} has no accepted request left without its dispatch, or {@code timeout} ran out. */
    boolean awaitDispatches(RunRecorder run, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (run.awaitingDispatch() > 0) {
            if (System.nanoTime() >= deadline || failure.get() != null) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Forgets the requests of {@code run} still waiting; returns how many of its measured ones never arrived. */
    long abandon(RunRecorder run) {
        return matcher.abandon(run);
    }

    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
